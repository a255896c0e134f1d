package postgres_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// TestEventSentencesMarked checks the mark of the sentences that hold an
// event (migration 0210): exactly those have it, as the writer inserts
// them and as the migration sets it on a store written before, and the
// partial full-text index of the marked sentences serves a search of
// them and finds what the words and the events do.
func TestEventSentencesMarked(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t, "marked")
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteDocuments(ctx, append(storetest.Corpus(), storetest.BenchDocs("marked", 40)...)); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		var marked, held, wrong int
		if err := s.DB().QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM sentences WHERE has_event),
			(SELECT count(*) FROM (SELECT DISTINCT article_id, sentence_idx FROM events) e),
			(SELECT count(*) FROM sentences s WHERE has_event <> EXISTS (SELECT 1 FROM events e
				WHERE e.article_id = s.article_id AND e.sentence_idx = s.idx))`).Scan(&marked, &held, &wrong); err != nil {
			t.Fatal(err)
		}
		if held == 0 {
			t.Fatalf("%s: no sentence holds an event; the corpus has some", when)
		}
		if marked != held || wrong != 0 {
			t.Errorf("%s: %d sentences marked, %d wrongly, want the %d with an event", when, marked, wrong, held)
		}
		some := false
		for _, word := range []string{"talks", "iran", "officials", "the"} {
			q := "to_tsquery('simple', '" + word + "')"
			search := `SELECT count(*) FROM sentences s WHERE ` + postgres.Matching(q, true)
			if plan := explain(t, s, "enable_seqscan", search); !strings.Contains(plan, "sentences_event_tsv") {
				t.Errorf("%s: a search of %q among the sentences with an event does not read their index:\n%s", when, word, plan)
			}
			var got, want int
			if err := s.DB().QueryRowContext(ctx, search).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM sentences s WHERE s.tsv @@ `+q+` AND EXISTS (SELECT 1 FROM events e
				WHERE e.article_id = s.article_id AND e.sentence_idx = s.idx)`).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: %q matches %d sentences with an event, want %d", when, word, got, want)
			}
			some = some || want > 0
		}
		if !some {
			t.Fatalf("%s: no word matches a sentence with an event; the corpus has some", when)
		}
	}
	check("written")
	// Take the store back to before the migration, then open it again.
	if _, err := s.DB().ExecContext(ctx, `DROP INDEX sentences_event_tsv;
		ALTER TABLE sentences DROP COLUMN has_event;
		DELETE FROM schema_migrations WHERE version = 210`); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = postgres.Open(ctx, url); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("migrated")
}

// TestSentencesOfFewEvents checks the search of sentences that starts
// from a filter's few events (VeryDense, from LooksUp) against the one
// that reads the matches holding an event: the same sentences, in the
// same order, for words and filters that find some, many or none.
func TestSentencesOfFewEvents(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "few", 300)
	found := 0
	for _, c := range []struct{ query, source string }{
		{"officials", "IRN"}, {"talks security", "USA"}, {"border", "PRK"}, {"zanzibar", "USA"}, {"officials", "ATA"},
	} {
		where := " AND (s.article_id, s.idx) IN (SELECT article_id, sentence_idx FROM events WHERE counted = true AND source_country = ?)"
		for _, limit := range []int{5, 200} {
			sq := sqlstore.SentenceQuery{Query: c.query, Where: where, Args: []any{c.source}, Limit: limit, HoldEvents: true}
			want, err := postgres.Sentences(ctx, s, sq)
			if err != nil {
				t.Fatal(err)
			}
			sq.VeryDense = true
			got, err := postgres.Sentences(ctx, s, sq)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q of %s's events, %d: looked up %d sentences, want the %d of the matches:\n%v\nwant\n%v",
					c.query, c.source, limit, len(got), len(want), got, want)
			}
			found += len(want)
		}
	}
	if found == 0 {
		t.Fatal("no search found a sentence; the corpus has some")
	}
}

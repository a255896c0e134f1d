package postgres_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/internal/sqlscan"
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
	s, url := openCorpus(t, "marked")
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
	s = migrateAgain(t, s, url, undoDays+`DROP INDEX sentences_event_tsv;
		ALTER TABLE sentences DROP COLUMN has_event;
		DELETE FROM schema_migrations WHERE version = 210`)
	check("migrated")
}

// TestEventSentencesWithoutSentence checks that EventSentences leaves out
// an event whose sentence is not stored, as it leaves out one not
// stored, and gives the others: no key ties events to sentences here (on
// SQLite one does), and the sentence is read for each event, not joined.
// No write leaves an event so; the row is deleted here.
func TestEventSentencesWithoutSentence(t *testing.T) {
	ctx := context.Background()
	s, _ := openCorpus(t, "nosentence")
	doc := storetest.Corpus()[0]
	gone := doc.Events[1]
	if _, err := s.DB().ExecContext(ctx, `DELETE FROM sentences WHERE article_id = $1 AND idx = $2`, doc.Article.ID,
		gone.SentenceIndex); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range doc.Events {
		ids = append(ids, e.ID)
	}
	got, err := s.EventSentences(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Events {
		es, found := got[e.ID]
		if lost := e.SentenceIndex == gone.SentenceIndex; found == lost {
			t.Errorf("event %s of sentence %d: found %v, want %v (sentence %d deleted)", e.ID, e.SentenceIndex, found, !lost,
				gone.SentenceIndex)
		} else if found && es.Text != doc.Sentences[e.SentenceIndex].Text {
			t.Errorf("event %s: sentence %q, want %q", e.ID, es.Text, doc.Sentences[e.SentenceIndex].Text)
		}
	}
}

// openCorpus opens a store of its own, named after prefix, with the
// conformance corpus and 40 bench documents written, and returns it with
// its URL, to be opened again.
func openCorpus(t *testing.T, prefix string) (*postgres.Store, string) {
	t.Helper()
	ctx := context.Background()
	url := pgtest.URL(t, prefix)
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteDocuments(ctx, append(storetest.Corpus(), storetest.BenchDocs(prefix, 40)...)); err != nil {
		t.Fatal(err)
	}
	return s, url
}

// undoDays takes a store back to before migrations 0290 and 0300, whose
// full-text indexes of sentences an earlier migration taken back and run
// again would otherwise leave without the days' lexemes: the day goes
// with the indexes that hold it, the index of articles comes back as 0230
// left it (undoArticleDays), that of every sentence as 0210 did, that of
// the sentences with an event as 0240 did.
const undoDays = undoArticleDays + `ALTER TABLE sentences DROP COLUMN day;
	DROP FUNCTION publication_day(timestamptz);
	CREATE INDEX sentences_tsv ON sentences USING GIN ((tsv || ('M' || month::text)::tsvector));
	CREATE INDEX sentences_event_tsv ON sentences USING GIN ((tsv || ('M' || month::text)::tsvector), pairs) WHERE has_event;
	DELETE FROM schema_migrations WHERE version = 290;
	`

// undoArticleDays takes a store back to before migration 0300: the
// full-text index of articles holds their months' lexemes alone, as
// migration 0230 left it.
const undoArticleDays = `DROP INDEX articles_tsv;
	CREATE INDEX articles_tsv ON articles USING GIN ((tsv || ('M' || publication_month(published)::text)::tsvector));
	DELETE FROM schema_migrations WHERE version = 300;
	`

// migrateAgain takes s back to before a migration by undo, closes it and
// opens the store at url again, which migrates it; the store it returns
// is closed when the test ends.
func migrateAgain(t *testing.T, s *postgres.Store, url, undo string) *postgres.Store {
	t.Helper()
	ctx := context.Background()
	if _, err := s.DB().ExecContext(ctx, undo); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
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

// TestSentencePairs checks the pairs of the sentences that hold an event
// (migration 0240): each holds exactly its events' pairs, as the writer
// inserts them and as the migration sets them on a store written before,
// and the full-text index of those sentences serves a search narrowed to
// a pair and finds what the words and the events do.
func TestSentencePairs(t *testing.T) {
	ctx := context.Background()
	s, url := openCorpus(t, "pairs")
	// The events' pairs, each as the lesser code, "-" and the greater.
	const events = `(SELECT article_id, sentence_idx, array_agg(DISTINCT least(source_country COLLATE "C", target_country COLLATE "C")
		|| '-' || greatest(source_country COLLATE "C", target_country COLLATE "C")) AS pairs FROM events GROUP BY 1, 2) e`
	check := func(when string) {
		t.Helper()
		var paired, wrong int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE s.pairs IS NOT NULL),
			count(*) FILTER (WHERE NOT (s.pairs @> e.pairs AND s.pairs <@ e.pairs) OR (s.pairs IS NULL) <> (e.pairs IS NULL))
			FROM sentences s LEFT JOIN `+events+` ON e.article_id = s.article_id AND e.sentence_idx = s.idx`).Scan(&paired, &wrong); err != nil {
			t.Fatal(err)
		}
		if paired == 0 || wrong != 0 {
			t.Errorf("%s: %d sentences with pairs, %d of them or others wrong", when, paired, wrong)
		}
		pairs, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, `SELECT unnest(pairs) p FROM sentences GROUP BY p ORDER BY count(*) DESC LIMIT 3`)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, pair := range pairs {
			for _, word := range []string{"talks", "officials", "border", "zanzibar"} {
				q := "to_tsquery('simple', '" + word + "')"
				search := `SELECT count(*) FROM sentences s WHERE ` + postgres.Matching(q, true) + ` AND s.pairs @> ARRAY['` + pair + `']`
				var got, want int
				if err := s.DB().QueryRowContext(ctx, search).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM sentences s WHERE s.tsv @@ `+q+` AND EXISTS (SELECT 1 FROM events e
					WHERE e.article_id = s.article_id AND e.sentence_idx = s.idx AND least(source_country, target_country) || '-' ||
						greatest(source_country, target_country) = $1)`, pair).Scan(&want); err != nil {
					t.Fatal(err)
				}
				// A word that the statistics (taken by migration 0290) find in
				// no sentence is as well read from the index of every
				// sentence, its list as short: the plan is checked where the
				// pair's sentences hold the word.
				if plan := explain(t, s, "enable_seqscan", search); want > 0 && (!strings.Contains(plan, "sentences_event_tsv") ||
					!strings.Contains(plan, "pairs @>") || strings.Contains(plan, "Filter: (s.pairs")) {
					t.Errorf("%s: a search of %q among the sentences of %s does not read both in their index:\n%s", when, word, pair, plan)
				}
				if got != want {
					t.Errorf("%s: %q matches %d sentences of %s, want %d", when, word, got, pair, want)
				}
				found += want
			}
		}
		if found == 0 {
			t.Fatalf("%s: no word matches a sentence of a pair; the corpus has some", when)
		}
	}
	check("written")
	s = migrateAgain(t, s, url, undoDays+`ALTER TABLE sentences DROP COLUMN pairs;
		CREATE INDEX sentences_event_tsv ON sentences USING GIN ((tsv || ('M' || month::text)::tsvector)) WHERE has_event;
		DELETE FROM schema_migrations WHERE version = 240`)
	check("migrated")
}

// TestPairSearches checks the searches narrowed to a pair, which read
// the matches of their words and pair together (HoldsPairs): the pages of
// events, walked by their cursor, and the sentences are those a join of
// every match with its events gives, for words and pairs that find some,
// many or none.
func TestPairSearches(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "pairsearch", 600)
	pairs, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, `SELECT least(source_country, target_country) || ' ' ||
		greatest(source_country, target_country) p FROM events GROUP BY p ORDER BY count(*) DESC, p LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, p := range append(pairs, "ATA FRA") {
		a, b, _ := strings.Cut(p, " ")
		for _, query := range []string{"officials", "talks security", "6", "zanzibar"} {
			const matches = ` FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
				JOIN articles a ON a.id = e.article_id
				WHERE e.counted AND least(e.source_country, e.target_country) = least($2::text, $3::text)
				AND greatest(e.source_country, e.target_country) = greatest($2::text, $3::text) AND s.tsv @@ plainto_tsquery('simple', $1)`
			events, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, `SELECT e.id`+matches+` ORDER BY e.day DESC, e.id DESC`, query, a, b)
			if err != nil {
				t.Fatal(err)
			}
			sentences, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, `SELECT DISTINCT ON (a.published, a.id, s.idx)
				s.article_id || ' ' || s.idx`+matches+` ORDER BY a.published DESC, a.id DESC, s.idx`, query, a, b)
			if err != nil {
				t.Fatal(err)
			}
			found += len(events)
			for _, limit := range []int{5, 50} {
				f := detente.EventFilter{Query: query, Pair: [2]string{b, a}, Limit: limit}
				var got []string
				for _, e := range storetest.PagesOf(t, s, f, 3) {
					got = append(got, e.ID)
				}
				if want := events[:min(len(events), 3*limit)]; !slices.Equal(got, want) {
					t.Errorf("%q of %s, pages of %d: %d events, want %d (%v, want %v)", query, p, limit, len(got), len(want), head(got), head(want))
				}
				hits, err := s.SearchSentences(ctx, query, detente.EventFilter{Pair: [2]string{a, b}}, limit)
				if err != nil {
					t.Fatal(err)
				}
				got = nil
				for _, h := range hits {
					got = append(got, h.Sentence.ArticleID+" "+strconv.Itoa(h.Sentence.Index))
				}
				if want := sentences[:min(len(sentences), limit)]; !slices.Equal(got, want) {
					t.Errorf("%q of %s, %d: %d sentences, want %d (%v, want %v)", query, p, limit, len(got), len(want), head(got), head(want))
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no search found an event; the corpus has some")
	}
}

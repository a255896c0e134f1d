package sqlite

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/storetest"
)

// eventSentenceMatches returns, for each word, the sentences of the index
// of sentences with an event that match it, and those of the index of
// every sentence that match it and hold an event.
func eventSentenceMatches(t *testing.T, s *Store, word string) (indexed, want map[string]int64) {
	t.Helper()
	indexed = pairs(t, s, `SELECT CAST(rowid AS TEXT), rowid FROM event_sentences_fts WHERE event_sentences_fts MATCH '`+word+`'`)
	want = pairs(t, s, `SELECT CAST(rowid AS TEXT), rowid FROM sentences_fts WHERE sentences_fts MATCH '`+word+`'
		AND rowid IN (SELECT sentence_id FROM events)`)
	return indexed, want
}

// The writer puts a sentence into the index of sentences with an event
// (migration 0210) with its first event, once, and no other sentence;
// the migration indexes a store written before it the same way.
func TestEventSentencesIndexed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	docs := append(storetest.Corpus(), storetest.BenchDocs("indexed", 40)...)
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	words := []string{"talks", "Iran", "said", "the"}
	check := func(when string) {
		t.Helper()
		some := false
		for _, w := range words {
			indexed, want := eventSentenceMatches(t, s, w)
			if !maps.Equal(indexed, want) {
				t.Errorf("%s: %q matches %d sentences of the event index, want the %d with an event: %v, want %v",
					when, w, len(indexed), len(want), indexed, want)
			}
			some = some || len(want) > 0
		}
		if !some {
			t.Fatalf("%s: no word matches a sentence with an event; the corpus has some", when)
		}
		var rows, sentences int
		if err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM event_sentences_fts_docsize),
			(SELECT count(DISTINCT sentence_id) FROM events)`).Scan(&rows, &sentences); err != nil {
			t.Fatal(err)
		}
		if rows != sentences {
			t.Errorf("%s: the event index holds %d sentences, want the %d with an event", when, rows, sentences)
		}
	}
	check("written")
	s = migrateAgain(t, s, path, undoEventSentences...)
	check("migrated")
}

// undoEventSentences takes a store back to before the index of sentences
// with an event (migrations 0210 and 0260).
var undoEventSentences = []string{`DROP TABLE event_sentences_fts`, `ALTER TABLE sentences DROP COLUMN pairs`,
	`DELETE FROM schema_migrations WHERE version IN (210, 260)`}

// The writer gives each sentence with an event its events' pairs
// (migration 0260), and the migration gives a store written before it
// the same; the index of those sentences then finds, for words and a
// pair, the sentences that match the words and hold an event of the
// pair, and a search of a word that looks like a pair's finds it in the
// text alone.
func TestSentencePairs(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	docs := append(storetest.Corpus(), storetest.FilteredDocs(240)...)
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	held := func() map[string]string {
		t.Helper()
		rows, err := sqlscan.Query(ctx, s.read, func(sc sqlscan.Scanner) ([2]string, error) {
			var r [2]string
			return r, sc.Scan(&r[0], &r[1])
		}, `SELECT article_id || ' ' || idx, pairs FROM sentences WHERE pairs IS NOT NULL`)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, r := range rows {
			m[r[0]] = r[1]
		}
		return m
	}
	check := func(when string) {
		t.Helper()
		// The first filtered article's first sentence holds an event
		// between the United States and Iran and one between Oman and
		// Yemen.
		first := docs[len(storetest.Corpus())].Article.ID
		if got := held()[first+" 0"]; got != "03irnusa 03omnyem" {
			t.Errorf("%s: the first filtered sentence holds pairs %q, want %q", when, got, "03irnusa 03omnyem")
		}
		found := 0
		for _, pair := range [][2]string{{"USA", "IRN"}, {"OMN", "YEM"}, {"CHN", "RUS"}, {"FRA", "DEU"}} {
			for _, word := range []string{"common", "alpha", "gamma", "talks"} {
				q, err := eventQuery(word)
				if err != nil {
					t.Fatal(err)
				}
				got := pairs(t, s, `SELECT CAST(rowid AS TEXT), rowid FROM event_sentences_fts WHERE event_sentences_fts MATCH '`+
					strings.ReplaceAll(pairMatch(q, pair), "'", "''")+`' UNION ALL SELECT 'none', 0`)
				want := pairs(t, s, `SELECT CAST(rowid AS TEXT), rowid FROM sentences_fts WHERE sentences_fts MATCH '`+word+`'
					AND rowid IN (SELECT sentence_id FROM events WHERE (source_country = '`+pair[0]+`' AND target_country = '`+pair[1]+`')
						OR (source_country = '`+pair[1]+`' AND target_country = '`+pair[0]+`')) UNION ALL SELECT 'none', 0`)
				if !maps.Equal(got, want) {
					t.Errorf("%s: %q and %s-%s match %d sentences, want %d", when, word, pair[0], pair[1], len(got)-1, len(want)-1)
				}
				found += len(want) - 1
			}
		}
		if found == 0 {
			t.Fatalf("%s: no word matches a sentence of a pair; the corpus has some", when)
		}
		// Typed by a user, a pair's word is a word of the text.
		for _, f := range []detente.EventFilter{{Query: "03irnusa"}, {Query: "03irnusa", Pair: [2]string{"USA", "IRN"}}} {
			page, err := s.Events(ctx, f)
			if err != nil || len(page.Events) != 0 {
				t.Errorf("%s: events of %+v: %d, %v; want none", when, f, len(page.Events), err)
			}
			hits, err := s.SearchSentences(ctx, f.Query, f, 10)
			if err != nil || len(hits) != 0 {
				t.Errorf("%s: sentences of %+v: %d, %v; want none", when, f, len(hits), err)
			}
		}
	}
	check("written")
	written := held()
	s = migrateAgain(t, s, path, undoEventSentences...)
	if migrated := held(); !maps.Equal(migrated, written) {
		t.Errorf("the migration gives %d sentences pairs, the writer %d, or others", len(migrated), len(written))
	}
	check("migrated")
}

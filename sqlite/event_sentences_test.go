package sqlite

import (
	"context"
	"maps"
	"path/filepath"
	"testing"

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
	s = migrateAgain(t, s, path, `DROP TABLE event_sentences_fts`, `DELETE FROM schema_migrations WHERE version = 210`)
	check("migrated")
}

package sqlite

import (
	"context"
	"maps"
	"path/filepath"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/storetest"
)

// Sentences are numbered by their article's second of publication, those
// of one second in the order they were stored.
func TestSentenceKeys(t *testing.T) {
	docs := storetest.BenchDocs("keys", 6) // three articles a second
	s := storeWith(t, docs)
	keys := sentenceKeys(t, s)
	next := map[time.Time]int64{}
	for _, d := range docs {
		sec := d.Article.Published.Truncate(time.Second)
		for _, sn := range d.Sentences {
			want := firstKey(sec) + next[sec]
			next[sec]++
			if got := keys[d.Article.ID+"/"+string(rune('a'+sn.Index))]; got != want {
				t.Errorf("sentence %d of %s published %s: id %d, want %d", sn.Index, d.Article.ID, sec, got, want)
			}
		}
	}
	if got := keyTime(firstKey(docs[0].Article.Published) + 5); !got.Equal(docs[0].Article.Published.Truncate(time.Second)) {
		t.Errorf("keyTime = %s, want %s", got, docs[0].Article.Published)
	}
}

// Migrations 0090 and 0091 number the sentences and articles of a store
// written before them as the writes number them now, keep events on their
// sentences, build the full-text indexes again and record the events
// dated off their article's day.
func TestMigrateSentenceKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteDocuments(ctx, append(storetest.Corpus(), storetest.BenchDocs("old", 9)...)); err != nil {
		t.Fatal(err)
	}
	want, wantEvents, wantMatches := sentenceKeys(t, s), eventSentences(t, s), matches(t, s, "talks")
	wantSeq, wantArticles := pairs(t, s, `SELECT id, seq FROM articles`), pairs(t, s, articleMatches)
	// Take the store back to before 0090: sentences numbered as stored,
	// no record of misdated events, one event dated a day late.
	var late string
	if err := s.write.QueryRowContext(ctx, `SELECT id FROM events ORDER BY id LIMIT 1`).Scan(&late); err != nil {
		t.Fatal(err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`PRAGMA defer_foreign_keys = ON`,
		`DROP TABLE sentences_fts`,
		`CREATE TEMP TABLE renumber AS SELECT id AS key, row_number() OVER (ORDER BY article_id DESC, idx) AS old FROM sentences`,
		`UPDATE sentences SET id = (SELECT old FROM renumber WHERE key = sentences.id)`,
		`UPDATE events SET sentence_id = (SELECT old FROM renumber WHERE key = events.sentence_id)`,
		`DROP TABLE renumber`,
		`CREATE VIRTUAL TABLE sentences_fts USING fts5 (text, content = 'sentences', content_rowid = 'id',
			tokenize = 'unicode61 remove_diacritics 2')`,
		`INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')`,
		`DROP TABLE misdated_events`,
		`DROP TABLE articles_fts`,
		`UPDATE articles SET seq = seq % 1000003`,
		`CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, content = 'articles', content_rowid = 'seq',
			tokenize = 'unicode61 remove_diacritics 2')`,
		`INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')`,
		`DELETE FROM schema_migrations WHERE version = 91`,
		`DELETE FROM schema_migrations WHERE version = 90`,
		`UPDATE events SET day = date(day, '+1 day') WHERE id = '` + late + `'`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := sentenceKeys(t, s); maps.Equal(got, want) {
		t.Fatal("the store taken back still has the new numbering")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := sentenceKeys(t, s); !maps.Equal(got, want) {
		t.Errorf("after 0090 sentences are numbered %v, want %v", got, want)
	}
	if got := eventSentences(t, s); !maps.Equal(got, wantEvents) {
		t.Errorf("after 0090 events are on sentences %v, want %v", got, wantEvents)
	}
	if got := matches(t, s, "talks"); !maps.Equal(got, wantMatches) {
		t.Errorf("after 0090 \"talks\" matches %v, want %v", got, wantMatches)
	}
	if got := pairs(t, s, `SELECT id, seq FROM articles`); !maps.Equal(got, wantSeq) {
		t.Errorf("after 0091 articles are numbered %v, want %v", got, wantSeq)
	}
	if got := pairs(t, s, articleMatches); !maps.Equal(got, wantArticles) {
		t.Errorf("after 0091 \"talks\" matches articles %v, want %v", got, wantArticles)
	}
	var misdated []string
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM misdated_events`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		misdated = append(misdated, id)
	}
	if err := rows.Err(); err != nil || len(misdated) != 1 || misdated[0] != late {
		t.Errorf("misdated events %v, %v; want [%s]", misdated, err, late)
	}
	// With an event dated off its sentence's day, a search of events
	// cannot take the day from the sentence.
	newest := func() (bool, error) {
		_, _, ok, err := (search{}).NewestEvents(ctx, s.read, "talks", [2]string{}, sqlstore.Window{}, "counted = 1", nil, 10)
		return ok, err
	}
	if ok, err := newest(); ok || err != nil {
		t.Errorf("NewestEvents with a misdated event: ok %v, %v; want not ok", ok, err)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM misdated_events`); err != nil {
		t.Fatal(err)
	}
	if ok, err := newest(); !ok || err != nil {
		t.Errorf("NewestEvents: ok %v, %v; want ok", ok, err)
	}
}

// articleMatches selects the articles whose text holds "talks", by ID,
// with their seq.
const articleMatches = `SELECT a.id, a.seq FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
	WHERE articles_fts MATCH 'talks'`

// sentenceKeys returns the id of every sentence by its article's ID, a
// slash and a letter for its index.
func sentenceKeys(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	return pairs(t, s, `SELECT article_id || '/' || char(97 + idx), id FROM sentences`)
}

// eventSentences returns the sentence id of every event by its ID.
func eventSentences(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	return pairs(t, s, `SELECT id, sentence_id FROM events`)
}

// matches returns the sentences the full-text index finds for word, by
// id.
func matches(t *testing.T, s *Store, word string) map[string]int64 {
	t.Helper()
	return pairs(t, s, `SELECT CAST(rowid AS TEXT), rowid FROM sentences_fts WHERE sentences_fts MATCH '`+word+`'`)
}

// pairs returns the rows of a query of a text and a number as a map.
func pairs(t *testing.T, s *Store, query string) map[string]int64 {
	t.Helper()
	rows, err := s.read.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var (
			k string
			v int64
		)
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no rows", query)
	}
	return out
}

// An event dated off its article's day of publication is recorded.
func TestMisdatedEvents(t *testing.T) {
	docs := storetest.BenchDocs("late", 2)
	late := &docs[1].Events[0]
	late.Date = late.Date.AddDate(0, 0, 1)
	s := storeWith(t, docs)
	if got := pairs(t, s, `SELECT id, 1 FROM misdated_events`); len(got) != 1 || got[late.ID] != 1 {
		t.Errorf("misdated events %v, want %s only", got, late.ID)
	}
}

package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

func open(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "detente.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t) })
}

func BenchmarkWriteDocuments(b *testing.B) { storetest.BenchmarkWrite(b, open(b)) }

func BenchmarkEvents(b *testing.B) { storetest.BenchmarkEvents(b, open(b)) }

// TestStatsTotals checks the running totals Stats reads against counts of
// the rows, after new, repeated and wire-copy writes.
func TestStatsTotals(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	docs := storetest.Corpus()
	copyOf := docs[0]
	copyOf.Article.ID, copyOf.Article.URL = "copy", "https://copy.example/1"
	copyOf.Events = append([]detente.Event(nil), copyOf.Events...)
	for i := range copyOf.Events {
		copyOf.Events[i].ID += "-copy"
	}
	for _, batch := range [][]detente.Document{docs[:2], docs, {copyOf}, storetest.BenchDocs("totals", 30)} {
		if err := s.WriteDocuments(ctx, batch); err != nil {
			t.Fatal(err)
		}
		got, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var want detente.Stats
		err = s.ReadDB().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),
			(SELECT count(*) FROM events WHERE counted = 1), (SELECT count(*) FROM stories)`).
			Scan(&want.Articles, &want.Sentences, &want.Events, &want.Stories)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Stats = %+v, rows say %+v", got, want)
		}
	}
}

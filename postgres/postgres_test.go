package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// open returns a store in a fresh schema of the test server, dropped when
// the test ends.
func open(t testing.TB) *postgres.Store { return pgtest.Open(t, "store") }

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t) })
}

func TestOptimize(t *testing.T) {
	s := open(t)
	if err := s.WriteDocuments(context.Background(), storetest.Corpus()); err != nil {
		t.Fatal(err)
	}
	if err := s.Optimize(context.Background()); err != nil {
		t.Fatal(err)
	}
	// reltuples is -1 until a table is first analyzed.
	var tuples float64
	err := s.DB().QueryRowContext(context.Background(), `SELECT reltuples FROM pg_class
		WHERE oid = 'events'::regclass`).Scan(&tuples)
	if err != nil || tuples != 10 {
		t.Errorf("events reltuples = %v, %v; want 10 after ANALYZE", tuples, err)
	}
}

func FuzzUserInput(f *testing.F) {
	s := open(f)
	if err := s.WriteDocuments(context.Background(), storetest.Corpus()); err != nil {
		f.Fatal(err)
	}
	storetest.Fuzz(f, s)
}

func BenchmarkWriteDocuments(b *testing.B) { storetest.BenchmarkWrite(b, open(b)) }

func BenchmarkEvents(b *testing.B) { storetest.BenchmarkEvents(b, open(b)) }

// TestStatsTotals checks the running totals Stats reads against counts of
// the rows, after new, repeated and wire-copy writes and after Optimize
// folds them.
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
	check := func(when string) {
		t.Helper()
		got, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var want detente.Stats
		err = s.DB().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),
			(SELECT count(*) FROM events WHERE counted), (SELECT count(*) FROM stories)`).
			Scan(&want.Articles, &want.Sentences, &want.Events, &want.Stories)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: Stats = %+v, rows say %+v", when, got, want)
		}
	}
	for i, batch := range [][]detente.Document{docs[:2], docs, {copyOf}, storetest.BenchDocs("totals", 30)} {
		if err := s.WriteDocuments(ctx, batch); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("after batch %d", i))
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	check("after Optimize")
	var rows int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM count_deltas`).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("count_deltas after Optimize: %d rows, %v; want 1", rows, err)
	}
}

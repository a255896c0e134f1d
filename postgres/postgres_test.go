package postgres_test

import (
	"context"
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

// TestOptimize checks that Optimize analyzes the tables and folds the
// running totals of Stats, one row a write, into one row; the conformance
// suite checks the totals stay right.
func TestOptimize(t *testing.T) {
	s := open(t)
	docs := storetest.Corpus()
	for _, batch := range [][]detente.Document{docs[:2], docs[2:]} {
		if err := s.WriteDocuments(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Optimize(context.Background()); err != nil {
		t.Fatal(err)
	}
	var rows int
	if err := s.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM count_deltas`).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("count_deltas after Optimize: %d rows, %v; want 1", rows, err)
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

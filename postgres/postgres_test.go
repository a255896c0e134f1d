package postgres_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// open returns a store in a fresh schema of the test server, dropped when
// the test ends.
func open(t testing.TB) *postgres.Store { return pgtest.Open(t, "store") }

// openBench returns a store holding storetest.BenchDocs(prefix, n), with
// the planner's statistics refreshed, for the tests of query plans.
func openBench(t *testing.T, prefix string, n int) *postgres.Store {
	t.Helper()
	s := open(t)
	if err := s.WriteDocuments(context.Background(), storetest.BenchDocs(prefix, n)); err != nil {
		t.Fatal(err)
	}
	if err := s.Optimize(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// explain returns PostgreSQL's plan of query, with its arguments, with
// the planner setting off ("enable_sort") in its transaction: on the
// tests' small corpora a sort or a scan of a whole table costs nothing,
// and the plans meant for large stores show only when told to avoid one.
func explain(t *testing.T, s *postgres.Store, off, query string, args ...any) string {
	t.Helper()
	var plan []string
	plannerOff(t, s, off, func(tx *sql.Tx) {
		var err error
		if plan, err = sqlscan.Query(context.Background(), tx, sqlscan.String, `EXPLAIN VERBOSE `+query, args...); err != nil {
			t.Fatal(err)
		}
	})
	return strings.Join(plan, "\n")
}

// plannerOff runs f in a transaction of s with the planner setting off
// ("enable_sort"), then rolls it back.
func plannerOff(t *testing.T, s *postgres.Store, off string, f func(tx *sql.Tx)) {
	t.Helper()
	ctx := context.Background()
	tx, err := s.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL `+off+` = off`); err != nil {
		t.Fatal(err)
	}
	f(tx)
}

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

// TestFoldTotals checks that FoldTotals folds the running totals, a row a
// write, into one row, says how many it folded, and keeps Stats.
func TestFoldTotals(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	docs := storetest.Corpus()
	for _, d := range docs {
		if err := s.WriteDocuments(ctx, []detente.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	rows := func() int {
		t.Helper()
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM count_deltas`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	written := rows()
	if written <= len(docs) {
		t.Fatalf("%d rows of running totals after %d writes, want more", written, len(docs))
	}
	if folded, err := s.FoldTotals(ctx); err != nil || folded != written {
		t.Errorf("FoldTotals = %d, %v; want %d rows folded", folded, err, written)
	}
	if n := rows(); n != 1 {
		t.Errorf("%d rows of running totals after the fold, want 1", n)
	}
	if after, err := s.Stats(ctx); err != nil || after != before {
		t.Errorf("Stats after the fold = %+v, %v; want %+v", after, err, before)
	}
	if folded, err := s.FoldTotals(ctx); err != nil || folded != 1 {
		t.Errorf("FoldTotals again = %d, %v; want the one row", folded, err)
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

// TestConnectionSettings checks that the store's connections plan no
// parallel queries and compile no statement, unless its URL sets how many
// workers a query may have or whether to compile, as a parameter or in
// its options.
func TestConnectionSettings(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ params, workers, jit string }{
		{"", "0", "off"},
		{"&max_parallel_workers_per_gather=2", "2", "off"},
		{"&jit=on", "0", "on"},
		{"&options=-cjit%3Don", "0", "on"},
	} {
		s, err := postgres.Open(ctx, pgtest.URL(t, "connset")+c.params)
		if err != nil {
			t.Fatal(err)
		}
		var workers, jit string
		err = s.DB().QueryRowContext(ctx, `SELECT current_setting('max_parallel_workers_per_gather'), current_setting('jit')`).
			Scan(&workers, &jit)
		s.Close()
		if err != nil || workers != c.workers || jit != c.jit {
			t.Errorf("URL params %q: max_parallel_workers_per_gather %q, jit %q, %v; want %s, %s", c.params, workers, jit, err,
				c.workers, c.jit)
		}
	}
}

package sqlstore

import (
	"context"
	"testing"
)

// The counts that plan searches are kept until the tension revision
// changes, each under its query, arguments and bound, and no more than
// keptCounts of them.
func TestCountsKept(t *testing.T) {
	ctx := context.Background()
	db := tempDB(t, "counts.db")
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`CREATE TABLE tension_revision (n INTEGER NOT NULL); INSERT INTO tension_revision VALUES (1);
		CREATE TABLE t (x INTEGER)`)
	add := func(n int) {
		t.Helper()
		for i := range n {
			exec(`INSERT INTO t VALUES (?)`, i)
		}
	}
	s := New(db, db, Dialect{})
	defer s.Close()
	count := func(want int, query string, args []any, n int) {
		t.Helper()
		if got, err := s.upTo(ctx, query, args, n); err != nil || got != want {
			t.Errorf("upTo(%s, %v, %d) = %d, %v; want %d", query, args, n, got, err, want)
		}
	}
	add(5)
	count(5, `SELECT 1 FROM t`, nil, 100)
	add(5)
	count(5, `SELECT 1 FROM t`, nil, 100)                  // kept
	count(3, `SELECT 1 FROM t`, nil, 3)                    // another bound
	count(4, `SELECT 1 FROM t WHERE x < ?`, []any{2}, 100) // two rows of each add
	count(8, `SELECT 1 FROM t WHERE x < ?`, []any{4}, 100)
	exec(bumpRevision)
	count(10, `SELECT 1 FROM t`, nil, 100)
	for i := range keptCounts + 10 {
		count(min(i, 10), `SELECT 1 FROM t`, nil, i)
	}
	s.counts.mu.Lock()
	kept := len(s.counts.entries)
	s.counts.mu.Unlock()
	if kept > keptCounts {
		t.Errorf("%d counts kept, want at most %d", kept, keptCounts)
	}
}

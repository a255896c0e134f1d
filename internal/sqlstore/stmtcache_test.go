package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// tempDB opens a SQLite database named name in the test's temporary
// directory, closed when the test ends.
func tempDB(t *testing.T, name string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestStmtCache(t *testing.T) {
	ctx := context.Background()
	db := tempDB(t, "cache.db")
	c := newStmtCache(db, 2)
	query := func(q string, arg int) int {
		t.Helper()
		var n int
		if err := c.QueryRowContext(ctx, q, arg).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	cached := func(q string) *sql.Stmt {
		t.Helper()
		c.mu.Lock()
		defer c.mu.Unlock()
		if e, ok := c.byText[q]; ok {
			return e.Value.(*cachedStmt).stmt
		}
		return nil
	}
	isClosed := func(st *sql.Stmt) bool {
		t.Helper()
		var n int
		return st.QueryRowContext(ctx, 1).Scan(&n) != nil
	}
	const one, two, three = "SELECT ? + 1", "SELECT ? + 2", "SELECT ? + 3"

	// Reuse: a query run again runs on the statement prepared the first time.
	if n := query(one, 1); n != 2 {
		t.Errorf("%s with 1 = %d, want 2", one, n)
	}
	first := cached(one)
	if first == nil {
		t.Fatalf("%s not cached", one)
	}
	if n := query(one, 5); n != 6 || cached(one) != first {
		t.Errorf("%s again = %d, its statement %p, want 6 and the first %p", one, n, cached(one), first)
	}

	// Eviction: the least recently used goes, and its statement is closed.
	query(two, 1)
	query(one, 1) // two is now the least recently used
	query(three, 1)
	older := cached(two)
	if older != nil || cached(one) != first || cached(three) == nil {
		t.Errorf("after a third statement: %s cached %v, %s the first %v, %s cached %v; want false, true, true",
			two, older != nil, one, cached(one) == first, three, cached(three) != nil)
	}
	evicted := first // one is the least recently used now
	query(two, 1)
	if cached(one) != nil || !isClosed(evicted) {
		t.Errorf("evicted %s: cached %v, closed %v; want false, true", one, cached(one) != nil, isClosed(evicted))
	}

	// A statement evicted while a query starts on it, or while its rows
	// are read, is closed only after them.
	rows, err := c.QueryContext(ctx, "SELECT 1 UNION ALL SELECT 2")
	if err != nil {
		t.Fatal(err)
	}
	held := c.get(ctx, one)
	heldStmt := held.stmt
	query(two, 1)
	query(three, 1)
	if cached(one) != nil || isClosed(heldStmt) {
		t.Errorf("%s in use and evicted: cached %v, closed %v; want false, false", one, cached(one) != nil, isClosed(heldStmt))
	}
	c.release(held)
	if !isClosed(heldStmt) {
		t.Errorf("%s evicted and released: not closed", one)
	}
	var got []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		got = append(got, n)
	}
	if err := rows.Err(); err != nil || len(got) != 2 {
		t.Errorf("rows of an evicted statement: %v, %v; want [1 2]", got, err)
	}
	rows.Close()

	// Long statements run but are not kept.
	long := "SELECT ? + 1 -- " + strings.Repeat("x", maxCachedText)
	if n := query(long, 1); n != 2 || cached(long) != nil {
		t.Errorf("a long statement = %d, cached %v; want 2, false", n, cached(long) != nil)
	}

	// Concurrent queries of more statements than the cache keeps.
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				q := fmt.Sprintf("SELECT ? + %d", (g+i)%5)
				var n int
				if err := c.QueryRowContext(ctx, q, i).Scan(&n); err != nil || n != i+(g+i)%5 {
					t.Errorf("%s with %d = %d, %v", q, i, n, err)
					return
				}
			}
		})
	}
	wg.Wait()

	// Closing closes every statement; later queries still run, unprepared.
	var kept []*sql.Stmt
	for _, q := range []string{two, three} {
		query(q, 1)
		kept = append(kept, cached(q))
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	for i, st := range kept {
		if !isClosed(st) {
			t.Errorf("statement %d open after Close", i)
		}
	}
	if n := query(one, 1); n != 2 || cached(one) != nil {
		t.Errorf("after Close %s = %d, cached %v; want 2, false", one, n, cached(one) != nil)
	}
}

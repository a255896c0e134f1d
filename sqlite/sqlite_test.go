package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

func open(t testing.TB) *sqlite.Store {
	t.Helper()
	s, _ := openFile(t)
	return s
}

// openFile returns a store in a new file, closed when the test ends, and
// the file's path.
func openFile(t testing.TB) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, path
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t) })
}

func BenchmarkWriteDocuments(b *testing.B) { storetest.BenchmarkWrite(b, open(b)) }

func BenchmarkEvents(b *testing.B) { storetest.BenchmarkEvents(b, open(b)) }

// A store opened with events and no planner statistics gets them: the
// reads' plans depend on them.
func TestOpenAnalyzes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteDocuments(ctx, storetest.Corpus()); err != nil {
		t.Fatal(err)
	}
	stats := func(s *sqlite.Store) int {
		t.Helper()
		var n int
		if err := s.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'`).Scan(&n); err != nil || n == 0 {
			return 0
		}
		if err := s.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'events'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := stats(s); n != 0 {
		t.Fatalf("a new store written without Optimize has %d statistics of events", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := stats(s); n == 0 {
		t.Error("reopened store has no statistics of events")
	}
}

// Readers map as much of the file as SQLite maps at all: a larger
// setting would be cut without a word, a smaller one leave a large store
// read through system calls.
func TestReadersMapTheMost(t *testing.T) {
	s := open(t)
	var got int64
	if err := s.ReadDB().QueryRowContext(context.Background(), `PRAGMA mmap_size`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	var most int64
	if err := s.ReadDB().QueryRowContext(context.Background(), `PRAGMA mmap_size = 1099511627776`).Scan(&most); err != nil {
		t.Fatal(err)
	}
	if got != most {
		t.Errorf("readers map %d bytes; SQLite maps up to %d", got, most)
	}
}

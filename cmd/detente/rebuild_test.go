package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

// detente rebuild merges a SQLite store's full-text indexes, left in a
// segment per write, into one segment each.
func TestRebuildMergesSearch(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range storetest.Corpus() {
		if err := s.WriteDocuments(ctx, []detente.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	segments := func() int {
		t.Helper()
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM sentences_fts_idx`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := segments(); n < 2 {
		t.Fatalf("writes one by one left %d segments, want several", n)
	}
	out, _, err := runCmd("rebuild", "--db", path)
	if err != nil || !strings.Contains(out, "merged the search index") {
		t.Fatalf("rebuild: %q, %v", out, err)
	}
	if n := segments(); n != 1 {
		t.Errorf("after rebuild the sentence index is in %d segments, want 1", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

// TestCheckpointInBackground checks that the writer leaves checkpoints of
// the write-ahead log to the checkpointer: its connection does not
// checkpoint on commit, and what it writes, fewer pages than SQLite's own
// threshold would have copied at a commit, still reaches the database
// file soon after, with the writer idle.
func TestCheckpointInBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var pages int
	if err := s.DB().QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if pages != 0 {
		t.Errorf("the writer checkpoints every %d pages of log; want none (0)", pages)
	}
	// Let the checkpointer copy what Open wrote, then measure the file.
	time.Sleep(time.Second)
	before := size(t, path)
	if err := s.WriteDocuments(ctx, storetest.BenchDocs("checkpoint", 60)); err != nil {
		t.Fatal(err)
	}
	if wal := size(t, path+"-wal"); wal == 0 || wal > 1000*4096 {
		t.Fatalf("log of %d bytes after the write; the test wants some, under SQLite's threshold of 1,000 pages", wal)
	}
	deadline := time.Now().Add(10 * time.Second)
	for size(t, path) <= before {
		if time.Now().After(deadline) {
			t.Fatalf("database file still %d bytes 10 s after a write: nothing checkpointed the log", before)
		}
		time.Sleep(50 * time.Millisecond)
	}
	got, err := s.Stats(ctx)
	if err != nil || got.Articles != 60 {
		t.Fatalf("stats after the checkpoint: %+v, %v; want 60 articles", got, err)
	}
}

// size returns the size of the file at path, 0 when there is none.
func size(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

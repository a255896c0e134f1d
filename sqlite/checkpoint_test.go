package sqlite_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/detente-project/detente/storetest"
)

// TestCheckpointInBackground checks that the writer leaves checkpoints of
// the write-ahead log to the checkpointer: its connection does not
// checkpoint at SQLite's default threshold of 1,000 pages, and what it
// writes, fewer pages than that, still reaches the database file soon
// after, with the writer idle.
func TestCheckpointInBackground(t *testing.T) {
	ctx := context.Background()
	s, path := openFile(t)
	var pages int
	if err := s.DB().QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if pages <= 1000 {
		t.Errorf("the writer checkpoints at %d pages of log; want it to leave logs of SQLite's default 1,000 to the checkpointer", pages)
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

// TestLogBounded checks that a writer that never pauses does not grow the
// write-ahead log without end: 256 MiB written in back-to-back
// transactions leave a log file of at most 96 MiB, where one that only
// the checkpointer copied would have grown past 200 MiB, as SQLite starts
// a log over only at a write that begins with all of it copied.
func TestLogBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 256 MiB")
	}
	ctx := context.Background()
	s, path := openFile(t)
	w := s.DB()
	if _, err := w.ExecContext(ctx, `CREATE TABLE log_filler (b BLOB)`); err != nil {
		t.Fatal(err)
	}
	defer w.ExecContext(ctx, `DROP TABLE log_filler`)
	const chunk, chunks = 1 << 20, 256
	for i := range chunks {
		// Rewrite the same rows, as indexes are rewritten: the file stays
		// small and all the growth is the log's.
		if _, err := w.ExecContext(ctx, `INSERT OR REPLACE INTO log_filler (rowid, b) VALUES (?, randomblob(?))`, i%4, chunk); err != nil {
			t.Fatal(err)
		}
	}
	if wal := size(t, path+"-wal"); wal > 96<<20 {
		t.Fatalf("log of %d MiB after %d MiB written; want at most 96", wal>>20, chunks*chunk>>20)
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

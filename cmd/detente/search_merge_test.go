package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

// syncBuffer is a log's output that a test reads while the log is written.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitLogged waits until out holds text, 30 s at most, and then some turns
// more of a server's upkeep at 50 ms.
func waitLogged(out *syncBuffer, text string) {
	deadline := time.Now().Add(30 * time.Second)
	for tries := 0; tries < 300 && !strings.Contains(out.String(), text) && time.Now().Before(deadline); tries++ {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
}

// upkeepLog runs an upkeep loop, run, with a log of its own until the log
// holds text (waitLogged), then stops it and returns the log; name is the
// loop's, for its error.
func upkeepLog(t *testing.T, name, text string, run func(context.Context, *slog.Logger) error) string {
	t.Helper()
	var out syncBuffer
	log := slog.New(slog.NewTextHandler(&out, nil))
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, log) }()
	waitLogged(&out, text)
	stop()
	if err := <-done; err != nil {
		t.Errorf("%s: %v", name, err)
	}
	return out.String()
}

// TestServerMergesTheSearchIndex writes articles one at a time, as a
// server's pushes and feeds do, until FTS5's own merging leaves the
// indexes in more segments than MergeSearch allows, and runs the server's
// merge: it merges them at once, logs it, and finds nothing more to merge
// at its next turn.
func TestServerMergesTheSearchIndex(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "detente.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// FTS5 merges four segments of a level into one of the next: 63
	// writes leave three segments on each of three levels.
	for _, d := range storetest.BenchDocs("served", 63) {
		if err := st.WriteDocuments(ctx, []detente.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	logged := upkeepLog(t, "mergeSearch", "search index merged", func(ctx context.Context, log *slog.Logger) error {
		return mergeSearch(ctx, log, st, 50*time.Millisecond)
	})
	if n := strings.Count(logged, "search index merged"); n != 1 {
		t.Errorf("merged %d times, want once:\n%s", n, logged)
	}
	if !strings.Contains(logged, "sentences_fts") {
		t.Errorf("the log does not name the index of sentences:\n%s", logged)
	}
	if merged, err := st.MergeSearch(ctx); err != nil || len(merged) > 0 {
		t.Errorf("MergeSearch after the server's = %v, %v; want nothing to merge", merged, err)
	}
}

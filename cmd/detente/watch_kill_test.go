package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/detente-project/detente/sqlite"
)

// feedStateIn reports whether a watch has saved its state of feed in a
// SQLite file another process may be writing.
func feedStateIn(db, feed string) bool {
	if _, err := os.Stat(db); err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return false
	}
	defer st.Close()
	_, ok, err := st.GetState(ctx, "watch:"+feed)
	return err == nil && ok
}

// A watch killed right after it marked its feed's items seen loses none of
// them: what it handed on is durable, and the next run stores it.
func TestWatchKilledAfterMarkingSeenLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildDetente(t)
	const n = 6
	site := newDemoFeedSite(t, n)
	dir := t.TempDir()
	feed := site.srv.URL + "/feed.xml"
	feeds := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(feeds, []byte(feed+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "watch.db")
	args := []string{"watch", "--feeds", feeds, "--db", db, "--allow-private", "--interval", "1m", "--workers", "1"}

	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && !feedStateIn(db, feed); {
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	stored := articlesIn(db)
	if stored >= n {
		t.Fatalf("killed watch had stored all %d articles: the kill did not land in time\n%s", n, stderr.String())
	}
	t.Logf("killed with %d of %d articles stored", stored, n)

	runWatchUntil(t, args, func() bool { return articlesIn(db) == n })
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/sqlite"
)

// buildDetente compiles the command once per test into a temp folder.
func buildDetente(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "detente")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeCorpus writes the demo pages as .html files, as a user's folder.
func writeCorpus(t *testing.T) (dir string, n int) {
	t.Helper()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for i, p := range pages {
		name := filepath.Join(dir, strings.ReplaceAll(strings.TrimPrefix(p.URL, demo.BaseURL), "/", "_")+".html")
		if err := os.WriteFile(name, p.Body, 0o644); err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
	}
	return dir, len(pages)
}

func statsOf(t *testing.T, bin, db string) detente.Stats {
	t.Helper()
	out, err := exec.Command(bin, "stats", "--db", db, "--json").Output()
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	var s detente.Stats
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("stats output %q: %v", out, err)
	}
	return s
}

// An ingest killed with SIGKILL part-way and run again ends with exactly the
// counts of an uninterrupted run: writes are transactional and IDs
// deterministic, so the rerun stores what is missing and nothing twice.
func TestIngestKilledAndRerunMatchesUninterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildDetente(t)
	corpus, total := writeCorpus(t)
	tmp := t.TempDir()

	ref := filepath.Join(tmp, "ref.db")
	want := ingestUninterrupted(t, bin, ref, corpus, total)

	// Kill as soon as part of the corpus is stored.
	killed := filepath.Join(tmp, "killed.db")
	stored := ingestKilled(t, bin, killed, corpus, total, func() bool { return articlesIn(killed) > 0 })
	t.Logf("killed after %d of %d articles", stored, total)

	if out, err := exec.Command(bin, "ingest", "--db", killed, corpus).CombinedOutput(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	if got := statsOf(t, bin, killed); got != want {
		t.Errorf("after kill and rerun: %+v, uninterrupted: %+v", got, want)
	}
}

// ingestUninterrupted ingests input into db and returns its stats, which
// must count total articles.
func ingestUninterrupted(t *testing.T, bin, db, input string, total int) detente.Stats {
	t.Helper()
	if out, err := exec.Command(bin, "ingest", "--db", db, input).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted ingest: %v\n%s", err, out)
	}
	s := statsOf(t, bin, db)
	if s.Articles != total {
		t.Fatalf("uninterrupted ingest stored %d articles, want %d", s.Articles, total)
	}
	return s
}

// ingestKilled starts a one-worker ingest of input into db, SIGKILLs it as
// soon as ready reports true (polled for at most a minute, 20 ms apart),
// and returns the articles it had stored, which must be some but not all.
func ingestKilled(t *testing.T, bin, db, input string, total int, ready func() bool) int {
	t.Helper()
	cmd := exec.Command(bin, "ingest", "--workers", "1", "--db", db, input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Poll only once the ingest has made its new file a WAL database (the
	// -wal file stays while the ingest has it open). A poll that opens the
	// file before then switches it to WAL too, and of two connections
	// switching at once one can fail at once rather than wait for the
	// lock: the ingest failed to open its store once in CI ("database is
	// locked").
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(db + "-wal"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	for time.Now().Before(deadline) && !ready() {
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	stored := articlesIn(db)
	if stored == 0 || stored >= total {
		t.Fatalf("killed run had stored %d of %d articles: the kill did not land mid-ingest\n%s", stored, total, stderr.String())
	}
	return stored
}

// articlesIn counts the articles of a SQLite file another process is
// writing; 0 while it does not exist or cannot be read yet.
func articlesIn(path string) int {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return 0
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return 0
	}
	return s.Articles
}

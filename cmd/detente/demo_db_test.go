package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// "detente demo --db PATH" rebuilds only a database it made itself: any
// other file at PATH is left alone with a clear error.
func TestDemoKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("my notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	if _, stderr, err := runCmd("ingest", "--db", other, filepath.Join("..", "..", "nats", "testdata", "articles.jsonl")); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	for _, path := range []string{notes, other} {
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = runCmd("demo", "--ingest-only", "--db", path)
		if err == nil || !strings.Contains(err.Error(), "not a demo database") {
			t.Errorf("demo over %s: %v, want a refusal", filepath.Base(path), err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Errorf("demo changed %s", filepath.Base(path))
		}
	}
	demoDB := filepath.Join(dir, "demo.db")
	for i := range 2 {
		if _, stderr, err := runCmd("demo", "--ingest-only", "--db", demoDB); err != nil {
			t.Fatalf("demo run %d: %v\n%s", i+1, err, stderr)
		}
	}
}

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExtractCommand(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "extract", "testdata", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join("..", "..", "extract", "testdata", "nodate.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gz := gzipped(t, page)
	files := map[string][]byte{
		"news.html":          page,
		"news.htm":           page,
		"news.html.gz":       gz,
		"ceasefire.txt":      text,
		"truncated.html.gz":  gz[:len(gz)/2],
		"photo.html":         []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
		"report.pdf":         []byte("%PDF-1.4"),
		"empty-article.html": []byte("<html><body><nav>Home</nav></body></html>"),
	}
	mtime := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	for name, b := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	good := []string{"news.html", "news.htm", "news.html.gz", "ceasefire.txt"}
	bad := []string{"truncated.html.gz", "photo.html", "report.pdf", "empty-article.html", "missing.html"}
	var args []string
	for _, n := range append(append([]string{}, bad[:2]...), append(good, bad[2:]...)...) {
		args = append(args, filepath.Join(dir, n))
	}
	stdout, stderr, err := runCmd(append([]string{"extract"}, args...)...)
	if err == nil || !strings.Contains(err.Error(), "5 of 9 files failed") {
		t.Errorf("err = %v, want 5 of 9 files failed", err)
	}
	errLines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(errLines) != len(bad) {
		t.Errorf("stderr has %d lines, want %d:\n%s", len(errLines), len(bad), stderr)
	}
	for i, n := range bad {
		if i < len(errLines) && !strings.Contains(errLines[i], filepath.Join(dir, n)) {
			t.Errorf("stderr line %q does not name %s", errLines[i], n)
		}
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != len(good) {
		t.Fatalf("stdout has %d lines, want %d:\n%s", len(lines), len(good), stdout)
	}
	for i, l := range lines {
		var got map[string]string
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d: %v: %s", i, err, l)
		}
		if len(got) != 7 || got["file"] != filepath.Join(dir, good[i]) || got["body"] == "" || got["lang"] != "en" {
			t.Errorf("line %d = %v", i, got)
		}
		want := map[bool][3]string{
			true:  {"Ceasefire holds in the north for a second week", "", "2025-07-01T12:00:00Z"},
			false: {"Oman hosts new round of Gulf shipping talks", "https://harbourtimes.example/world/gulf-shipping-talks", "2025-06-03T14:05:00Z"},
		}[strings.HasSuffix(good[i], ".txt")]
		if got["title"] != want[0] || got["url"] != want[1] || got["published"] != want[2] {
			t.Errorf("line %d: title, url, published = %q, %q, %q; want %q", i, got["title"], got["url"], got["published"], want)
		}
	}
}

func TestExtractCommandUsage(t *testing.T) {
	_, stderr, err := runCmd("extract")
	if err == nil || !strings.Contains(stderr, "usage: detente extract") {
		t.Errorf("no files: err = %v, stderr = %q", err, stderr)
	}
	_, stderr, _ = runCmd("extract", "-h")
	if !strings.Contains(stderr, "-max-size") {
		t.Errorf("-h does not document --max-size: %q", stderr)
	}
}

func TestBenchCommandErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"bench"}, "no kind given"},
		{[]string{"bench", "coder"}, `unknown kind "coder"`},
		{[]string{"bench", "extract", "--dir", "/nonexistent/bench"}, "ground-truth.json"},
		{[]string{"bench", "extract", "stray"}, "unexpected arguments"},
	}
	for _, tt := range tests {
		_, _, err := runCmd(tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want it to mention %q", tt.args, err, tt.want)
		}
	}
}

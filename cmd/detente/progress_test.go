package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// Progress counts bytes of local inputs: archive records by their offset,
// whole files by their size, and files already passed in full.
func TestProgressFollowsBytes(t *testing.T) {
	dir := t.TempDir()
	warc := filepath.Join(dir, "a.warc")
	page := filepath.Join(dir, "b.html")
	if err := os.WriteFile(warc, make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newProgress([]string{dir})
	if p.total != 2000 {
		t.Fatalf("total %d, want 2000", p.total)
	}
	steps := []struct {
		page detente.Page
		want int64
	}{
		{detente.Page{Origin: warc, Offset: 0}, 0},
		{detente.Page{Origin: warc, Offset: 500}, 500},
		{detente.Page{Origin: page, Offset: -1}, 2000},
	}
	for _, s := range steps {
		p.observe(s.page)
		if got := p.position(); got != s.want {
			t.Errorf("after %s@%d: position %d, want %d", s.page.Origin, s.page.Offset, got, s.want)
		}
	}
	if line := p.line(3, time.Second); !strings.Contains(line, "100%") || !strings.Contains(line, "3 pages") {
		t.Errorf("line %q", line)
	}
	if newProgress([]string{dir, "https://example.invalid/feed"}).total != 0 {
		t.Error("a URL input should leave the total unknown")
	}
}

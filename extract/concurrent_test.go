package extract

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/detente-project/detente"
)

// TestExtractConcurrent runs one Extractor on many goroutines, as the
// pipeline does, and checks that each gets the article a lone call gets.
func TestExtractConcurrent(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	x := New()
	pages := make([]detente.Page, len(paths))
	want := make([]string, len(paths))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = detente.Page{URL: "https://example.com/" + filepath.Base(p), Body: b, Fetched: fetched}
		a, err := x.Extract(context.Background(), pages[i])
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a.ContentHash + a.Title + a.Published.String()
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range pages {
				j := (i + g) % len(pages)
				a, err := x.Extract(context.Background(), pages[j])
				if err != nil {
					t.Error(err)
					return
				}
				if got := a.ContentHash + a.Title + a.Published.String(); got != want[j] {
					t.Errorf("%s: concurrent extraction differs", pages[j].URL)
				}
			}
		})
	}
	wg.Wait()
}

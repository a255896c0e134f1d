package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

// heapWatch samples the live heap every n pages and keeps the largest.
type heapWatch struct {
	n, pages int
	peak     uint64
}

func (h *heapWatch) page(detente.Page) error {
	h.pages++
	if h.pages%h.n == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapAlloc)
	}
	return nil
}

// Walking a file many times larger than the memory budget keeps the live
// heap flat: records are streamed, not loaded.
func TestStreamingMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 60 MB of test files")
	}
	const budget = 16 << 20
	dir := t.TempDir()
	text := strings.Repeat("Words of a long news story. ", 36) // about 1 KB

	jsonl := filepath.Join(dir, "big.jsonl")
	f, err := os.Create(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30000 { // about 30 MB
		fmt.Fprintf(f, `{"url":"https://news.example/%d","text":"%s"}`+"\n", i, text)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	var recs []warcRecord
	// 3,000 pages of about 10 KB: about 30 MB.
	body := "<html><body><p>" + strings.Repeat(text, 10) + "</p></body></html>"
	for i := range 3000 {
		r := sampleRecords()[2]
		r.uri = fmt.Sprintf("https://news.example/%d", i)
		r.block = httpResponse("200 OK", "text/html", "", body)
		recs = append(recs, r)
	}
	warc := writeWARC(t, dir, "big.warc", false, recs)
	recs = nil

	for _, tt := range []struct {
		path  string
		pages int
	}{{jsonl, 30000}, {warc, 3000}} {
		h := &heapWatch{n: 500}
		if err := Walk(context.Background(), []string{tt.path}, Options{}, h.page); err != nil {
			t.Fatal(err)
		}
		if h.pages != tt.pages {
			t.Errorf("%s: %d pages, want %d", tt.path, h.pages, tt.pages)
		}
		if h.peak > budget {
			t.Errorf("%s: live heap reached %d MB walking a 30 MB file, want under %d MB", filepath.Base(tt.path), h.peak>>20, budget>>20)
		}
		t.Logf("%s: peak live heap %.1f MB", filepath.Base(tt.path), float64(h.peak)/(1<<20))
	}
}

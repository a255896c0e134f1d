package warcgen

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/extract"
	"github.com/detente-project/detente/source"
)

// What the Writer writes, detente's own WARC reader reads back: every
// record as one HTML page, in order, with its URL, body and capture time.
func TestWriterRoundTripsThroughSource(t *testing.T) {
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		compress bool
		n        int
	}{
		{"plain one record", false, 1},
		{"plain", false, 25},
		{"gzip members", true, 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.warc")
			if tc.compress {
				path += ".gz"
			}
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			w := New(f, tc.compress)
			var want []detente.Page
			for i := range tc.n {
				p := Unique(pages[i%len(pages)], i)
				want = append(want, p)
				if err := w.WriteResponse(p.URL, p.Fetched, p.Body); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if w.Records() != int64(tc.n) || w.Written() != fi.Size() {
				t.Errorf("Records %d Written %d, want %d and the file size %d", w.Records(), w.Written(), tc.n, fi.Size())
			}
			var got []detente.Page
			err = source.Walk(context.Background(), []string{path}, source.Options{
				OnError: func(input string, err error) { t.Errorf("%s: %v", input, err) },
			}, func(p detente.Page) error { got = append(got, p); return nil })
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("read %d pages, wrote %d", len(got), len(want))
			}
			for i := range got {
				if got[i].URL != want[i].URL || !bytes.Equal(got[i].Body, want[i].Body) || !got[i].Fetched.Equal(want[i].Fetched) {
					t.Errorf("page %d: read %s at %v (%d bytes), wrote %s at %v (%d bytes)", i,
						got[i].URL, got[i].Fetched, len(got[i].Body), want[i].URL, want[i].Fetched, len(want[i].Body))
				}
			}
		})
	}
}

// Copies of one page are distinct articles to the extractor, and a copy of
// a page without a canonical link gets one.
func TestUniqueGivesDistinctArticles(t *testing.T) {
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	bare := detente.Page{URL: "https://news.example/a", Body: []byte(`<html><head><title>Talks</title></head><body><article><p>` +
		strings.Repeat("Ministers of both states met in Muscat on Monday and agreed to resume talks. ", 8) +
		`</p></article></body></html>`), Fetched: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	x := extract.New()
	for _, tc := range []struct {
		name string
		page detente.Page
	}{
		{"demo page with canonical link", pages[0]},
		{"page without canonical link", bare},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ids := map[string]int{}
			for n := range 3 {
				p := Unique(tc.page, n)
				a, err := x.Extract(context.Background(), p)
				if err != nil {
					t.Fatalf("copy %d: %v", n, err)
				}
				if a.CanonicalURL != p.URL {
					t.Errorf("copy %d: canonical %q, want the copy's URL %q", n, a.CanonicalURL, p.URL)
				}
				if prev, ok := ids[a.ID]; ok {
					t.Errorf("copies %d and %d share article ID %s", prev, n, a.ID)
				}
				ids[a.ID] = n
			}
		})
	}
}

// A padded page reaches the size asked for and extracts to the same article
// body as the page before padding.
func TestPadKeepsTheArticle(t *testing.T) {
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New()
	want, err := x.Extract(context.Background(), pages[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{0, len(pages[0].Body), 20 << 10, 170 << 10} {
		p := pages[0]
		p.Body = Pad(p.Body, size)
		if len(p.Body) < size || len(p.Body) > max(size, len(pages[0].Body))+200 {
			t.Errorf("Pad to %d: %d bytes", size, len(p.Body))
		}
		got, err := x.Extract(context.Background(), p)
		if err != nil {
			t.Fatalf("Pad to %d: %v", size, err)
		}
		if got.Body != want.Body {
			t.Errorf("Pad to %d: body changed:\n%q\nwant\n%q", size, got.Body, want.Body)
		}
	}
}

package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/markusmobius/go-trafilatura"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/extract/extractbench"
	"github.com/detente-project/detente/internal/warcgen"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/source"
	"github.com/detente-project/detente/sqlite"
)

// benchWARC packs the extraction benchmark's pages into a WARC.gz of HTTP
// 200 text/html responses and returns its path and the pages as read back.
func benchWARC(b *testing.B) (string, []detente.Page) {
	b.Helper()
	dir := filepath.Join("..", "..", "shared", "data", "extraction-benchmark")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("../shared absent: no extraction benchmark at %s", dir)
	}
	bp, err := extractbench.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "pages.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := warcgen.New(f, true)
	for _, p := range bp {
		if err := w.WriteResponse(p.URL, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), p.HTML); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	var pages []detente.Page
	err = source.Walk(context.Background(), []string{path}, source.Options{
		OnError: func(input string, err error) { b.Errorf("%s: %v", input, err) },
	}, func(p detente.Page) error { pages = append(pages, p); return nil })
	if err != nil {
		b.Fatal(err)
	}
	if len(pages) != len(bp) {
		b.Fatalf("read %d pages back from %s, packed %d", len(pages), path, len(bp))
	}
	return path, pages
}

// BenchmarkStandardFromWARC runs the whole pipeline (WARC reader, extract,
// dedup, code, store into a fresh SQLite file, tension) over the benchmark
// pages at 1 and 2 workers; compare pages/s with
// BenchmarkBareTrafilatura's. Loading the dictionaries and opening the
// store are not timed.
func BenchmarkStandardFromWARC(b *testing.B) {
	path, pages := benchWARC(b)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			ctx := context.Background()
			read := 0
			run := 0
			for b.Loop() {
				b.StopTimer()
				st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("run-%d.db", run)))
				if err != nil {
					b.Fatal(err)
				}
				p, err := pipeline.NewStandard(ctx, st, pipeline.Options{Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				sum, err := ingestWARC(ctx, p, path)
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				if sum.Pages != len(pages) || sum.Failed > 0 {
					b.Fatalf("pipeline read %d pages and failed %d, want %d read", sum.Pages, sum.Failed, len(pages))
				}
				read += sum.Pages
				run++
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(read)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkBareTrafilatura extracts the same pages with go-trafilatura
// alone, with and without its fallbacks, on one goroutine, a pass over
// all pages per op: the baseline
// the pipeline is held to (at least 0.8 of its pages/s).
func BenchmarkBareTrafilatura(b *testing.B) {
	_, pages := benchWARC(b)
	for _, fallback := range []bool{true, false} {
		b.Run(fmt.Sprintf("fallback=%t", fallback), func(b *testing.B) {
			n, failed := 0, 0
			for b.Loop() {
				for _, p := range pages {
					opts := trafilatura.Options{EnableFallback: fallback}
					if u, err := url.Parse(p.URL); err == nil {
						opts.OriginalURL = u
					}
					if _, err := trafilatura.Extract(bytes.NewReader(p.Body), opts); err != nil {
						failed++
					}
					n++
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(failed)/float64(b.N), "failed/op")
		})
	}
}

// ingestWARC streams the pages of a WARC through p, as detente ingest does.
func ingestWARC(ctx context.Context, p *pipeline.Pipeline, path string) (pipeline.Summary, error) {
	var bad error
	sum, err := pipeline.RunFrom(ctx, p, func(ctx context.Context, emit func(detente.Page) error) error {
		return source.Walk(ctx, []string{path}, source.Options{
			OnError: func(input string, err error) { bad = errors.Join(bad, err) },
		}, emit)
	})
	return sum, errors.Join(err, bad)
}

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/markusmobius/go-trafilatura"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/extract/extractbench"
	"github.com/detente-project/detente/internal/warcgen"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/source"
	"github.com/detente-project/detente/sqlite"
)

func init() {
	benchKinds["pipeline"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"whole-pipeline throughput from a WARC against bare go-trafilatura", benchPipeline}
}

// pipelineBench is what one "detente bench pipeline" measures.
type pipelineBench struct {
	warc    string // archive the pipeline reads
	pages   []extractbench.Page
	workers []int
	repeat  int
	tmp     string // fresh SQLite files go here
}

// pipelineRow holds the median rates, pages per second, at one worker count.
type pipelineRow struct {
	workers    int
	bare       float64 // go-trafilatura with its fallbacks
	bareNoFall float64 // go-trafilatura without them
	pipe       float64 // WARC → extract, dedup, code, store, tension
	failed     int     // pages the pipeline failed, in its last run
}

func benchPipeline(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("bench pipeline", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("dir", filepath.Join("..", "shared", "data", "extraction-benchmark"), "benchmark folder with html/*.html.gz and ground-truth.json")
	warc := fs.String("warc", "", "read the pages from this WARC instead of packing --dir into one")
	workers := fs.String("workers", "1,2", "comma-separated worker counts to measure")
	repeat := fs.Int("repeat", 3, "runs per measurement; the table shows the median")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: detente bench pipeline [--dir DIR | --warc FILE] [--workers 1,2] [--repeat 3]

Packs the benchmark pages into a temporary WARC.gz (HTTP 200 text/html
response records), then for each worker count measures, in one run and
interleaved: bare go-trafilatura extraction with and without its fallbacks
over the same pages on N goroutines, and detente's whole pipeline (WARC
reader, extract, dedup, code, store into a fresh SQLite file, tension) on N
workers. Prints the median pages/s, pages/s per core, the ratio of the
pipeline to bare go-trafilatura and the scaling from the first worker count.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("bench pipeline: unexpected arguments %q", fs.Args())
	}
	ws, err := parseWorkers(*workers)
	if err != nil {
		return fmt.Errorf("bench pipeline: --workers: %w", err)
	}
	if *repeat < 1 {
		return fmt.Errorf("bench pipeline: --repeat %d: want at least 1", *repeat)
	}
	tmp, err := os.MkdirTemp("", "detente-bench-pipeline-")
	if err != nil {
		return fmt.Errorf("bench pipeline: %w", err)
	}
	defer os.RemoveAll(tmp)
	b := &pipelineBench{warc: *warc, workers: ws, repeat: *repeat, tmp: tmp}
	if b.warc == "" {
		bp, err := extractbench.Load(*dir)
		if err != nil {
			return fmt.Errorf("bench pipeline: %w", err)
		}
		if b.warc, err = packWARC(bp, filepath.Join(tmp, "pages.warc.gz")); err != nil {
			return fmt.Errorf("bench pipeline: %w", err)
		}
	}
	if b.pages, err = warcPages(ctx, b.warc); err != nil {
		return fmt.Errorf("bench pipeline: %w", err)
	}
	rows, err := b.run(ctx, e)
	if err != nil {
		return fmt.Errorf("bench pipeline: %w", err)
	}
	return writePipelineTable(e.stdout, b, rows)
}

// parseWorkers reads a list such as "1,2,4".
func parseWorkers(s string) ([]int, error) {
	var ws []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q: want positive integers separated by commas", s)
		}
		ws = append(ws, n)
	}
	return ws, nil
}

// packWARC writes the benchmark pages to a WARC.gz at path, in order.
func packWARC(pages []extractbench.Page, path string) (string, error) {
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	w := warcgen.New(f, true)
	fetched := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range pages {
		if err := w.WriteResponse(p.URL, fetched, p.HTML); err != nil {
			f.Close()
			return "", fmt.Errorf("pack %s: %w", path, err)
		}
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("pack %s: %w", path, err)
	}
	return path, nil
}

// warcPages reads every HTML page of a WARC, for the bare extractor to get
// exactly the bytes the pipeline gets.
func warcPages(ctx context.Context, path string) ([]extractbench.Page, error) {
	var pages []extractbench.Page
	var bad error
	err := source.Walk(ctx, []string{path}, source.Options{
		OnError: func(input string, err error) { bad = errors.Join(bad, err) },
	}, func(p detente.Page) error {
		pages = append(pages, extractbench.Page{Key: strconv.FormatInt(p.Offset, 10), URL: p.URL, HTML: p.Body})
		return nil
	})
	if err = errors.Join(err, bad); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("read %s: no HTML response records", path)
	}
	return pages, nil
}

// run measures every worker count repeat times, interleaving the three
// contestants so that a busy machine slows them alike, and keeps medians.
func (b *pipelineBench) run(ctx context.Context, e *env) ([]pipelineRow, error) {
	bare := extractbench.Trafilatura()
	noFall := trafilaturaNoFallback()
	rates := make([][3][]float64, len(b.workers))
	rows := make([]pipelineRow, len(b.workers))
	for r := range b.repeat {
		for i, w := range b.workers {
			rows[i].workers = w
			for k, x := range []extractbench.Extractor{bare, noFall} {
				rate, err := bareRate(ctx, x, b.pages, w)
				if err != nil {
					return nil, err
				}
				rates[i][k] = append(rates[i][k], rate)
			}
			rate, failed, err := b.pipelineRate(ctx, w, fmt.Sprintf("run-%d-%d.db", r, w))
			if err != nil {
				return nil, err
			}
			rates[i][2] = append(rates[i][2], rate)
			rows[i].failed = failed
			e.log.Info("bench pipeline run", "repeat", r+1, "workers", w, "bare_pages_per_s", rates[i][0][r],
				"bare_nofallback_pages_per_s", rates[i][1][r], "pipeline_pages_per_s", rate)
		}
	}
	for i := range rows {
		rows[i].bare, rows[i].bareNoFall, rows[i].pipe = median(rates[i][0]), median(rates[i][1]), median(rates[i][2])
	}
	return rows, nil
}

// trafilaturaNoFallback is bare go-trafilatura without its fallback
// extractors, the cheaper baseline the issue also quotes.
func trafilaturaNoFallback() extractbench.Extractor {
	return extractbench.Extractor{Name: "go-trafilatura-nofallback", Extract: func(_ context.Context, p extractbench.Page) string {
		opts := trafilatura.Options{}
		if u, err := url.Parse(p.URL); err == nil {
			opts.OriginalURL = u
		}
		res, err := trafilatura.Extract(bytes.NewReader(p.HTML), opts)
		if err != nil {
			return ""
		}
		return res.ContentText
	}}
}

// bareRate extracts every page once with x on n goroutines and returns
// pages per second.
func bareRate(ctx context.Context, x extractbench.Extractor, pages []extractbench.Page, n int) (float64, error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(pages)) && ctx.Err() == nil; i = next.Add(1) - 1 {
				x.Extract(ctx, pages[i])
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return float64(len(pages)) / time.Since(start).Seconds(), nil
}

// pipelineRate runs the standard pipeline with n workers from the WARC into
// a fresh SQLite file named db, and returns pages per second (loading the
// dictionaries and opening the store not counted) and the pages it failed.
func (b *pipelineBench) pipelineRate(ctx context.Context, n int, db string) (float64, int, error) {
	st, err := sqlite.Open(ctx, filepath.Join(b.tmp, db))
	if err != nil {
		return 0, 0, err
	}
	defer st.Close()
	p, err := pipeline.NewStandard(ctx, st, pipeline.Options{Workers: n})
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	sum, err := walkInto(ctx, p, b.warc)
	if err != nil {
		return 0, 0, err
	}
	if sum.Pages != len(b.pages) {
		return 0, 0, fmt.Errorf("pipeline read %d pages of %s, want %d", sum.Pages, b.warc, len(b.pages))
	}
	return float64(sum.Pages) / time.Since(start).Seconds(), sum.Failed, nil
}

// walkInto streams the HTML pages of a WARC through p, as ingest does.
func walkInto(ctx context.Context, p *pipeline.Pipeline, warc string) (pipeline.Summary, error) {
	var bad error
	sum, err := pipeline.RunFrom(ctx, p, func(ctx context.Context, emit func(detente.Page) error) error {
		return source.Walk(ctx, []string{warc}, source.Options{
			OnError: func(input string, err error) { bad = errors.Join(bad, err) },
		}, emit)
	})
	if err := errors.Join(err, bad); err != nil {
		return sum, fmt.Errorf("ingest %s: %w", warc, err)
	}
	return sum, nil
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// cores is how many cores n workers can use at most.
func cores(n int) float64 { return float64(min(n, runtime.GOMAXPROCS(0), runtime.NumCPU())) }

func writePipelineTable(w io.Writer, b *pipelineBench, rows []pipelineRow) error {
	fmt.Fprintf(w, "%d pages from %s, median of %d runs, %d cores (GOMAXPROCS %d)\n\n",
		len(b.pages), filepath.Base(b.warc), b.repeat, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workers\tbare p/s\tbare p/s/core\tbare-nofb p/s\tpipeline p/s\tpipeline p/s/core\tpipeline/bare\tpipeline/bare-nofb\tbare scaling\tpipeline scaling\tfailed\t")
	for _, r := range rows {
		c := cores(r.workers)
		fmt.Fprintf(tw, "%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.2fx\t%.2fx\t%.2fx\t%.2fx\t%d\t\n",
			r.workers, r.bare, r.bare/c, r.bareNoFall, r.pipe, r.pipe/c,
			r.pipe/r.bare, r.pipe/r.bareNoFall, r.bare/rows[0].bare, r.pipe/rows[0].pipe, r.failed)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

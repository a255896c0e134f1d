package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/source"
)

func init() {
	register(command{name: "ingest", summary: "read files, folders, pages, feeds and WARC archives into the store", run: runIngest})
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "detente.db", dbFlagUsage)
	dict := fs.String("dict", "", "folder of dictionaries that extend or override the embedded ones")
	workers := fs.Int("workers", 0, "extraction and coding workers (0: one per core)")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching from loopback, private and link-local addresses")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: detente ingest [--db detente.db] PATH_OR_URL...\n\n"+
			"Inputs: .html .htm .html.gz .txt .jsonl .warc .warc.gz files, folders (recursive),\n"+
			"http(s) page URLs and RSS/Atom feed URLs. A failed input is reported and the others go on.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("ingest: no input given")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	en, err := newEngine(ctx, e.log, st, engineOptions{dictDir: *dict, workers: *workers})
	if err != nil {
		return err
	}
	var inputFailures atomic.Int64
	opts := source.Options{
		Client:   fetch.New(fetch.Options{AllowPrivate: *allowPrivate, Logger: e.log, Metrics: en.fetchMetrics}),
		ResumeAt: en.pipe.Resume, // WARC and JSONL files go on from their checkpoint
		Logger:   e.log,
		OnError: func(input string, err error) {
			inputFailures.Add(1)
			e.log.Error("input failed", "stage", "source", "url", input, "err", err)
		},
	}

	start := time.Now()
	pages := make(chan detente.Page, 64)
	var read atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(pages)
		return source.Walk(gctx, fs.Args(), opts, func(p detente.Page) error {
			read.Add(1)
			select {
			case pages <- p:
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	})
	var sum pipeline.Summary
	g.Go(func() (err error) {
		sum, err = en.pipe.Run(gctx, pages)
		return err
	})
	stopProgress := showProgress(e, &read, &en.settled, start)
	err = g.Wait()
	stopProgress()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	e.log.Info("ingest done", "pages", sum.Pages, "articles", sum.Articles, "sentences", sum.Sentences,
		"events", sum.Events, "failed_pages", sum.Failed, "failed_inputs", inputFailures.Load(),
		"seconds", elapsed.Seconds())
	if n := inputFailures.Load() + int64(sum.Failed); n > 0 {
		return fmt.Errorf("ingest: %d inputs or pages failed (the others are stored): see the log above", n)
	}
	return nil
}

// showProgress reports pages read and settled with their rate: a line
// redrawn in place on a terminal, a log line every ten seconds otherwise.
// The returned func stops it.
func showProgress(e *env, read, settled *atomic.Int64, start time.Time) func() {
	f, _ := e.stderr.(*os.File)
	tty := f != nil && isTerminal(f)
	every := 10 * time.Second
	if tty {
		every = 250 * time.Millisecond
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				if tty {
					fmt.Fprintln(e.stderr)
				}
				return
			case <-t.C:
				r, s := read.Load(), settled.Load()
				rate := float64(s) / time.Since(start).Seconds()
				if tty {
					fmt.Fprintf(e.stderr, "\r%s", progressLine(r, s, rate))
				} else {
					e.log.Info("progress", "pages_read", r, "pages_done", s, "pages_per_s", rate)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// progressLine draws a bar of pages done against pages read so far (the
// total of a walk is known only at its end) with the rate and, from them,
// the time left for the pages already read.
func progressLine(read, done int64, rate float64) string {
	const width = 30
	filled := 0
	if read > 0 {
		filled = int(done * width / read)
	}
	eta := "?"
	if rate > 0 {
		eta = time.Duration(float64(read-done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	return fmt.Sprintf("[%s%s] %d/%d pages  %.1f pages/s  ETA %s   ",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, read, rate, eta)
}

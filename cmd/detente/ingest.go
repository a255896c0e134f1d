package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sync/atomic"
	"time"

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
		Client: fetch.New(fetch.Options{AllowPrivate: *allowPrivate, Logger: e.log, Metrics: en.fetchMetrics}),
		// WARC and JSONL files go on from their checkpoint.
		ResumeAt: func(ctx context.Context, origin string) (int64, error) {
			off, err := en.pipe.Resume(ctx, origin)
			if off > 0 {
				e.log.Info("resuming from checkpoint", "url", origin, "offset", off)
			}
			return off, err
		},
		Logger: e.log,
		OnError: func(input string, err error) {
			inputFailures.Add(1)
			e.log.Error("input failed", "stage", "source", "url", input, "err", err)
		},
	}

	start := time.Now()
	prog := newProgress(fs.Args())
	stopProgress := prog.show(e, &en.settled, start)
	sum, err := pipeline.RunFrom(ctx, en.pipe, func(ctx context.Context, emit func(detente.Page) error) error {
		return source.Walk(ctx, fs.Args(), opts, func(p detente.Page) error {
			prog.observe(p)
			return emit(p)
		})
	})
	stopProgress()
	if err != nil {
		return err
	}
	if sum.Articles > 0 {
		if err := st.Optimize(ctx); err != nil {
			e.log.Warn("refresh planner statistics", "err", err)
		}
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

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/source"
)

func init() {
	register(command{name: "watch", summary: "poll RSS/Atom feeds and ingest their new items until stopped", run: runWatch})
}

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	feeds := fs.String("feeds", "", "file of feed URLs, one per line, # comments (required)")
	interval := fs.Duration("interval", 5*time.Minute, "time between two polls of a feed")
	db := fs.String("db", "detente.db", dbFlagUsage)
	dict := fs.String("dict", "", "folder of dictionaries that extend or override the embedded ones")
	workers := fs.Int("workers", 0, "extraction and coding workers (0: one per core)")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching from loopback, private and link-local addresses")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: detente watch --feeds FILE [--interval 5m] [--db detente.db]\n\n"+
			"Polls each feed politely (robots.txt, conditional GET, per-host spacing, backoff on failure)\n"+
			"and ingests the pages of items not seen before. What was seen survives restarts in the store.\n"+
			"Stop with Ctrl-C: pages in flight are stored first.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *feeds == "" || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("watch: --feeds FILE is required and takes no arguments")
	}
	if *interval < time.Minute {
		return fmt.Errorf("watch: --interval %s is too short for polite polling (at least 1m)", *interval)
	}
	urls, err := source.ReadFeeds(*feeds)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	if len(urls) == 0 {
		return fmt.Errorf("watch: %s lists no feeds", *feeds)
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
	w := &source.Watcher{
		Feeds:    urls,
		Client:   fetch.New(fetch.Options{AllowPrivate: *allowPrivate, Logger: e.log, Metrics: en.fetchMetrics}),
		State:    st,
		Interval: *interval,
		Options: source.Options{
			Logger: e.log,
			OnError: func(input string, err error) {
				e.log.Error("feed or item failed", "stage", "source", "url", input, "err", err)
			},
		},
	}
	e.log.Info("watching", "feeds", len(urls), "interval", interval.String(), "db", *db)

	// The watcher stops with ctx; the pipeline then drains what it was
	// given before returning, so an interrupt loses no fetched page.
	pages := make(chan detente.Page, 64)
	g, gctx := errgroup.WithContext(context.WithoutCancel(ctx))
	g.Go(func() error {
		defer close(pages)
		err := w.Run(ctx, func(ctx context.Context, p detente.Page) error {
			select {
			case pages <- p:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			case <-gctx.Done():
				return gctx.Err()
			}
		})
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return nil // stopped by the user
		}
		return err
	})
	g.Go(func() error {
		sum, err := en.pipe.Run(gctx, pages)
		e.log.Info("watch stopped", "pages", sum.Pages, "articles", sum.Articles, "events", sum.Events, "failed_pages", sum.Failed)
		return err
	})
	return g.Wait()
}

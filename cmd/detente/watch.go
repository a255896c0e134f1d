package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

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

	// An item is marked seen only once its page is in the store's spool,
	// which the pipeline drains: a kill after the mark loses nothing, and
	// an interrupt lets the pipeline store what is spooled first.
	// The store is kept meanwhile, as a server keeps it: a watch may be
	// the only process that writes to it for days.
	return runSpooled(ctx, e, en, append(storeUpkeep(e.log, st, storeUpkeepEvery),
		func(ctx context.Context) error { return w.Run(ctx, en.spoolPage) })...)
}

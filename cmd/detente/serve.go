package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/extract"
	"github.com/detente-project/detente/fetch"
	dhttp "github.com/detente-project/detente/http"
	"github.com/detente-project/detente/source"
)

func init() {
	register(command{name: "serve", summary: "serve the API, dashboard and alerts; optionally watch feeds", run: runServe})
}

// serveFlags are the flags serve and demo share.
type serveFlags struct {
	addr         *string
	dict         *string
	watch        *string
	allowPrivate *bool
	reads        *int
	notice       string // shown on every page; the demo's says its data is synthetic
}

func addServeFlags(fs *flag.FlagSet) serveFlags {
	return serveFlags{
		addr:         fs.String("addr", "127.0.0.1:8080", "address to listen on"),
		dict:         fs.String("dict", "", "folder of dictionaries that extend or override the embedded ones"),
		watch:        fs.String("watch", "", "feeds file (one URL a line) to poll and ingest while serving"),
		allowPrivate: fs.Bool("allow-private", false, "allow fetches and webhooks to loopback, private and link-local addresses"),
		reads:        fs.Int("reads-at-once", 0, "reads of the store (API reads, pages, searches) computed at once, the others waiting their turn, the one that has waited the largest part of its kind's budget (an API read 50 ms, a page 200 ms, a search 300 ms) first; 0: two per core, negative: no bound"),
	}
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "detente.db", dbFlagUsage)
	sf := addServeFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: detente serve [--db detente.db] [--addr 127.0.0.1:8080] [--watch feeds.txt]\n\n"+
			"Write endpoints (push, subscriptions) need the token in DETENTE_TOKEN.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	// Statistics gone stale since the last ingest (a store grown by
	// pushes and feeds) would steer the planner wrong for as long as the
	// server runs; refreshing costs little when they are current.
	if err := st.Optimize(ctx); err != nil {
		e.log.WarnContext(ctx, "serve: planner statistics not refreshed", "err", err)
	}
	en, err := newEngine(ctx, e.log, st, engineOptions{dictDir: *sf.dict, allowPrivate: *sf.allowPrivate})
	if err != nil {
		return err
	}
	return serve(ctx, e, en, sf)
}

// serve runs the HTTP server, the alert dispatcher and a pipeline that
// ingests pushed articles and, with --watch, the watched feeds, until ctx
// is done. A push is answered, and a feed item marked seen, only once its
// pages are in the store's spool, which the pipeline drains; on stop,
// serve stops taking requests, lets the pipeline store what is still
// spooled (runSpooled) and returns nil.
func serve(ctx context.Context, e *env, en *engine, sf serveFlags) error {
	tuneGC()
	st := en.st
	var feeds []string
	var err error
	if *sf.watch != "" {
		if feeds, err = source.ReadFeeds(*sf.watch); err != nil {
			return err
		}
	}
	check := extract.New()
	srv := dhttp.NewServer(dhttp.Config{
		Reader:        st,
		Tension:       st,
		Subscriptions: st,
		CheckWebhook:  en.alerts.CheckURL,
		Push: source.PushHandler(en.spool.Add, func(ctx context.Context, p detente.Page) error {
			_, err := check.Extract(ctx, p)
			return err
		}),
		Token:      os.Getenv("DETENTE_TOKEN"),
		Registerer: en.reg,
		// The default registry adds Go runtime and process metrics and the
		// alert package's delivery counters.
		Gatherer: prometheus.Gatherers{en.reg, prometheus.DefaultGatherer},
		Logger:   e.log,
		CacheTTL: 2 * time.Second,
		Reads:    *sf.reads,
		Notice:   sf.notice,
	})
	producers := []func(context.Context) error{
		func(ctx context.Context) error {
			e.log.Info("serving", "url", "http://"+*sf.addr+"/")
			return srv.ListenAndServe(ctx, *sf.addr)
		},
		en.alerts.Run,
	}
	producers = append(producers, storeUpkeep(e.log, st, storeUpkeepEvery)...)
	if len(feeds) > 0 {
		w := &source.Watcher{
			Feeds:   feeds,
			Client:  fetch.New(fetch.Options{AllowPrivate: *sf.allowPrivate, Logger: e.log, Metrics: en.fetchMetrics}),
			State:   st,
			Options: source.Options{Logger: e.log},
		}
		producers = append(producers, func(ctx context.Context) error { return w.Run(ctx, en.spoolPage) })
	}
	return runSpooled(ctx, e, en, producers...)
}

// serverGCPercent is the garbage collector's target that a server runs
// with unless GOGC sets one. A server's live heap is small, about 65 MB
// under 64 clients at 1 M events, and at Go's default of 100 it was
// collected 8 times a second, at 400 twice, with a heap of 280-320 MB at
// most. bench scale at 1 M events on SQLite, whose clients share the
// process and the setting, alternately four times: 2,205-2,236
// requests/s against 1,992-2,039.
const serverGCPercent = 400

// tuneGC sets the garbage collector's target to serverGCPercent where the
// environment sets no GOGC.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(serverGCPercent)
	}
}

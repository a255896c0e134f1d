package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/errgroup"

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
}

func addServeFlags(fs *flag.FlagSet) serveFlags {
	return serveFlags{
		addr:         fs.String("addr", "127.0.0.1:8080", "address to listen on"),
		dict:         fs.String("dict", "", "folder of dictionaries that extend or override the embedded ones"),
		watch:        fs.String("watch", "", "feeds file (one URL a line) to poll and ingest while serving"),
		allowPrivate: fs.Bool("allow-private", false, "allow fetches and webhooks to loopback, private and link-local addresses"),
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
	en, err := newEngine(ctx, e.log, st, engineOptions{dictDir: *sf.dict, allowPrivate: *sf.allowPrivate})
	if err != nil {
		return err
	}
	return serve(ctx, e, en, sf)
}

// drainTime bounds how long serve, once told to stop, waits for the
// pipeline to store what it was handed; pushed pages it has not stored
// by then stay spooled for the next start.
const drainTime = 30 * time.Second

// serve runs the HTTP server, the alert dispatcher and a pipeline that
// ingests pushed articles and, with --watch, the watched feeds, until ctx
// is done. A push is answered only once its pages are in the store's
// spool, which the pipeline drains; on stop, serve stops taking requests,
// feeds the pipeline what is still spooled, lets it store that (for at
// most drainTime) and returns nil.
func serve(ctx context.Context, e *env, en *engine, sf serveFlags) error {
	st := en.st
	var feeds []string
	var err error
	if *sf.watch != "" {
		if feeds, err = source.ReadFeeds(*sf.watch); err != nil {
			return err
		}
	}
	pages := make(chan detente.Page, 64)
	emit := func(ctx context.Context, p detente.Page) error {
		select {
		case pages <- p:
			return nil
		case <-ctx.Done():
			return ctx.Err()
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
	})

	// The pipeline and the spool's last pass outlive ctx, so that a stop
	// drains; a failing pipeline stops the producers.
	prodCtx, stopProducers := context.WithCancelCause(ctx)
	defer stopProducers(nil)
	pipeCtx, stopPipe := context.WithCancel(context.WithoutCancel(ctx))
	defer stopPipe()
	var consumers errgroup.Group
	consumers.Go(func() error {
		defer stopPipe()
		_, err := en.pipe.Run(pipeCtx, pages)
		if err != nil {
			stopProducers(err)
		}
		return err
	})
	consumers.Go(func() error { return en.alerts.Run(prodCtx) })

	producers, pctx := errgroup.WithContext(prodCtx)
	// The spool feeds until the server has stopped answering pushes, then
	// makes its last pass.
	feedCtx, stopFeed := context.WithCancel(context.WithoutCancel(ctx))
	defer stopFeed()
	producers.Go(func() error {
		defer stopFeed()
		e.log.Info("serving", "url", "http://"+*sf.addr+"/")
		return srv.ListenAndServe(pctx, *sf.addr)
	})
	producers.Go(func() error { return en.spool.Run(feedCtx, pipeCtx, emit) })
	if len(feeds) > 0 {
		w := &source.Watcher{
			Feeds:   feeds,
			Client:  fetch.New(fetch.Options{AllowPrivate: *sf.allowPrivate, Logger: e.log, Metrics: en.fetchMetrics}),
			State:   st,
			Options: source.Options{Logger: e.log},
		}
		producers.Go(func() error { return w.Run(pctx, emit) })
	}
	prodErr := producers.Wait()
	close(pages)
	drain := time.AfterFunc(drainTime, stopPipe)
	defer drain.Stop()
	consErr := consumers.Wait()
	if ctx.Err() != nil && pipeCtx.Err() != nil && errors.Is(consErr, context.Canceled) {
		e.log.Warn("stopped before the pipeline had stored everything; pushed pages stay spooled for the next start")
	}
	var errs []error
	for _, err := range []error{prodErr, consErr} {
		// After a stop, the cancellations it caused are no failure.
		if err != nil && !(ctx.Err() != nil && errors.Is(err, context.Canceled)) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

package main

import (
	"context"
	"log/slog"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/alert"
	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/source"
)

// engine is a store with the standard pipeline over it, the alert
// dispatcher it notifies, and the metrics registry they share.
type engine struct {
	st     store
	pipe   *pipeline.Pipeline
	alerts *alert.Dispatcher
	// spool holds pushed pages until the pipeline has settled them.
	spool *source.Spool
	reg   *prometheus.Registry
	// fetchMetrics counts the fetches of whoever fetches for this engine.
	fetchMetrics *fetch.Metrics
	settled      atomic.Int64 // pages stored or failed
	failures     atomic.Int64 // pages failed
}

// engineOptions are the flags that shape an engine.
type engineOptions struct {
	dictDir      string
	workers      int
	allowPrivate bool // webhooks may target private addresses
}

func newEngine(ctx context.Context, log *slog.Logger, st store, o engineOptions) (*engine, error) {
	en := &engine{st: st, reg: prometheus.NewRegistry()}
	en.alerts = alert.New(st, alert.Options{AllowPrivate: o.allowPrivate, Log: log})
	en.spool = source.NewSpool(st, log)
	m, err := pipeline.NewMetrics(en.reg)
	if err != nil {
		return nil, err
	}
	if en.fetchMetrics, err = fetch.NewMetrics(en.reg); err != nil {
		return nil, err
	}
	en.pipe, err = pipeline.NewStandard(ctx, st, pipeline.Options{
		DictDir:  o.dictDir,
		Workers:  o.workers,
		Notifier: en.alerts,
		Log:      log,
		Metrics:  m,
		OnError: func(input string, err error) {
			en.failures.Add(1)
			log.Error("page failed", "url", input, "err", err)
		},
		OnDone: func(pages []detente.Page) {
			en.spool.Settled(context.WithoutCancel(ctx), pages)
			en.settled.Add(int64(len(pages)))
		},
	})
	if err != nil {
		return nil, err
	}
	return en, nil
}

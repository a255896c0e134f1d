package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/detente-project/detente/alert"
	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/nats"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/source"
)

func init() {
	register(command{name: "worker", summary: "take work items from a NATS JetStream queue and store them", run: runWorker})
}

// queueFlags are the flags that name a queue, shared by worker and enqueue.
type queueFlags struct {
	url, stream, subject *string
}

func addQueueFlags(fs *flag.FlagSet) queueFlags {
	return queueFlags{
		url:     fs.String("nats", "nats://127.0.0.1:4222", "NATS server URL (JetStream enabled)"),
		stream:  fs.String("stream", nats.DefaultStream, "JetStream stream of work items"),
		subject: fs.String("subject", nats.DefaultSubject, "subject prefix of work items"),
	}
}

func runWorker(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	qf := addQueueFlags(fs)
	consumer := fs.String("consumer", nats.DefaultConsumer, "durable consumer shared by all workers")
	ackWait := fs.Duration("ack-wait", nats.DefaultAckWait, "redeliver an item not acked (nor heartbeated) within this time")
	maxDeliver := fs.Int("max-deliver", nats.DefaultMaxDeliver, "deliveries of one item before it is given up")
	db := fs.String("db", "detente.db", dbFlagUsage)
	dict := fs.String("dict", "", "folder of dictionaries that extend or override the embedded ones")
	workers := fs.Int("workers", 0, "extraction and coding workers (0: one per core)")
	items := fs.Int("items", 4, "work items expanded at once (fetches, archives)")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching from loopback, private and link-local addresses")
	metricsAddr := fs.String("metrics", "", "serve Prometheus /metrics on this address, e.g. 127.0.0.1:9101 (default: none)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: detente worker [--nats URL] [--db postgres://...] [--workers N]\n\n"+
			"Takes work items (pages, feeds, WARC files, articles; see \"detente enqueue\") from the\n"+
			"queue, stores what they hold and acks each item once all its pages are stored. Run as\n"+
			"many workers as you like over one PostgreSQL store; a crashed worker's items are\n"+
			"redelivered to the others. Stop with Ctrl-C: pages in flight are stored and acked first.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errors.New("worker: takes no arguments")
	}
	if *items < 1 || *maxDeliver < 1 || *ackWait < time.Second {
		return errors.New("worker: --items and --max-deliver must be at least 1, --ack-wait at least 1s")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	upkeepCtx, stopUpkeep := context.WithCancel(ctx)
	var upkeepDone sync.WaitGroup
	for _, job := range storeUpkeep(e.log, st, storeUpkeepEvery) {
		upkeepDone.Go(func() { job(upkeepCtx) })
	}
	defer func() {
		stopUpkeep()
		upkeepDone.Wait()
	}()
	reg := prometheus.NewRegistry()
	cfg, err := workerPipeline(ctx, e, st, *dict, *workers)
	if err != nil {
		return err
	}
	if cfg.Metrics, err = pipeline.NewMetrics(reg); err != nil {
		return err
	}
	qm, err := nats.NewMetrics(reg)
	if err != nil {
		return err
	}
	if *metricsAddr != "" {
		stop, err := serveMetrics(e, *metricsAddr, reg)
		if err != nil {
			return err
		}
		defer stop()
	}
	q, err := nats.Open(ctx, *qf.url, nats.Config{Stream: *qf.stream, Subject: *qf.subject, Consumer: *consumer,
		AckWait: *ackWait, MaxDeliver: *maxDeliver})
	if err != nil {
		return err
	}
	defer q.Close()
	w := &nats.Worker{
		Queue:    q,
		Pipeline: cfg,
		Sources: source.Options{
			Client: fetch.New(fetch.Options{AllowPrivate: *allowPrivate, Logger: e.log}),
			Logger: e.log,
		},
		Items:   *items,
		Log:     e.log,
		Metrics: qm,
	}
	e.log.Info("worker started", "stage", "queue", "url", *qf.url, "stream", *qf.stream, "consumer", *consumer)
	err = w.Run(ctx)
	c := w.Counts()
	e.log.Info("worker stopped", "stage", "queue", "acked", c.Acked, "retried", c.Retried,
		"released", c.Released, "terminated", c.Terminated)
	return err
}

// serveMetrics serves reg's metrics at /metrics on addr until stop.
func serveMetrics(e *env, addr string, reg *prometheus.Registry) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("worker: --metrics: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			e.log.Error("metrics server", "stage", "queue", "err", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}

// workerPipeline is the standard pipeline's configuration over st, less
// resume checkpoints (the queue resumes a worker's work; the Worker sets
// SkipCheckpoints). New alerts are written to the store's outbox; "detente
// serve" delivers them.
func workerPipeline(ctx context.Context, e *env, st store, dict string, workers int) (pipeline.Config, error) {
	stories, err := workerStories(ctx, e, st)
	if err != nil {
		return pipeline.Config{}, err
	}
	cfg, err := pipeline.StandardConfig(ctx, st, pipeline.Options{
		Dedup:    stories,
		DictDir:  dict,
		Workers:  workers,
		Notifier: alert.New(st, alert.Options{Log: e.log}),
		Log:      e.log,
		OnError: func(input string, err error) {
			e.log.Error("page failed", "url", input, "err", err)
		},
	})
	return cfg, err
}

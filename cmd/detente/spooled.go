package main

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/detente-project/detente"
)

// drainTime bounds how long a stopping serve or watch waits for the
// pipeline to store what it was handed; spooled pages it has not stored by
// then stay spooled for the next start.
const drainTime = 30 * time.Second

// runSpooled runs en's pipeline over its spool while the producers run.
// Producers put pages in the spool (en.spool.Add) and acknowledge them
// only then, so that a crash loses nothing acknowledged; they run until ctx
// is done or one fails. Then the spool makes a last pass, the pipeline
// stores what it was handed (for at most drainTime) and runSpooled
// returns the first real failure: the cancellations a stop causes are
// none.
func runSpooled(ctx context.Context, e *env, en *engine, producers ...func(ctx context.Context) error) error {
	pages := make(chan detente.Page, 64)
	emit := func(ctx context.Context, p detente.Page) error {
		select {
		case pages <- p:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	// The pipeline and the spool's last pass outlive ctx, so that a stop
	// drains; a failing pipeline stops the producers.
	prodCtx, stopProducers := context.WithCancelCause(ctx)
	defer stopProducers(nil)
	pipeCtx, stopPipe := context.WithCancel(context.WithoutCancel(ctx))
	defer stopPipe()
	pipeErr := make(chan error, 1)
	go func() {
		defer stopPipe()
		sum, err := en.pipe.Run(pipeCtx, pages)
		e.log.Info("pipeline stopped", "pages", sum.Pages, "articles", sum.Articles, "events", sum.Events, "failed_pages", sum.Failed)
		if err != nil {
			stopProducers(err)
		}
		pipeErr <- err
	}()

	g, gctx := errgroup.WithContext(prodCtx)
	// The spool feeds the pipeline until every producer has returned, so
	// that its last pass sees all they acknowledged.
	feedCtx, stopFeed := context.WithCancel(context.WithoutCancel(ctx))
	defer stopFeed()
	// A failing producer stops the others.
	running, rctx := errgroup.WithContext(gctx)
	for _, produce := range producers {
		running.Go(func() error { return produce(rctx) })
	}
	g.Go(func() error {
		defer stopFeed()
		return running.Wait()
	})
	g.Go(func() error { return en.spool.Run(feedCtx, pipeCtx, emit) })
	prodErr := g.Wait()
	close(pages)
	drain := time.AfterFunc(drainTime, stopPipe)
	defer drain.Stop()
	err := <-pipeErr
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		e.log.Warn("stopped before the pipeline had stored everything; spooled pages stay for the next start")
	}
	var errs []error
	for _, err := range []error{prodErr, err} {
		if err != nil && !(ctx.Err() != nil && errors.Is(err, context.Canceled)) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// spoolPage puts one page in en's spool: a producer's emit.
func (en *engine) spoolPage(ctx context.Context, p detente.Page) error {
	return en.spool.Add(ctx, []detente.Page{p})
}

package main

import (
	"context"
	"log/slog"
	"time"
)

// bandPruneEvery is how often a server, watch or queue worker deletes
// the band rows of the articles that the news left past their horizon.
const bandPruneEvery = 24 * time.Hour

// pruneBands deletes the band rows past their horizon of st every
// interval, the first time one interval after it starts (opening the
// store did it), until ctx is done. A failure is logged, and the delete
// tried again the next time.
func pruneBands(ctx context.Context, log *slog.Logger, st store, every time.Duration) error {
	return upkeep(ctx, log, "prune the band rows past their horizon", every, every, func(ctx context.Context) error {
		start := time.Now()
		pruned, err := st.PruneBands(ctx)
		if err == nil && pruned {
			log.InfoContext(ctx, "band rows past their horizon deleted", "seconds", time.Since(start).Seconds())
		}
		return err
	})
}

// totalsFolder is a store whose running totals gain a row with each
// write, which a long-running process folds now and then (the PostgreSQL
// store's, FoldTotals).
type totalsFolder interface {
	FoldTotals(ctx context.Context) (int, error)
}

// foldTotalsEvery is how often a server, watch or queue worker folds its
// store's running totals: a write a second adds 600 rows in between.
const foldTotalsEvery = 10 * time.Minute

// foldTotals folds f's running totals every interval, the first time one
// interval after it starts (a server's start did it: Optimize), until
// ctx is done. A failure is logged, and the fold tried again the next time.
func foldTotals(ctx context.Context, log *slog.Logger, f totalsFolder, every time.Duration) error {
	return upkeep(ctx, log, "fold the running totals", every, every, func(ctx context.Context) error {
		folded, err := f.FoldTotals(ctx)
		if err == nil && folded > 1 {
			log.InfoContext(ctx, "running totals folded", "rows", folded)
		}
		return err
	})
}

// upkeepEvery is how often storeUpkeep's jobs run.
type upkeepEvery struct {
	merge, prune, fold time.Duration
}

// storeUpkeepEvery is how often a long-running process keeps its store.
var storeUpkeepEvery = upkeepEvery{merge: searchMergeEvery, prune: bandPruneEvery, fold: foldTotalsEvery}

// storeUpkeep returns the jobs that keep st while a long-running process
// writes to it or serves it (serve, watch, worker), each running until
// its context is done: merging its full-text indexes (SQLite), deleting
// the band rows past their horizon, and folding its running totals
// (PostgreSQL), every interval of every.
func storeUpkeep(log *slog.Logger, st store, every upkeepEvery) []func(context.Context) error {
	var jobs []func(context.Context) error
	if m, ok := st.(searchMerger); ok {
		jobs = append(jobs, func(ctx context.Context) error { return mergeSearch(ctx, log, m, every.merge) })
	}
	jobs = append(jobs, func(ctx context.Context) error { return pruneBands(ctx, log, st, every.prune) })
	if f, ok := st.(totalsFolder); ok {
		jobs = append(jobs, func(ctx context.Context) error { return foldTotals(ctx, log, f, every.fold) })
	}
	return jobs
}

// upkeep runs fn first after it starts and every interval after, until
// ctx is done. A failure is logged as what, and fn run again the next
// time.
func upkeep(ctx context.Context, log *slog.Logger, what string, first, every time.Duration, fn func(context.Context) error) error {
	t := time.NewTimer(first)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		switch err := fn(ctx); {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			log.WarnContext(ctx, what, "err", err)
		}
		t.Reset(every)
	}
}

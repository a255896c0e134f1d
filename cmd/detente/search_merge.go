package main

import (
	"context"
	"log/slog"
	"time"
)

// searchMerger is a store whose full-text indexes gather segments as they
// are written, which a long-running process merges now and then (the
// SQLite store's).
type searchMerger interface {
	MergeSearch(ctx context.Context) ([]string, error)
}

// searchMergeEvery is how often a server, watch or queue worker merges
// its store's full-text indexes, each only when it holds many segments:
// some 12 s of the writer at 1,000,000 events, between other writes.
const searchMergeEvery = 6 * time.Hour

// mergeSearch merges m's full-text indexes when the process starts and
// every interval after, until ctx is done. A failure is logged, and the
// merge tried again the next time.
func mergeSearch(ctx context.Context, log *slog.Logger, m searchMerger, every time.Duration) error {
	return upkeep(ctx, log, "merge the search index", 0, every, func(ctx context.Context) error {
		start := time.Now()
		merged, err := m.MergeSearch(ctx)
		if err == nil && len(merged) > 0 {
			log.InfoContext(ctx, "search index merged", "indexes", merged, "seconds", time.Since(start).Seconds())
		}
		return err
	})
}

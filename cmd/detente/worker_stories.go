package main

import (
	"context"

	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/dedup/pgindex"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/postgres"
)

// workerStories returns the story index of a queue worker over st: over
// PostgreSQL, the index shared by every worker of the store (backfilled
// with the stored articles of its window it does not hold yet), so that
// workers group wire copies as one process would; nil otherwise (the
// pipeline's in-memory index).
func workerStories(ctx context.Context, e *env, st store) (pipeline.Deduper, error) {
	pg, ok := st.(*postgres.Store)
	if !ok {
		return nil, nil
	}
	idx := pgindex.New(pg.DB(), dedup.Options{})
	n, err := idx.Backfill(ctx, pg.EachFingerprint)
	if err != nil {
		return nil, err
	}
	e.log.Info("story index shared through PostgreSQL", "stage", "queue", "backfilled", n)
	return idx, nil
}

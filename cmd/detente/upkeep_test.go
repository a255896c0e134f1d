package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
	"golang.org/x/sync/errgroup"
)

// TestServerPrunesBands writes an article and then one published 200
// days later into an open store, as a server's feeds do while the news
// moves on: the server's turn, one interval after it starts, deletes the
// first's band rows, past their horizon, and logs it, once.
func TestServerPrunesBands(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "detente.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	writeApart(t, st, "served")
	logged := upkeepLog(t, "pruneBands", "band rows past their horizon deleted", func(ctx context.Context, log *slog.Logger) error {
		return pruneBands(ctx, log, st, 50*time.Millisecond)
	})
	if n := strings.Count(logged, "band rows past their horizon deleted"); n != 1 {
		t.Errorf("deleted %d times, want once:\n%s", n, logged)
	}
	if pruned, err := st.PruneBands(ctx); err != nil || pruned {
		t.Errorf("PruneBands after the server's = %v, %v; want nothing to delete", pruned, err)
	}
}

// writeApart writes two articles named by prefix into st one at a time,
// the second published 200 days after the first, past the first's band
// horizon.
func writeApart(t *testing.T, st interface {
	WriteDocuments(context.Context, []detente.Document) error
}, prefix string) {
	t.Helper()
	docs := storetest.FingerprintedDocs(prefix, 2)
	t0 := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	for i := range docs {
		docs[i].Article.Published = t0.AddDate(0, 0, 200*i)
		if err := st.WriteDocuments(context.Background(), []detente.Document{docs[i]}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestServerFoldsTotals writes articles one at a time into a PostgreSQL
// store, as a server's feeds and pushes do, each adding a row of running
// totals: the server's turn folds them into one and logs it, the totals
// kept.
func TestServerFoldsTotals(t *testing.T) {
	ctx := context.Background()
	st, err := postgres.Open(ctx, pgtest.URL(t, "cmd_fold"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, d := range storetest.Corpus() {
		if err := st.WriteDocuments(ctx, []detente.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	logged := upkeepLog(t, "foldTotals", "running totals folded", func(ctx context.Context, log *slog.Logger) error {
		return foldTotals(ctx, log, st, 50*time.Millisecond)
	})
	if n := strings.Count(logged, "running totals folded"); n != 1 {
		t.Errorf("folded %d times, want once (a fold of one row is not logged):\n%s", n, logged)
	}
	checkFolded(t, st, before, "the server's turn")
}

// checkFolded checks that st's running totals are one row after what
// (an upkeep), and its Stats still before.
func checkFolded(t *testing.T, st *postgres.Store, before detente.Stats, what string) {
	t.Helper()
	ctx := context.Background()
	var rows int
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM count_deltas`).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("%d rows of running totals after %s, %v; want 1", rows, what, err)
	}
	if after, err := st.Stats(ctx); err != nil || after != before {
		t.Errorf("Stats after %s = %+v, %v; want %+v", what, after, err, before)
	}
}

// TestStoreUpkeep runs the jobs that serve, watch and worker keep a
// PostgreSQL store with, at short intervals, on a store written one
// article at a time, the second 200 days after the first: they fold its
// running totals into one row and delete the first article's band rows,
// past their horizon, the totals kept.
func TestStoreUpkeep(t *testing.T) {
	ctx := context.Background()
	st, err := postgres.Open(ctx, pgtest.URL(t, "cmd_upkeep"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	writeApart(t, st, "kept")
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	every := upkeepEvery{merge: 50 * time.Millisecond, prune: 50 * time.Millisecond, fold: 50 * time.Millisecond}
	upkeepLog(t, "storeUpkeep", "running totals folded", func(ctx context.Context, log *slog.Logger) error {
		g, ctx := errgroup.WithContext(ctx)
		for _, job := range storeUpkeep(log, st, every) {
			g.Go(func() error { return job(ctx) })
		}
		return g.Wait()
	})
	if pruned, err := st.PruneBands(ctx); err != nil || pruned {
		t.Errorf("PruneBands after the upkeep = %v, %v; want nothing to delete", pruned, err)
	}
	checkFolded(t, st, before, "the upkeep")
}

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/alert"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/source"
	"github.com/detente-project/detente/sqlite"
)

// store is everything the commands use of a store; the sqlite and postgres
// stores are both.
type store interface {
	pipeline.Store
	alert.Store
	detente.Reader
	detente.TensionReader
	detente.SubscriptionService
	source.SpoolStore
	// Optimize refreshes the query planner's statistics after a bulk load.
	Optimize(ctx context.Context) error
	// BulkLoad runs a load into a new store with the indexes of reads
	// built after it rather than during it.
	BulkLoad(ctx context.Context, load func() error) error
	// PruneBands deletes the band rows of the articles past their
	// horizon; opening the store runs it, and a long-running process
	// daily (bandPruneEvery).
	PruneBands(ctx context.Context) (bool, error)
	Close() error
}

var (
	_ store = (*sqlite.Store)(nil)
	_ store = (*postgres.Store)(nil)
)

// openStore opens a PostgreSQL store for a postgres:// URL and a SQLite
// file otherwise, creating the file's folder when needed.
func openStore(ctx context.Context, dsn string) (store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return postgres.Open(ctx, dsn)
	}
	if dir := filepath.Dir(dsn); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create folder of %s: %w", dsn, err)
		}
	}
	return sqlite.Open(ctx, dsn)
}

// openExisting is openStore for commands that only read or rework a
// database: a SQLite file that does not exist is an error naming it, not
// an empty database created on the spot.
func openExisting(ctx context.Context, dsn string) (store, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("database %s: %w (give --db, or build one with detente ingest or detente demo)", dsn, err)
		}
	}
	return openStore(ctx, dsn)
}

// dbFlagUsage documents the --db flag of every command that has one.
const dbFlagUsage = "SQLite file, or a postgres:// URL"

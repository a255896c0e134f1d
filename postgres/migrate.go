package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	"github.com/detente-project/detente/internal/migration"
)

// migrations holds every numbered schema file; other packages' files in the
// same folder (0100_tension.sql) are picked up too.
//
//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key that keeps two processes from
// migrating the same database at once.
const migrationLock = 0x64657465 // "dete"

// migrate applies, in order and each in its own transaction, every
// migration not yet recorded in schema_migrations of the current schema.
func migrate(ctx context.Context, db *sql.DB) error {
	return migration.Apply(ctx, db, migrations, migration.Dialect{
		Prepare:  prepareMigration,
		Applied:  `SELECT count(*) FROM schema_migrations WHERE version = $1`,
		Record:   `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`,
		Recorded: `SELECT version, name FROM schema_migrations ORDER BY version`,
	})
}

// prepareMigration takes the migration lock for the transaction and makes
// sure schema_migrations exists.
func prepareMigration(ctx context.Context, tx *sql.Tx, m migration.File) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("migration %s: lock: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	return nil
}

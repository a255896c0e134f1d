package sqlite

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

// migrate applies, in order and each in its own transaction, every
// migration not yet recorded in schema_migrations.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	return migration.Apply(ctx, db, migrations, migration.Dialect{
		Applied:  `SELECT count(*) FROM schema_migrations WHERE version = ?`,
		Record:   `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, datetime('now'))`,
		Recorded: `SELECT version, name FROM schema_migrations ORDER BY version`,
	})
}

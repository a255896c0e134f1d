package migration

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
)

// Dialect is the SQL with which a store records its migrations in its
// table schema_migrations.
type Dialect struct {
	// Prepare, when set, runs first in each migration's transaction: a
	// store that other processes migrate too takes its lock there.
	Prepare func(ctx context.Context, tx *sql.Tx, f File) error
	// Applied counts the rows of schema_migrations with version = the
	// one argument.
	Applied string
	// Record inserts a row of schema_migrations for the arguments version
	// and name.
	Record string
}

// Apply applies, in order and each in its own transaction, every schema
// file of fsys's folder "migrations" that schema_migrations does not
// record yet, and records it.
func Apply(ctx context.Context, db *sql.DB, fsys fs.FS, d Dialect) error {
	files, err := List(fsys)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := apply(ctx, db, fsys, d, f); err != nil {
			return err
		}
	}
	return nil
}

func apply(ctx context.Context, db *sql.DB, fsys fs.FS, d Dialect, f File) error {
	body, err := fs.ReadFile(fsys, "migrations/"+f.Name)
	if err != nil {
		return fmt.Errorf("migration %s: %w", f.Name, err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", f.Name, err)
	}
	defer tx.Rollback()
	if d.Prepare != nil {
		if err := d.Prepare(ctx, tx, f); err != nil {
			return err
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, d.Applied, f.Version).Scan(&n); err != nil {
		return fmt.Errorf("migration %s: %w", f.Name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", f.Name, err)
	}
	if _, err := tx.ExecContext(ctx, d.Record, f.Version, f.Name); err != nil {
		return fmt.Errorf("migration %s: %w", f.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", f.Name, err)
	}
	return nil
}

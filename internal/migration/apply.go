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
	// Recorded selects the version and name of every row of
	// schema_migrations.
	Recorded string
}

// Apply applies, in order and each in its own transaction, every schema
// file of fsys's folder "migrations" that schema_migrations does not
// record yet, and records it. A store whose schema_migrations records a
// migration that fsys does not hold was migrated by a newer build, whose
// schema this one does not know: it is refused before anything is
// applied, as writing it could fail late or lose what the newer schema
// keeps.
func Apply(ctx context.Context, db *sql.DB, fsys fs.FS, d Dialect) error {
	files, err := List(fsys)
	if err != nil {
		return err
	}
	known := make(map[int]bool, len(files))
	for _, f := range files {
		known[f.Version] = true
	}
	for i, f := range files {
		// The first transaction, once Prepare has run, checks the store.
		check := known
		if i > 0 {
			check = nil
		}
		if err := apply(ctx, db, fsys, d, f, check); err != nil {
			return err
		}
	}
	return nil
}

// newer returns an error naming the first migration that schema_migrations
// records and known does not hold; nil when there is none.
func newer(ctx context.Context, tx *sql.Tx, d Dialect, known map[int]bool) error {
	rows, err := tx.QueryContext(ctx, d.Recorded)
	if err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	latest := 0
	for v := range known {
		latest = max(latest, v)
	}
	for rows.Next() {
		var (
			v    int
			name string
		)
		if err := rows.Scan(&v, &name); err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		if !known[v] {
			return fmt.Errorf("the store records migration %s, which this build does not have (its latest is %04d): "+
				"a newer build of detente migrated it; use that build or a later one", name, latest)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	return nil
}

// apply applies f unless schema_migrations records it; with known set,
// it first refuses a store that records a migration known lacks.
func apply(ctx context.Context, db *sql.DB, fsys fs.FS, d Dialect, f File, known map[int]bool) error {
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
	if known != nil {
		if err := newer(ctx, tx, d, known); err != nil {
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

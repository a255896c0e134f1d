package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Store is a detente store in a PostgreSQL database. It implements
// detente.DocumentWriter and detente.Reader and is safe for concurrent use,
// also by several processes.
type Store struct {
	*core
	db *sql.DB
}

// Open connects to the database at url (a postgres:// URL or key=value
// string; search_path=... selects a schema) and brings its schema up to
// date.
func Open(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return &Store{core: sqlstore.New(db, db, dialect), db: db}, nil
}

// Close closes the store's connections.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the store's connection pool, for packages that add their own
// tables through migrations in this package.
func (s *Store) DB() *sql.DB { return s.db }

// Optimize folds the running totals of Stats into one row and refreshes
// the planner's statistics of the store's tables; run it after a bulk load,
// as autovacuum may not have yet, and now and then.
func (s *Store) Optimize(ctx context.Context) error {
	// One statement: rows that writers add meanwhile are not in its
	// snapshot and stay as they are.
	if _, err := s.db.ExecContext(ctx, `WITH d AS (DELETE FROM count_deltas RETURNING *)
		INSERT INTO count_deltas (articles, sentences, events, stories)
		SELECT coalesce(sum(articles), 0), coalesce(sum(sentences), 0), coalesce(sum(events), 0),
		coalesce(sum(stories), 0) FROM d`); err != nil {
		return fmt.Errorf("optimize: fold totals: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `ANALYZE articles, sentences, events, stories`); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	return nil
}

// GetState returns the value stored under key, and whether there is one.
func (s *Store) GetState(ctx context.Context, key string) ([]byte, bool, error) {
	if !detente.ValidText(key) {
		return nil, false, nil
	}
	var v []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM state WHERE key = $1`, key).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("get state %q: %w", key, err)
	}
	if v == nil {
		v = []byte{}
	}
	return v, true, nil
}

// PutState stores v under key, replacing any previous value.
func (s *Store) PutState(ctx context.Context, key string, v []byte) error {
	if !detente.ValidText(key) {
		return detente.Errorf(detente.EINVALID, "state key %q is not valid text", key)
	}
	if v == nil {
		v = []byte{}
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO state (key, value, updated) VALUES ($1, $2, now())
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated`, key, v)
	if err != nil {
		return fmt.Errorf("put state %q: %w", key, err)
	}
	return nil
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// StatesWithPrefix returns every state whose key starts with prefix.
func (s *Store) StatesWithPrefix(ctx context.Context, prefix string) (map[string][]byte, error) {
	out, err := sqlscan.KeyValues(ctx, s.db, `SELECT key, value FROM state WHERE left(key, length($1)) = $1`, prefix)
	if err != nil {
		return nil, fmt.Errorf("states %q: %w", prefix, err)
	}
	return out, nil
}

// DeleteState deletes the state of key; a key not stored is no error.
func (s *Store) DeleteState(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM state WHERE key = $1`, key); err != nil {
		return fmt.Errorf("delete state %q: %w", key, err)
	}
	return nil
}

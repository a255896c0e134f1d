// Package sqlstore is the one SQL implementation of detente's store, shared
// by the sqlite and postgres packages: queries, cursors, row scanning,
// tension reads and the delivery outbox are written here once, over a
// Dialect that says what really differs between the two databases
// (placeholders, time storage, boolean literals, lists, locking, full-text
// search). Each store package opens and migrates its database, gives the
// Dialect, and keeps what is its own: Stats, locks between processes, and
// the SQL of its writes, over the story semantics of StoryEvents.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// Store is the shared implementation of the store interfaces over an SQL
// database. Its methods are the store's; the sqlite and postgres packages
// embed it.
type Store struct {
	read, write conn
	// updates is the pool that tension updates read through: the write
	// pool, whose statements it keeps prepared where the dialect keeps
	// the read pool's (see New).
	updates   conn
	d         Dialect
	ranks     kept[rankKey, ranking]
	countries kept[string, map[string][]detente.CountryPoint]
	counts    kept[string, int] // upTo's
	// matchCounts keeps CountSentences' counts while the articles
	// stored are as many (Dialect.StoredArticles).
	matchCounts kept[string, int]
}

// New returns the store core over read, for queries, and write, for
// writes (the same pool where the database has one), with dialect d.
// Close it before closing the pools.
//
// Tension updates read through the write pool: what they read decides
// what they write, and SQLite's one write connection keeps its page cache
// across its own commits, where every commit makes each read connection
// drop its cache and unmap the file on its next read. In an update, which
// commits once per pair, a reader paid that at nearly every query: at
// 1,000,000 events a pair's days read after a commit took 600 µs on a
// reader and 70 on the writer (50 with nothing committed in between).
func New(read, write *sql.DB, d Dialect) *Store {
	s := &Store{read: conn{db: read, numbered: d.Numbered}, write: conn{db: write, numbered: d.Numbered}, d: d}
	s.updates = s.write
	s.counts.most, s.matchCounts.most = keptCounts, keptCounts
	if d.CacheStatements {
		s.read.cache = newStmtCache(read, cachedStatements)
		s.updates.cache = newStmtCache(write, cachedStatements)
	}
	return s
}

// Close closes what the core holds of its pools, the statements it
// keeps prepared; the pools are the caller's to close, after it.
func (s *Store) Close() error {
	var errs []error
	for _, c := range []*stmtCache{s.read.cache, s.updates.cache} {
		if c != nil {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// conn is a connection pool that takes the core's ? placeholders, and
// runs its queries through cache where it has one.
type conn struct {
	db       *sql.DB
	numbered bool
	cache    *stmtCache
}

// QueryContext runs a query (sqlscan.Querier).
func (c conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if c.cache != nil {
		return c.cache.QueryContext(ctx, rebind(query, c.numbered), args...)
	}
	return c.db.QueryContext(ctx, rebind(query, c.numbered), args...)
}

// QueryRowContext runs a query of one row.
func (c conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if c.cache != nil {
		return c.cache.QueryRowContext(ctx, rebind(query, c.numbered), args...)
	}
	return c.db.QueryRowContext(ctx, rebind(query, c.numbered), args...)
}

// ExecContext runs a statement.
func (c conn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return c.db.ExecContext(ctx, rebind(query, c.numbered), args...)
}

// BeginTx starts a transaction that takes ? placeholders.
func (c conn) BeginTx(ctx context.Context) (tx, error) {
	t, err := c.db.BeginTx(ctx, nil)
	return tx{t, c.numbered}, err
}

// tx is a transaction that takes the core's ? placeholders.
type tx struct {
	*sql.Tx
	numbered bool
}

// QueryContext runs a query (sqlscan.Querier).
func (t tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(ctx, rebind(query, t.numbered), args...)
}

// QueryRowContext runs a query of one row.
func (t tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(ctx, rebind(query, t.numbered), args...)
}

// ExecContext runs a statement.
func (t tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(ctx, rebind(query, t.numbered), args...)
}

// PrepareContext prepares a statement.
func (t tx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return t.Tx.PrepareContext(ctx, rebind(query, t.numbered))
}

// inTx runs f in a transaction of c and commits it when f succeeds.
func inTx(ctx context.Context, c conn, f func(t tx) error) error {
	t, err := c.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
	if err := f(t); err != nil {
		return err
	}
	return t.Commit()
}

// execEach runs query in t once for each value of vs, with the arguments
// args(v); nothing for no values.
func execEach[T any](ctx context.Context, t tx, query string, vs []T, args func(T) []any) error {
	if len(vs) == 0 {
		return nil
	}
	st, err := t.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, v := range vs {
		if _, err := st.ExecContext(ctx, args(v)...); err != nil {
			return err
		}
	}
	return nil
}

// maxUpsertArgs bounds the placeholders of one upsertAll statement, well
// under what SQLite (32,766) and PostgreSQL (65,535) take.
const maxUpsertArgs = 4000

// upsertAll stores vs in table within t, replacing the rows with the same
// key (see upsert), in as few statements as maxUpsertArgs allows: a
// statement a row cost PostgreSQL a round trip each. vs must not hold two
// rows of one key.
func upsertAll[T any](ctx context.Context, t tx, table, columns, key string, vs []T, args func(T) []any) error {
	if len(vs) == 0 {
		return nil
	}
	per := max(1, maxUpsertArgs/len(args(vs[0])))
	for i := 0; i < len(vs); i += per {
		part := vs[i:min(i+per, len(vs))]
		var flat []any
		for _, v := range part {
			flat = append(flat, args(v)...)
		}
		if _, err := t.ExecContext(ctx, upsert(table, columns, key, len(part)), flat...); err != nil {
			return err
		}
	}
	return nil
}

// day returns t's day as the stores keep days, YYYY-MM-DD text (which
// PostgreSQL reads into a date).
func day(t time.Time) string { return sqlscan.FormatDay(t) }

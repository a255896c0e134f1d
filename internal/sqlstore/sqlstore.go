// Package sqlstore is the one SQL implementation of detente's store, shared
// by the sqlite and postgres packages: queries, cursors, row scanning,
// tension reads and the delivery outbox are written here once, over a
// Dialect that says what really differs between the two databases
// (placeholders, time storage, boolean literals, lists, locking). Each
// store package opens and migrates its database, gives the Dialect, and
// keeps what is its own: writes, full-text search, locks between
// processes.
package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// Dialect is what differs between the databases the core runs on.
type Dialect struct {
	// Numbered says that the database takes numbered placeholders ($1,
	// $2, ...); the core writes ? and rewrites them.
	Numbered bool
	// Time returns a time as the database stores it.
	Time func(time.Time) any
	// NoTime is an absent time as the database stores it ('' or NULL).
	NoTime any
	// True and False are the boolean literals, to compare flag columns
	// with so that indexes on them serve.
	True, False string
	// Arrays says that a list goes as one array argument (= ANY(?)), not
	// as a list of placeholders (IN (?, ?, ...)).
	Arrays bool
	// Strpos is the function that returns where a string starts in
	// another, 1-based, 0 when absent.
	Strpos string
	// SkipLocked says that several processes share the database: a claim
	// locks the rows it reads and passes over rows others hold.
	SkipLocked bool
	// Clear returns the statements that delete every row of tables.
	Clear func(tables ...string) []string
	// TimeArg is the placeholder of a time compared in a row value, cast
	// where the database cannot tell its type.
	TimeArg string
	// DayArg is the same for a day, given as YYYY-MM-DD text.
	DayArg string
	// CursorLayout is the layout of the time in an article cursor.
	CursorLayout string
	// EventColumns selects sqlscan.EventColumns from events, the
	// mediators as JSON text.
	EventColumns string
	// Raw returns spooled text (URLs and titles, as pushed) as the
	// database keeps it.
	Raw func(string) any
	// SpoolLock, when not empty, is the statement that makes spoolers
	// take turns in their transactions; without it writes are serialised
	// already.
	SpoolLock string
	// Search is the database's full-text search.
	Search Search
}

// Search is a database's full-text search. Its conditions use ?
// placeholders, in the order of their arguments.
type Search interface {
	// Articles returns the condition that a row of articles matches a
	// user's search, with its arguments, or an EINVALID error.
	Articles(query string) (string, []any, error)
	// Matches returns a query that selects a row for each sentence that
	// matches a user's search, with its arguments, or an EINVALID error.
	Matches(query string) (string, []any, error)
	// Events returns the condition that a row of events is of a sentence
	// that matches a user's search, with its arguments, or an EINVALID
	// error; dense says that the search matches at least DenseMatches
	// sentences.
	Events(query string, dense bool) (string, []any, error)
	// EventPage returns the query of a page of the events that where
	// selects, with plan p, sorted by day and ID in direction dir (ASC or
	// DESC), its size the last argument.
	EventPage(where, dir string, p Plan) string
	// Sentences runs q on db and returns its hits, their snippets marked.
	Sentences(ctx context.Context, db sqlscan.Querier, q SentenceQuery) ([]detente.SentenceHit, error)
}

// Store is the shared implementation of the store interfaces over an SQL
// database. Its methods are the store's; the sqlite and postgres packages
// embed it.
type Store struct {
	read, write conn
	d           Dialect
}

// New returns the store core over read, for queries, and write, for
// writes (the same pool where the database has one), with dialect d.
func New(read, write *sql.DB, d Dialect) *Store {
	return &Store{read: conn{read, d.Numbered}, write: conn{write, d.Numbered}, d: d}
}

// conn is a connection pool that takes the core's ? placeholders.
type conn struct {
	db       *sql.DB
	numbered bool
}

// QueryContext runs a query (sqlscan.Querier).
func (c conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.db.QueryContext(ctx, rebind(query, c.numbered), args...)
}

// QueryRowContext runs a query of one row.
func (c conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
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

// execEach runs query once for each value of vs, with the arguments
// args(v), in one transaction; nothing for no values.
func execEach[T any](ctx context.Context, c conn, query string, vs []T, args func(T) []any) error {
	if len(vs) == 0 {
		return nil
	}
	t, err := c.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
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
	return t.Commit()
}

// day returns t's day as the stores keep days, YYYY-MM-DD text (which
// PostgreSQL reads into a date).
func day(t time.Time) string { return sqlscan.FormatDay(t) }

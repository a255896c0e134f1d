package sqlstore

import (
	"container/list"
	"context"
	"database/sql"
	"errors"
	"sync"
)

// cachedStatements is how many prepared statements a stmtCache keeps.
const cachedStatements = 128

// maxCachedText is the longest statement text a stmtCache prepares and
// keeps: longer ones are lists of many placeholders, rarely the same
// twice.
const maxCachedText = 2 << 10

// stmtCache runs the queries of a pool as statements it prepared earlier,
// keyed by their text, the most recently used first and at most size
// of them: SQLite parses and plans a statement anew at every query otherwise,
// which for a search is a good part of its time. It is safe for
// concurrent use. A statement it evicts while a query is starting on it is
// closed once that query has started (a query's rows keep their statement
// open until they are closed).
type stmtCache struct {
	db     *sql.DB
	size   int
	mu     sync.Mutex
	recent list.List                // of *cachedStmt, most recently used first
	byText map[string]*list.Element // of recent
	closed bool
}

// cachedStmt is a statement of a stmtCache, with how many queries are
// starting on it.
type cachedStmt struct {
	text    string
	stmt    *sql.Stmt
	users   int
	evicted bool
}

// newStmtCache returns a cache of at most size statements of db.
func newStmtCache(db *sql.DB, size int) *stmtCache {
	return &stmtCache{db: db, size: size, byText: make(map[string]*list.Element)}
}

// QueryContext runs query on the cache's pool, through its prepared
// statement where the cache keeps one or can prepare it; a query that
// cannot be prepared runs as it is, to fail as it would have.
func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	cs := c.get(ctx, query)
	if cs == nil {
		return c.db.QueryContext(ctx, query, args...)
	}
	defer c.release(cs)
	return cs.stmt.QueryContext(ctx, args...)
}

// QueryRowContext is QueryContext for a query of one row.
func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	cs := c.get(ctx, query)
	if cs == nil {
		return c.db.QueryRowContext(ctx, query, args...)
	}
	defer c.release(cs)
	return cs.stmt.QueryRowContext(ctx, args...)
}

// get returns the statement of query, prepared now when the cache has
// none, marked in use until release; nil when query is too long to cache
// or the statement cannot be prepared or kept.
func (c *stmtCache) get(ctx context.Context, query string) *cachedStmt {
	if len(query) > maxCachedText {
		return nil
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	if e, ok := c.byText[query]; ok {
		c.recent.MoveToFront(e)
		cs := e.Value.(*cachedStmt)
		cs.users++
		c.mu.Unlock()
		return cs
	}
	c.mu.Unlock()
	// Prepared without the lock: queries of other statements go on
	// meanwhile, and two queries of the same new text may both prepare it.
	stmt, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		stmt.Close()
		return nil
	}
	if e, ok := c.byText[query]; ok {
		c.recent.MoveToFront(e)
		cs := e.Value.(*cachedStmt)
		cs.users++
		c.mu.Unlock()
		stmt.Close()
		return cs
	}
	cs := &cachedStmt{text: query, stmt: stmt, users: 1}
	c.byText[query] = c.recent.PushFront(cs)
	var unused []*sql.Stmt
	for c.recent.Len() > c.size {
		if s := c.evict(c.recent.Back()); s != nil {
			unused = append(unused, s)
		}
	}
	c.mu.Unlock()
	for _, s := range unused {
		s.Close()
	}
	return cs
}

// evict removes e from the cache, c.mu held, and returns its statement
// when no query is starting on it, for the caller to close; otherwise the
// last release closes it.
func (c *stmtCache) evict(e *list.Element) *sql.Stmt {
	cs := c.recent.Remove(e).(*cachedStmt)
	delete(c.byText, cs.text)
	cs.evicted = true
	if cs.users > 0 {
		return nil
	}
	return cs.stmt
}

// release marks a query started on cs, closing cs's statement when it was
// evicted and this was the last.
func (c *stmtCache) release(cs *cachedStmt) {
	c.mu.Lock()
	cs.users--
	unused := cs.evicted && cs.users == 0
	c.mu.Unlock()
	if unused {
		cs.stmt.Close()
	}
}

// Close closes the statements of the cache; later queries run
// unprepared. Queries started earlier keep theirs until their rows are
// closed.
func (c *stmtCache) Close() error {
	c.mu.Lock()
	c.closed = true
	var unused []*sql.Stmt
	for c.recent.Len() > 0 {
		if s := c.evict(c.recent.Front()); s != nil {
			unused = append(unused, s)
		}
	}
	c.mu.Unlock()
	var err error
	for _, s := range unused {
		err = errors.Join(err, s.Close())
	}
	return err
}

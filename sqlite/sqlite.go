package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"

	"github.com/detente-project/detente/internal/sqlstore"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is a detente store in one SQLite file. It implements
// detente.DocumentWriter and detente.Reader and is safe for concurrent use.
type Store struct {
	*core
	write *sql.DB       // one connection: writes are serialised
	read  *sql.DB       // a pool of query-only connections
	ckpt  *checkpointer // copies the write-ahead log into the file
	path  string
}

// Open opens (creating when absent) the SQLite database at path and brings
// its schema up to date. path must name a file: readers and the writer use
// separate connections to it.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == ":memory:" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open sqlite %q: need a file path without '?' or '#'", path)
	}
	s, err := open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return s, nil
}

// open is Open of a path it has checked; on error it closes whatever it
// opened.
func open(ctx context.Context, path string) (_ *Store, err error) {
	var opened []io.Closer
	defer func() {
		if err != nil {
			for _, c := range slices.Backward(opened) {
				c.Close()
			}
		}
	}()
	common := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	// The writer leaves checkpoints to the checkpointer but for a long log
	// (checkpoint.go).
	w, err := sql.Open("sqlite", path+"?"+common+
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"+
		fmt.Sprintf("&_pragma=wal_autocheckpoint(%d)", walLimit)+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	opened = append(opened, w)
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		return nil, err
	}
	ck, err := startCheckpointer(path, common)
	if err != nil {
		return nil, fmt.Errorf("checkpointer: %w", err)
	}
	opened = append(opened, ck)
	if err := migrate(ctx, w); err != nil {
		return nil, err
	}
	if err := analyzeMissing(ctx, w); err != nil {
		return nil, err
	}
	// Readers map up to readerMmap bytes of the file instead of copying
	// each page through a read call: the page cache is the kernel's,
	// shared by all readers (bench scale: 1.4–1.6× the requests/s under
	// 64 clients at 100,000 events). Mapped pages show in the process's
	// RSS but are the file's, which the kernel may drop at any time.
	r, err := sql.Open("sqlite", path+"?"+common+"&_pragma=query_only(1)"+
		fmt.Sprintf("&_pragma=mmap_size(%d)", readerMmap))
	if err != nil {
		return nil, err
	}
	opened = append(opened, r)
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	if err := r.PingContext(ctx); err != nil {
		return nil, err
	}
	s := &Store{core: sqlstore.New(r, w, dialect), write: w, read: r, ckpt: ck, path: path}
	if err := s.FillBands(ctx); err != nil {
		s.core.Close()
		return nil, err
	}
	if _, err := s.PruneBands(ctx); err != nil {
		s.core.Close()
		return nil, err
	}
	return s, nil
}

// readerMmap is how much of the database file each reader maps: the most
// SQLite maps (its SQLITE_MAX_MMAP_SIZE, 2 GiB less 64 KiB), to which it
// cuts any larger setting. Past it, pages are read through each
// connection's small cache. At 1,000,000 events (a 5.8 GB file), mapping
// 2 GB instead of 256 MB gave 1,454 and 1,500 requests/s against 1,265
// and 1,431 (bench scale, 64 clients, alternately twice), and the time in
// read calls fell from 14% of the CPU to 9%.
const readerMmap = 0x7fff0000

// Close closes the store's connections and its prepared statements.
func (s *Store) Close() error {
	return errors.Join(s.ckpt.Close(), s.core.Close(), s.read.Close(), s.write.Close())
}

// DB returns the store's single write connection pool, for packages that
// add their own tables through migrations in this package. Writes through
// it are serialised with the store's own.
func (s *Store) DB() *sql.DB { return s.write }

// ReadDB returns the store's pool of query-only connections, for reads
// that should not wait behind writes.
func (s *Store) ReadDB() *sql.DB { return s.read }

// Optimize refreshes the query planner's statistics where they are stale
// (PRAGMA optimize); run it after a bulk load and now and then. Open runs
// it when the store has none.
func (s *Store) Optimize(ctx context.Context) error {
	return optimize(ctx, s.write)
}

// optimize is Optimize on the write connection db.
func optimize(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `PRAGMA analysis_limit = 20000; PRAGMA optimize = 0x10002`); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	return nil
}

// analyzeMissing gives the planner statistics of the events table when it
// has rows and none (a store written before ingest ran Optimize, or by a
// build that did not): without them SQLite guesses, and picks scans over
// the indexes the reads were built for. A store with statistics is left
// as it is, so an open costs one lookup.
func analyzeMissing(ctx context.Context, db *sql.DB) error {
	var stats, rows bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1')`).Scan(&stats); err != nil {
		return fmt.Errorf("look for statistics: %w", err)
	}
	if stats {
		if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = 'events')`).Scan(&stats); err != nil {
			return fmt.Errorf("look for statistics: %w", err)
		}
	}
	if stats {
		return nil
	}
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events)`).Scan(&rows); err != nil || !rows {
		return err
	}
	return optimize(ctx, db)
}

package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Store is a detente store in a PostgreSQL database. It implements
// detente.DocumentWriter and detente.Reader and is safe for concurrent use,
// also by several processes.
type Store struct {
	*core
	db *sql.DB
	// vacuumBands says that the server's autovacuum is off: PruneBands
	// vacuums the table it deleted rows of itself, so that new rows
	// reuse their space.
	vacuumBands bool
	// warming holds a token for each connection that warms indexes
	// ahead of a write (warm.go).
	warming chan struct{}
}

// Open connects to the database at url (a postgres:// URL or key=value
// string; search_path=... selects a schema) and brings its schema up to
// date.
//
// Its connections plan no parallel queries (max_parallel_workers_per_gather
// 0) unless url sets that parameter: a server answers many requests at
// once, each already on a core of its own, and workers started for one
// only take cores from the others (bench scale, a million events, 64
// clients on 2 cores: 1.3-1.5x the requests/s without them). Nor do they
// compile statements (jit off) unless url sets it: the store's statements
// read a page or a span, and a statement the planner overestimates was
// compiled at a cost of many times its run (bench scale, three million
// events: a count of 1,000 matches of a rare name, estimated at 83,206
// rows, ran in 15 ms after 124 ms of compiling).
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return OpenConfig(ctx, cfg)
}

// OpenConfig is Open of a parsed connection configuration, for callers
// that set what a URL cannot (a tracer); it sets cfg's runtime parameters
// as Open does.
func OpenConfig(ctx context.Context, cfg *pgx.ConnConfig) (*Store, error) {
	for param, value := range connDefaults {
		if _, set := cfg.RuntimeParams[param]; !set && !strings.Contains(cfg.RuntimeParams["options"], param) {
			cfg.RuntimeParams[param] = value
		}
	}
	db := stdlib.OpenDB(*cfg)
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
	d := dialect
	d.Search = search{shares: newStatCache[statShares](time.Now), plans: newStatCache[plan](time.Now)}
	s := &Store{core: sqlstore.New(db, db, d), db: db, warming: make(chan struct{}, warmConns)}
	var autovacuum string
	if err := db.QueryRowContext(ctx, `SELECT current_setting('autovacuum')`).Scan(&autovacuum); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	s.vacuumBands = autovacuum != "on"
	if err := s.FillBands(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if _, err := s.PruneBands(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return s, nil
}

// connDefaults are the settings of the store's connections that its URL
// does not set (Open).
var connDefaults = map[string]string{"max_parallel_workers_per_gather": "0", "jit": "off"}

// Close closes the store's connections.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the store's connection pool, for packages that add their own
// tables through migrations in this package.
func (s *Store) DB() *sql.DB { return s.db }

// Optimize folds the running totals of Stats into one row and vacuums and
// analyzes the store's tables; run it after a bulk load, as autovacuum may
// not have yet, and now and then. Searches are planned by the statistics
// (Dialect.Estimate), and the visibility map the vacuum sets lets the
// pair index answer rankings without reading the events (index-only).
func (s *Store) Optimize(ctx context.Context) error {
	if _, err := s.FoldTotals(ctx); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM (ANALYZE) articles, sentences, events, stories, article_bands`); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	return nil
}

// FoldTotals folds the running totals of Stats, one row a write, into
// one row, and returns how many rows it folded. Every search and every
// count of stored rows sums them: a server whose feeds and pushes write
// all day, which Optimize folds only when it starts, would sum more rows
// every day (psql's timing of a sum: 10,000 rows 1.2 ms, 50,000 5.3 ms,
// 200,000 21 ms; one row 0.2 ms).
func (s *Store) FoldTotals(ctx context.Context) (int, error) {
	// One statement: rows that writers add meanwhile are not in its
	// snapshot and stay as they are.
	var folded int
	err := s.db.QueryRowContext(ctx, `WITH d AS (DELETE FROM count_deltas RETURNING *),
		total AS (INSERT INTO count_deltas (articles, sentences, events, stories)
			SELECT coalesce(sum(articles), 0), coalesce(sum(sentences), 0), coalesce(sum(events), 0),
			coalesce(sum(stories), 0) FROM d)
		SELECT count(*) FROM d`).Scan(&folded)
	if err != nil {
		return 0, fmt.Errorf("fold totals: %w", err)
	}
	return folded, nil
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

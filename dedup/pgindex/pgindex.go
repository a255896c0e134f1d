// Package pgindex is the story index of package dedup kept in PostgreSQL,
// so that queue workers sharing one store group wire copies as one process
// would: any number of workers assign copies of a story to the same story.
//
// # Tables
//
// The tables story_index (the articles of the window, with story, published
// time and MinHash signature) and story_bands (LSH band key → article,
// story, published) are made by the postgres package's migration 0030.
// Index works on the connection pool of a postgres.Store (Store.DB).
//
// # Agreement between workers
//
// Assign runs one transaction that first takes a transaction-scoped
// advisory lock on each of the article's band keys, in ascending order,
// then reads the candidates, decides the story and writes the article's
// rows. Two articles can only match when they share a band key, so two
// workers assigning two copies at the same moment both want the lock of a
// shared key: the second waits until the first has committed, then reads
// the first copy as a candidate and joins its story. Locks are taken in
// one order by every worker, so assigners cannot deadlock each other.
//
// The decision is the in-memory index's (dedup.Index.Assign): the most
// similar candidate within the window at or above the threshold, ties to
// the earlier published, then the smaller ID; a bucket keeps the earliest
// and latest article of each story. Fed the same articles in the same
// order, Index and dedup.Index give the same stories (a test checks it).
// What the grouping of several workers does and does not share with one
// process is in dedup's package documentation ("Several processes").
//
// # Window
//
// Queries read only the buckets of the article being assigned and keep the
// candidates published within ±Window of it. Prune deletes the rows of
// articles published more than two windows before the newest one held, as
// dedup.Index evicts them; Assign calls it every PruneEvery assignments.
// Nothing loads history: Backfill indexes only the stored articles of the
// last two windows that the index does not hold yet.
package pgindex

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// PruneEvery is how many assignments of one Index go between two prunes.
const PruneEvery = 1000

// Index is a story index in a PostgreSQL database, shared by every
// process that opens one on the same database. It is safe for concurrent
// use.
type Index struct {
	db       *sql.DB
	opts     dedup.Options
	assigned atomic.Int64
}

// New returns an Index over db, a pool of the pgx driver (as
// postgres.Store.DB is) whose schema holds the tables of migration 0030
// (postgres.Open makes them). opts must be the same in
// every process sharing the index.
func New(db *sql.DB, opts dedup.Options) *Index {
	return &Index{db: db, opts: opts.Resolved()}
}

// Fingerprint returns the MinHash signature of body with this index's
// options; nil for a body without words.
func (x *Index) Fingerprint(body string) []uint64 { return x.opts.Fingerprint(body) }

// Assign returns the story of an article, as dedup.Index.Assign does: the
// story of the most similar article held published within the window
// whose estimated similarity reaches the threshold, else a new story whose
// ID is articleID; the article is then held. Assigning an article ID
// already held returns its story, so a redelivered article keeps it.
// Published times are held to the microsecond.
func (x *Index) Assign(ctx context.Context, articleID string, published time.Time, fp []uint64) (string, error) {
	story, err := retry(ctx, func() (string, error) { return x.assign(ctx, articleID, "", published, fp) })
	if err != nil {
		return "", fmt.Errorf("story index: assign article %s: %w", articleID, err)
	}
	if x.assigned.Add(1)%PruneEvery == 0 {
		if err := x.Prune(ctx); err != nil {
			return "", err
		}
	}
	return story, nil
}

// maxTries bounds how often a transaction PostgreSQL rolled back to break
// a deadlock (with a concurrent Prune) is tried again.
const maxTries = 5

func retry(ctx context.Context, f func() (string, error)) (string, error) {
	for try := 1; ; try++ {
		s, err := f()
		var pe *pgconn.PgError
		if err == nil || try == maxTries || !errors.As(err, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			return s, err
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(time.Duration(try*try) * 10 * time.Millisecond):
		}
	}
}

// held is an article of the index as a candidate reads it.
type held struct {
	id, story string
	published time.Time
}

// earlier orders articles by published time, then ID.
func earlier(a, b held) bool {
	if !a.published.Equal(b.published) {
		return a.published.Before(b.published)
	}
	return a.id < b.id
}

// assign holds an article in one transaction under the locks of its band
// keys: in story, or, when story is "", in the story it matches. The
// transaction is two round trips, each a batch of statements: begin, lock
// and read; then write and commit.
//
// It commits asynchronously (synchronous_commit off): the store's write of
// a document, which waits for its own commit record to be flushed, flushes
// the index rows it was assigned from along with it, so a crash can only
// lose index rows of articles not stored yet, which are delivered again.
func (x *Index) assign(ctx context.Context, id, story string, published time.Time, fp []uint64) (string, error) {
	me := held{id: id, published: published.UTC().Truncate(time.Microsecond)}
	keys := dedup.BandKeys(x.opts, fp)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	conn, err := x.db.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("a %T connection, want the pgx driver's", dc)
		}
		c := sc.Conn()
		err := func() error {
			var b pgx.Batch
			b.Queue(`BEGIN`)
			b.Queue(lockSQL, lockArgs(keys)...)
			// Read once the locks are held: this statement's snapshot then
			// has every article committed under them.
			b.Queue(readSQL, signed(keys), me.id, me.published.Add(-x.opts.Window), me.published.Add(x.opts.Window))
			r, err := x.read(c.SendBatch(ctx, &b))
			if err != nil {
				return err
			}
			if r.prior != "" {
				story = r.prior
				_, err := c.Exec(ctx, `COMMIT`)
				return err
			}
			if story == "" {
				story = x.match(me, fp, r.fps)
			}
			me.story = story
			b = pgx.Batch{}
			b.Queue(writeSQL, write(me, fp, keys, r.buckets)...)
			b.Queue(`COMMIT`)
			return c.SendBatch(ctx, &b).Close()
		}()
		if err != nil && c.PgConn().TxStatus() != 'I' {
			c.Exec(ctx, `ROLLBACK`) // else the pool drops the connection
		}
		return err
	})
	return story, err
}

// lockSQL turns synchronous commit off for the transaction and takes the
// advisory lock of each key, in the order given (the same ascending order
// in every process), until the end of the transaction: unnest yields the
// rows in array order, and each lock is taken as its row is read. The
// locks use the two-int4 key space, apart from the store's bigint locks.
const lockSQL = `SELECT set_config('synchronous_commit', 'off', true),
	(SELECT count(pg_advisory_xact_lock(h, l)) FROM unnest($1::int4[], $2::int4[]) AS k(h, l))`

func lockArgs(keys []uint64) []any {
	hi, lo := make([]int32, len(keys)), make([]int32, len(keys))
	for i, k := range keys {
		hi[i], lo[i] = int32(k>>32), int32(k)
	}
	return []any{hi, lo}
}

// readSQL reads the story of the article if it is held already (part 0),
// the articles of its buckets (1), and the signatures of those published
// within the window (2).
const readSQL = `WITH b AS (SELECT band_key, article_id, story_id, published
		FROM unnest($1::bigint[]) AS k JOIN story_bands ON band_key = k)
	SELECT 0, article_id, story_id, published, NULL::bigint, NULL::bytea FROM story_index WHERE article_id = $2
	UNION ALL
	SELECT 1, article_id, story_id, published, band_key, NULL FROM b
	UNION ALL
	SELECT 2, article_id, story_id, published, NULL, fingerprint FROM story_index
		WHERE article_id IN (SELECT article_id FROM b WHERE published BETWEEN $3 AND $4)`

// candidate is an article of the window sharing a bucket with the one
// being assigned.
type candidate struct {
	held
	fp []uint64
}

// reading is what assign reads in one statement (readSQL): the story of the article
// if it is held already, the articles of its buckets, and the signatures
// of those published within the window.
type reading struct {
	prior   string
	buckets map[uint64][]held
	fps     []candidate
}

// read reads the results of the batch begin, lock, readSQL, and closes it.
func (x *Index) read(br pgx.BatchResults) (r reading, err error) {
	defer func() {
		if cerr := br.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	r.buckets = map[uint64][]held{}
	for _, what := range []string{"begin", "lock band keys"} {
		if _, err := br.Exec(); err != nil {
			return r, fmt.Errorf("%s: %w", what, err)
		}
	}
	rows, err := br.Query()
	if err != nil {
		return r, fmt.Errorf("read buckets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			part int
			h    held
			key  *int64
			raw  []byte
		)
		if err := rows.Scan(&part, &h.id, &h.story, &h.published, &key, &raw); err != nil {
			return r, fmt.Errorf("read buckets: %w", err)
		}
		h.published = h.published.UTC()
		switch part {
		case 0:
			r.prior = h.story
		case 1:
			r.buckets[uint64(*key)] = append(r.buckets[uint64(*key)], h)
		default:
			fp, err := sqlscan.DecodeFingerprint(raw)
			if err != nil {
				return r, fmt.Errorf("read candidate %s: %w", h.id, err)
			}
			r.fps = append(r.fps, candidate{h, fp})
		}
	}
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("read buckets: %w", err)
	}
	return r, nil
}

// match returns the story of the most similar candidate, or me's ID when
// none reaches the threshold.
func (x *Index) match(me held, fp []uint64, cands []candidate) string {
	var (
		best    held
		found   bool
		bestSim float64
	)
	for _, c := range cands {
		sim := dedup.Similarity(fp, c.fp)
		if sim < x.opts.Threshold {
			continue
		}
		if !found || sim > bestSim || (sim == bestSim && earlier(c.held, best)) {
			best, bestSim, found = c.held, sim, true
		}
	}
	if !found {
		return me.id
	}
	return best.story
}

// writeSQL holds an article: its row, the rows that leave its buckets
// and its own bucket rows.
const writeSQL = `WITH a AS (INSERT INTO story_index (article_id, story_id, published, fingerprint)
		VALUES ($1, $2, $3, $4)),
	d AS (DELETE FROM story_bands WHERE (band_key, article_id) IN
		(SELECT * FROM unnest($6::bigint[], $7::text[])))
	INSERT INTO story_bands (band_key, article_id, story_id, published)
	SELECT k, $1, $2, $3 FROM unnest($5::bigint[]) AS k`

// write returns the arguments of writeSQL for me: it goes in each of its
// buckets unless the bucket already holds an earlier and a later article
// of me's story; it replaces the earliest or the latest when it extends
// the story's span (dedup.Index does the same).
func write(me held, fp []uint64, keys []uint64, buckets map[uint64][]held) []any {
	var (
		add, dropKeys []uint64
		dropIDs       []string
	)
	for _, k := range keys {
		var first, last held
		n := 0
		for _, h := range buckets[k] {
			if h.story != me.story {
				continue
			}
			if n == 0 || earlier(h, first) {
				first = h
			}
			if n == 0 || earlier(last, h) {
				last = h
			}
			n++
		}
		switch {
		case n < 2:
			add = append(add, k)
		case earlier(last, me):
			add, dropKeys, dropIDs = append(add, k), append(dropKeys, k), append(dropIDs, last.id)
		case earlier(me, first):
			add, dropKeys, dropIDs = append(add, k), append(dropKeys, k), append(dropIDs, first.id)
		}
	}
	return []any{me.id, me.story, me.published, sqlscan.EncodeFingerprint(fp), signed(add), signed(dropKeys), dropIDs}
}

// signed reinterprets band keys as PostgreSQL bigints.
func signed(keys []uint64) []int64 {
	out := make([]int64, len(keys))
	for i, k := range keys {
		out[i] = int64(k)
	}
	return out
}

// Prune deletes the articles published more than two windows before the
// newest one held (none of them can match an article of the window), then
// refreshes the tables' statistics.
func (x *Index) Prune(ctx context.Context) error {
	_, err := retry(ctx, func() (string, error) {
		tx, err := x.db.BeginTx(ctx, nil)
		if err != nil {
			return "", err
		}
		defer tx.Rollback()
		var newest sql.NullTime
		if err := tx.QueryRowContext(ctx, `SELECT max(published) FROM story_index`).Scan(&newest); err != nil || !newest.Valid {
			return "", err
		}
		horizon := newest.Time.Add(-2 * x.opts.Window)
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_bands WHERE published < $1`, horizon); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_index WHERE published < $1`, horizon); err != nil {
			return "", err
		}
		return "", tx.Commit()
	})
	if err != nil {
		return fmt.Errorf("story index: prune: %w", err)
	}
	// Fresh statistics keep the planner on the indexes while the tables
	// are young, before autovacuum has looked at them.
	if _, err := x.db.ExecContext(ctx, `ANALYZE story_index, story_bands`); err != nil {
		return fmt.Errorf("story index: analyze: %w", err)
	}
	return nil
}

// FingerprintSource yields stored articles with their stories, published
// at or after since, oldest first (pipeline.Store's EachFingerprint).
type FingerprintSource func(ctx context.Context, since time.Time,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error

// Backfill holds the stored articles published within two windows of the
// newest stored one that the index does not hold yet, in the stories they
// are stored with, then prunes, and returns how many it added: a store filled by a
// single-process ingest (with the in-memory index) then goes on under
// workers without splitting the stories of its last days. It reads the
// newest published time from the store's articles table.
func (x *Index) Backfill(ctx context.Context, each FingerprintSource) (int, error) {
	var newest sql.NullTime
	if err := x.db.QueryRowContext(ctx, `SELECT max(published) FROM articles`).Scan(&newest); err != nil {
		return 0, fmt.Errorf("story index: backfill: %w", err)
	}
	if !newest.Valid {
		return 0, nil
	}
	since := newest.Time.Add(-2 * x.opts.Window)
	have := map[string]bool{}
	rows, err := x.db.QueryContext(ctx, `SELECT article_id FROM story_index WHERE published >= $1`, since)
	if err != nil {
		return 0, fmt.Errorf("story index: backfill: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("story index: backfill: %w", err)
		}
		have[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("story index: backfill: %w", err)
	}
	added := 0
	err = each(ctx, since, func(id, story string, published time.Time, fp []uint64) error {
		if have[id] {
			return nil
		}
		if _, err := retry(ctx, func() (string, error) { return x.assign(ctx, id, story, published, fp) }); err != nil {
			return fmt.Errorf("article %s: %w", id, err)
		}
		added++
		return nil
	})
	if err != nil {
		return added, fmt.Errorf("story index: backfill: %w", err)
	}
	return added, x.Prune(ctx)
}

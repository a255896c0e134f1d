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
	"github.com/jackc/pgx/v5/pgconn"
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

// New returns an Index over db, whose schema must hold the tables of
// migration 0030 (postgres.Open makes them). opts must be the same in
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
// keys: in story, or, when story is "", in the story it matches.
func (x *Index) assign(ctx context.Context, id, story string, published time.Time, fp []uint64) (string, error) {
	me := held{id: id, published: published.UTC().Truncate(time.Microsecond)}
	keys := dedup.BandKeys(x.opts, fp)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	if err := lockKeys(ctx, tx, keys); err != nil {
		return "", err
	}
	var prior string
	switch err := tx.QueryRowContext(ctx, `SELECT story_id FROM story_index WHERE article_id = $1`, id).Scan(&prior); {
	case err == nil:
		return prior, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", err
	}
	buckets, err := readBuckets(ctx, tx, keys)
	if err != nil {
		return "", err
	}
	if story == "" {
		if story, err = x.match(ctx, tx, me, fp, buckets); err != nil {
			return "", err
		}
	}
	me.story = story
	if _, err := tx.ExecContext(ctx, `INSERT INTO story_index (article_id, story_id, published, fingerprint)
		VALUES ($1, $2, $3, $4)`, id, story, me.published, sqlscan.EncodeFingerprint(fp)); err != nil {
		return "", err
	}
	if err := link(ctx, tx, me, keys, buckets); err != nil {
		return "", err
	}
	return story, tx.Commit()
}

// lockKeys takes the advisory lock of each key, in the order given (the
// same ascending order in every process), until the end of tx. The locks
// use the two-int4 key space, apart from the store's bigint locks.
func lockKeys(ctx context.Context, tx *sql.Tx, keys []uint64) error {
	if len(keys) == 0 {
		return nil
	}
	hi, lo := make([]int32, len(keys)), make([]int32, len(keys))
	for i, k := range keys {
		hi[i], lo[i] = int32(k>>32), int32(k)
	}
	// unnest yields the rows in array order, and each lock is taken as
	// its row is read.
	_, err := tx.ExecContext(ctx, `SELECT count(pg_advisory_xact_lock(h, l))
		FROM unnest($1::int4[], $2::int4[]) AS k(h, l)`, hi, lo)
	if err != nil {
		return fmt.Errorf("lock band keys: %w", err)
	}
	return nil
}

// readBuckets returns the articles held in each of keys' buckets.
func readBuckets(ctx context.Context, tx *sql.Tx, keys []uint64) (map[uint64][]held, error) {
	out := map[uint64][]held{}
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT band_key, article_id, story_id, published
		FROM story_bands WHERE band_key = ANY($1::bigint[])`, signed(keys))
	if err != nil {
		return nil, fmt.Errorf("read buckets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			k int64
			h held
		)
		if err := rows.Scan(&k, &h.id, &h.story, &h.published); err != nil {
			return nil, fmt.Errorf("read buckets: %w", err)
		}
		h.published = h.published.UTC()
		out[uint64(k)] = append(out[uint64(k)], h)
	}
	return out, rows.Err()
}

// match returns the story of the most similar candidate of the buckets,
// or me's ID when none reaches the threshold.
func (x *Index) match(ctx context.Context, tx *sql.Tx, me held, fp []uint64, buckets map[uint64][]held) (string, error) {
	cand := map[string]held{}
	var ids []string
	for _, b := range buckets {
		for _, h := range b {
			if d := h.published.Sub(me.published); d > x.opts.Window || d < -x.opts.Window {
				continue
			}
			if _, ok := cand[h.id]; !ok {
				cand[h.id] = h
				ids = append(ids, h.id)
			}
		}
	}
	if len(ids) == 0 {
		return me.id, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT article_id, fingerprint FROM story_index WHERE article_id = ANY($1::text[])`, ids)
	if err != nil {
		return "", fmt.Errorf("read candidates: %w", err)
	}
	defer rows.Close()
	var (
		best    held
		found   bool
		bestSim float64
	)
	for rows.Next() {
		var (
			id  string
			raw []byte
		)
		if err := rows.Scan(&id, &raw); err != nil {
			return "", fmt.Errorf("read candidates: %w", err)
		}
		other, err := sqlscan.DecodeFingerprint(raw)
		if err != nil {
			return "", fmt.Errorf("read candidate %s: %w", id, err)
		}
		sim := dedup.Similarity(fp, other)
		if sim < x.opts.Threshold {
			continue
		}
		if h := cand[id]; !found || sim > bestSim || (sim == bestSim && earlier(h, best)) {
			best, bestSim, found = h, sim, true
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("read candidates: %w", err)
	}
	if !found {
		return me.id, nil
	}
	return best.story, nil
}

// link puts me in each of its buckets unless the bucket already holds an
// earlier and a later article of me's story; me replaces the earliest or
// the latest when it extends the story's span (dedup.Index does the same).
func link(ctx context.Context, tx *sql.Tx, me held, keys []uint64, buckets map[uint64][]held) error {
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
	if len(dropKeys) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_bands WHERE (band_key, article_id) IN
			(SELECT * FROM unnest($1::bigint[], $2::text[]))`, signed(dropKeys), dropIDs); err != nil {
			return fmt.Errorf("unlink: %w", err)
		}
	}
	if len(add) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_bands (band_key, article_id, story_id, published)
			SELECT k, $2, $3, $4 FROM unnest($1::bigint[]) AS k`, signed(add), me.id, me.story, me.published); err != nil {
			return fmt.Errorf("link: %w", err)
		}
	}
	return nil
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
// newest one held: none of them can match an article of the window.
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
	return nil
}

// FingerprintSource yields stored articles with their stories, published
// at or after since, oldest first (pipeline.Store's EachFingerprint).
type FingerprintSource func(ctx context.Context, since time.Time,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error

// Backfill holds the stored articles published within two windows of the
// newest stored one that the index does not hold yet, in the stories they
// are stored with, and returns how many it added: a store filled by a
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
	return added, nil
}

// Package pgindex is the story index of package dedup kept in PostgreSQL,
// so that queue workers sharing one store group wire copies as one process
// would: any number of workers assign copies of a story to the same story.
//
// # Tables
//
// The tables story_index (the articles of the window, with story, published
// time and MinHash signature) and story_bands (LSH band key → article,
// story, published) are made by the postgres package's migration 0030,
// and story_aliases (a story's former IDs: see dedup's "Story IDs") by its
// migration 0070.
// Index works on the connection pool of a postgres.Store (Store.DB).
//
// # Agreement between workers
//
// Assign takes a batch of articles (the pipeline hands it each batch it is
// about to store) and assigns them in one transaction under one
// transaction-scoped advisory lock, held by every assigner: it reads the
// buckets of all the batch's band keys, decides the stories one article
// after the other (each seeing the ones before it), writes the rows and
// commits. So two workers assigning two copies of a new story at the same
// moment are serialised: the second reads the first copy as a candidate
// and joins its story.
//
// One lock rather than a lock per band key: a batch of 64 articles has up
// to 4,096 keys, more than PostgreSQL's shared lock table is sized for
// (max_locks_per_transaction × connections). The price is that
// assignments do not run in parallel: all workers together assign at the
// rate of one assigner, about 400 articles/s on the loaded 2-core
// development machine, where the in-memory index assigns 20,000/s
// (BenchmarkAssign); most of it is writing an article's 64 bucket rows.
//
// The decision is the in-memory index's (dedup.Index.Assign): the most
// similar candidate within the window at or above the threshold, ties to
// the earlier published, then the smaller ID; a bucket keeps the earliest
// and latest article of each story. Fed the same articles in the same
// order, in batches of any size, Index and dedup.Index give the same
// stories (a test checks it). What the grouping of several workers does
// and does not share with one process is in dedup's package documentation
// ("Several processes").
//
// # Window
//
// Queries read only the buckets of the articles being assigned and keep
// the candidates published within ±Window of them. Prune deletes the rows of
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

	"github.com/detente-project/detente"
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

// Assign sets the StoryID of each article with a fingerprint, in order,
// as dedup.Index.Assign would one by one: the story of the most similar
// article held (or earlier in arts) published within the window whose
// estimated similarity reaches the threshold, else a new story whose ID is
// the article's; the article is then held. A copy published before its
// story's first copy held renames the story to its own ID. Each article
// also gets its story's former IDs (StoryAliases). An article ID already
// held keeps its story, as the story is named now, so a redelivered
// article keeps it. Articles without a fingerprint are left as they are. Published times are held to the
// microsecond. The articles are assigned in one transaction.
func (x *Index) Assign(ctx context.Context, arts []*detente.Article) error {
	var in []*detente.Article
	for _, a := range arts {
		if len(a.Fingerprint) > 0 {
			in = append(in, a)
		}
	}
	if len(in) == 0 {
		return nil
	}
	got, err := retry(ctx, func() (assigned, error) { return x.assign(ctx, in, nil) })
	if err != nil {
		return fmt.Errorf("story index: assign %d articles (%s first): %w", len(in), in[0].ID, err)
	}
	for i, a := range in {
		a.StoryID, a.StoryAliases = got.stories[i], got.aliases[got.stories[i]]
	}
	n := int64(len(in))
	if after := x.assigned.Add(n); after/PruneEvery != (after-n)/PruneEvery {
		return x.Prune(ctx)
	}
	return nil
}

// maxTries bounds how often a transaction PostgreSQL rolled back to break
// a deadlock or a serialisation conflict is tried again.
const maxTries = 5

func retry[T any](ctx context.Context, f func() (T, error)) (T, error) {
	for try := 1; ; try++ {
		v, err := f()
		var pe *pgconn.PgError
		if err == nil || try == maxTries || !errors.As(err, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			return v, err
		}
		select {
		case <-ctx.Done():
			return v, ctx.Err()
		case <-time.After(time.Duration(try*try) * 10 * time.Millisecond):
		}
	}
}

// held is an article of the index as a candidate reads it; fresh when
// this transaction adds it.
type held struct {
	id, story string
	published time.Time
	fresh     bool
}

// earlier orders articles by published time, then ID.
func earlier(a, b held) bool {
	if !a.published.Equal(b.published) {
		return a.published.Before(b.published)
	}
	return a.id < b.id
}

// lockSQL turns synchronous commit off for the transaction and takes the
// index's advisory lock until its end. The lock uses the two-int4 key
// space, apart from the store's bigint locks.
const lockSQL = `SELECT set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(1937010546, 1769497720)`

// assign holds arts in one transaction, under the index's lock: in the
// given stories, or, when stories is nil, in the stories they match, which
// it returns. The transaction is two round trips, each a batch of
// statements: begin, lock and read; then write and commit.
//
// It commits asynchronously (synchronous_commit off): the store's write of
// a document, which waits for its own commit record to be flushed, flushes
// the index rows it was assigned from along with it, so a crash can only
// lose index rows of articles not stored yet, which are delivered again.
func (x *Index) assign(ctx context.Context, arts []*detente.Article, stories []string) (assigned, error) {
	var (
		out   = make([]string, len(arts))
		got   = assigned{stories: out}
		keys  = make([][]uint64, len(arts))
		all   []uint64
		ids   = make([]string, len(arts))
		times = make([]time.Time, len(arts))
	)
	for i, a := range arts {
		keys[i] = dedup.BandKeys(x.opts, a.Fingerprint)
		all = append(all, keys[i]...)
		ids[i] = a.ID
		times[i] = a.Published.UTC().Truncate(time.Microsecond)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	lo, hi := slices.MinFunc(times, time.Time.Compare), slices.MaxFunc(times, time.Time.Compare)
	conn, err := x.db.Conn(ctx)
	if err != nil {
		return got, err
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
			b.Queue(lockSQL)
			// Read once the lock is held: this statement's snapshot then
			// has every article committed under it.
			b.Queue(readSQL, signed(all), ids, lo.Add(-x.opts.Window), hi.Add(x.opts.Window))
			r, err := read(c.SendBatch(ctx, &b))
			if err != nil {
				return err
			}
			w := writes{deleted: map[bandRow]bool{}}
			for i, a := range arts {
				me := held{id: a.ID, published: times[i], fresh: true}
				if s, ok := r.prior[me.id]; ok {
					out[i] = s
					continue
				}
				switch {
				case stories != nil:
					me.story = stories[i]
				default:
					me.story = x.match(me, a.Fingerprint, keys[i], r)
				}
				if first, ok := r.first[me.story]; ok && me.story != me.id && earlier(me, held{id: me.story, published: first}) {
					w.rename(&r, out[:i], me)
					me.story = me.id
				}
				if me.story == me.id {
					r.first[me.id] = me.published
				}
				out[i] = me.story
				r.prior[me.id] = me.story
				r.fps[me.id] = a.Fingerprint
				w.held = append(w.held, me)
				w.fps = append(w.fps, a.Fingerprint)
				w.link(me, keys[i], r.buckets)
			}
			b = pgx.Batch{}
			for _, rn := range w.renames {
				queueRename(&b, rn)
			}
			b.Queue(writeSQL, w.args(r.buckets)...)
			b.Queue(`SELECT alias, story_id FROM story_aliases WHERE story_id = ANY($1::text[]) ORDER BY alias`, out)
			b.Queue(`COMMIT`)
			got.aliases, err = written(c.SendBatch(ctx, &b), len(w.renames)*renameStatements+1)
			return err
		}()
		if err != nil && c.PgConn().TxStatus() != 'I' {
			c.Exec(ctx, `ROLLBACK`) // else the pool drops the connection
		}
		return err
	})
	return got, err
}

// assigned is what assign decided: the story of each article, and the
// former IDs of those stories.
type assigned struct {
	stories []string
	aliases map[string][]string
}

// written reads the results of the write batch: execs statements, then
// the aliases of the stories assigned, then the commit; and closes it.
func written(br pgx.BatchResults, execs int) (aliases map[string][]string, err error) {
	defer func() {
		if cerr := br.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	for range execs {
		if _, err := br.Exec(); err != nil {
			return nil, fmt.Errorf("write: %w", err)
		}
	}
	rows, err := br.Query()
	if err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	aliases = map[string][]string{}
	for rows.Next() {
		var alias, story string
		if err := rows.Scan(&alias, &story); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read aliases: %w", err)
		}
		aliases[story] = append(aliases[story], alias)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	if _, err := br.Exec(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return aliases, nil
}

// queueRename queues the statements (renameStatements of them) that
// rename a story of the index to the ID of a copy published earlier: in
// its rows, in the aliases of the story, and as an alias of its own.
func queueRename(b *pgx.Batch, rn rename) {
	b.Queue(`UPDATE story_index SET story_id = $2 WHERE story_id = $1`, rn.from, rn.to)
	b.Queue(`UPDATE story_bands SET story_id = $2 WHERE story_id = $1`, rn.from, rn.to)
	b.Queue(`UPDATE story_aliases SET story_id = $2 WHERE story_id = $1`, rn.from, rn.to)
	b.Queue(`INSERT INTO story_aliases (alias, story_id, published) VALUES ($1, $2, $3)
		ON CONFLICT (alias) DO UPDATE SET story_id = excluded.story_id, published = excluded.published`,
		rn.from, rn.to, rn.published)
}

// renameStatements is how many statements queueRename queues.
const renameStatements = 4

// rename is a story that took the ID of a copy published earlier.
type rename struct {
	from, to  string
	published time.Time
}

// rename gives me's story, which me is published before the first copy
// of, me's ID: in what r read and in what w and out hold already.
func (w *writes) rename(r *reading, out []string, me held) {
	from := me.story
	w.renames = append(w.renames, rename{from, me.id, me.published})
	delete(r.first, from)
	for id, s := range r.prior {
		if s == from {
			r.prior[id] = me.id
		}
	}
	for _, b := range r.buckets {
		for i := range b {
			if b[i].story == from {
				b[i].story = me.id
			}
		}
	}
	for i := range w.held {
		if w.held[i].story == from {
			w.held[i].story = me.id
		}
	}
	for i := range out {
		if out[i] == from {
			out[i] = me.id
		}
	}
}

// readSQL reads the stories of the articles already held (part 0), the
// articles of their buckets (1), the signatures of those published within
// the window of any of them (2), and the first copies of their stories
// that are held (3).
const readSQL = `WITH b AS (SELECT band_key, article_id, story_id, published
		FROM unnest($1::bigint[]) AS k JOIN story_bands ON band_key = k)
	SELECT 0, article_id, story_id, published, NULL::bigint, NULL::bytea FROM story_index
		WHERE article_id = ANY($2::text[])
	UNION ALL
	SELECT 1, article_id, story_id, published, band_key, NULL FROM b
	UNION ALL
	SELECT 2, article_id, story_id, published, NULL, fingerprint FROM story_index
		WHERE article_id IN (SELECT article_id FROM b WHERE published BETWEEN $3 AND $4)
	UNION ALL
	SELECT 3, article_id, story_id, published, NULL, NULL FROM story_index
		WHERE article_id IN (SELECT story_id FROM b) AND article_id = story_id`

// reading is what assign reads, and then keeps up to date as it assigns
// one article after another.
type reading struct {
	prior   map[string]string // article → story, of the articles held
	buckets map[uint64][]held
	fps     map[string][]uint64  // signatures of the candidates
	first   map[string]time.Time // story → published time of its first copy, where it is held
}

// read reads the results of the batch begin, lock, readSQL, and closes it.
func read(br pgx.BatchResults) (r reading, err error) {
	defer func() {
		if cerr := br.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	r = reading{prior: map[string]string{}, buckets: map[uint64][]held{}, fps: map[string][]uint64{}, first: map[string]time.Time{}}
	for _, what := range []string{"begin", "lock"} {
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
			r.prior[h.id] = h.story
		case 1:
			r.buckets[uint64(*key)] = append(r.buckets[uint64(*key)], h)
		case 3:
			r.first[h.story] = h.published
		default:
			fp, err := sqlscan.DecodeFingerprint(raw)
			if err != nil {
				return r, fmt.Errorf("read candidate %s: %w", h.id, err)
			}
			r.fps[h.id] = fp
		}
	}
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("read buckets: %w", err)
	}
	return r, nil
}

// match returns the story of the most similar article of me's buckets
// published within the window, or me's ID when none reaches the
// threshold.
func (x *Index) match(me held, fp []uint64, keys []uint64, r reading) string {
	var (
		best    held
		found   bool
		bestSim float64
		seen    = map[string]bool{}
	)
	for _, k := range keys {
		for _, h := range r.buckets[k] {
			if seen[h.id] {
				continue
			}
			seen[h.id] = true
			if d := h.published.Sub(me.published); d > x.opts.Window || d < -x.opts.Window {
				continue
			}
			sim := dedup.Similarity(fp, r.fps[h.id])
			if sim < x.opts.Threshold {
				continue
			}
			if !found || sim > bestSim || (sim == bestSim && earlier(h, best)) {
				best, bestSim, found = h, sim, true
			}
		}
	}
	if !found {
		return me.id
	}
	return best.story
}

// bandRow is one row of story_bands.
type bandRow struct {
	key uint64
	id  string
}

// writes are what a transaction adds to the index and takes from it.
type writes struct {
	held    []held
	fps     [][]uint64
	deleted map[bandRow]bool // stored rows that leave their buckets
	renames []rename
}

// link puts me in each of its buckets as dedup.Index does (dedup.BucketSlot).
func (w *writes) link(me held, keys []uint64, buckets map[uint64][]held) {
	for _, k := range keys {
		b := buckets[k]
		i, ok := dedup.BucketSlot(b, me, func(h held) bool { return h.story == me.story }, earlier)
		switch {
		case !ok:
		case i < 0:
			buckets[k] = append(b, me)
		default:
			w.drop(k, b[i])
			b[i] = me
		}
	}
}

// drop notes that h leaves bucket k: a stored row is deleted, a row of
// this transaction is simply not written.
func (w *writes) drop(k uint64, h held) {
	if !h.fresh {
		w.deleted[bandRow{k, h.id}] = true
	}
}

// writeSQL holds articles: their rows, the rows that leave their buckets
// and their own bucket rows.
const writeSQL = `WITH a AS (INSERT INTO story_index (article_id, story_id, published, fingerprint)
		SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bytea[])),
	d AS (DELETE FROM story_bands WHERE (band_key, article_id) IN
		(SELECT * FROM unnest($5::bigint[], $6::text[])))
	INSERT INTO story_bands (band_key, article_id, story_id, published)
	SELECT * FROM unnest($7::bigint[], $8::text[], $9::text[], $10::timestamptz[])`

// args returns the arguments of writeSQL: the fresh rows left in buckets.
func (w *writes) args(buckets map[uint64][]held) []any {
	var (
		ids, stories []string
		times        []time.Time
		fps          [][]byte
		delKeys      []int64
		delIDs       []string
		keys         []int64
		bIDs, bStory []string
		bTimes       []time.Time
	)
	for i, h := range w.held {
		ids, stories, times = append(ids, h.id), append(stories, h.story), append(times, h.published)
		fps = append(fps, sqlscan.EncodeFingerprint(w.fps[i]))
	}
	for r := range w.deleted {
		delKeys, delIDs = append(delKeys, int64(r.key)), append(delIDs, r.id)
	}
	for k, b := range buckets {
		for _, h := range b {
			if h.fresh {
				keys, bIDs, bStory, bTimes = append(keys, int64(k)), append(bIDs, h.id), append(bStory, h.story), append(bTimes, h.published)
			}
		}
	}
	return []any{ids, stories, times, fps, delKeys, delIDs, keys, bIDs, bStory, bTimes}
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
		if _, err := tx.ExecContext(ctx, lockSQL); err != nil {
			return "", err
		}
		var newest sql.NullTime
		if err := tx.QueryRowContext(ctx, `SELECT max(published) FROM story_index`).Scan(&newest); err != nil || !newest.Valid {
			return "", err
		}
		horizon := newest.Time.Add(-2 * x.opts.Window)
		// The old articles' bucket rows are found through their band
		// keys, computed again from their signatures: story_bands has no
		// index but on band_key.
		var (
			keys []int64
			ids  []string
		)
		rows, err := tx.QueryContext(ctx, `SELECT article_id, fingerprint FROM story_index WHERE published < $1`, horizon)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var (
				id  string
				raw []byte
			)
			if err := rows.Scan(&id, &raw); err != nil {
				rows.Close()
				return "", err
			}
			fp, err := sqlscan.DecodeFingerprint(raw)
			if err != nil {
				rows.Close()
				return "", fmt.Errorf("article %s: %w", id, err)
			}
			for _, k := range dedup.BandKeys(x.opts, fp) {
				keys, ids = append(keys, int64(k)), append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_bands WHERE (band_key, article_id) IN
			(SELECT * FROM unnest($1::bigint[], $2::text[]))`, keys, ids); err != nil {
			return "", err
		}
		for _, table := range []string{"story_index", "story_aliases"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE published < $1`, horizon); err != nil {
				return "", err
			}
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
// are stored with, then prunes, and returns how many it added: a store
// filled by a single-process ingest (with the in-memory index) then goes on under
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
	var (
		added   int
		batch   []*detente.Article
		stories []string
	)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := retry(ctx, func() (assigned, error) { return x.assign(ctx, batch, stories) }); err != nil {
			return fmt.Errorf("articles %s to %s: %w", batch[0].ID, batch[len(batch)-1].ID, err)
		}
		added += len(batch)
		batch, stories = batch[:0], stories[:0]
		return nil
	}
	err = each(ctx, since, func(id, story string, published time.Time, fp []uint64) error {
		if have[id] || len(fp) == 0 {
			return nil
		}
		batch = append(batch, &detente.Article{ID: id, Published: published, Fingerprint: fp})
		stories = append(stories, story)
		if len(batch) < backfillBatch {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return added, fmt.Errorf("story index: backfill: %w", err)
	}
	return added, x.Prune(ctx)
}

// backfillBatch is how many articles Backfill holds a transaction.
const backfillBatch = 256

package postgres

import (
	"context"
	"database/sql"
	"slices"
	"sync/atomic"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlstore"
)

// warmProbe is a look-up of the keys of a write in one index.
type warmProbe struct {
	index, table, query string
	// keys returns the keys of docs the query looks up, its argument.
	keys func(docs []detente.Document) []string
}

// warmProbes are the look-ups that read, ahead of a write, the leaves of
// the indexes keyed by hashed IDs where the write will put its rows: an
// event's ID, its article's and its story's, a sentence's article's. The
// write reaches each such leaf once for a few rows, at a random place of
// an index as large as the store; in a store larger than memory most are
// read from disk, one at a time in the write's transaction. Each probe
// is an index-only scan of the index it names, which finds no row of a
// new article, event or story but leaves the pages it passed through in
// the server's buffers. The indexes of events by country, pair, code or
// day, which take a new event at the newest end of its key's range, get
// no probe: probing them too made no difference (bench scale at 10 M
// events).
var warmProbes = [...]warmProbe{
	{"events_pkey", "events", `SELECT count(*) FROM events WHERE id = ANY($1)`, eventIDs},
	{"events_article", "events", `SELECT count(*) FROM events WHERE article_id = ANY($1)`, articleIDs},
	{"sentences_pkey", "sentences", `SELECT count(*) FROM sentences WHERE article_id = ANY($1)`, articleIDs},
	{"events_story", "events", `SELECT count(*) FROM events WHERE story_id = ANY($1)`, storyIDs},
	{"events_story_primary", "events", `SELECT count(*) FROM events WHERE story_id = ANY($1) AND is_primary`, storyIDs},
}

// guarded returns the probe's query, of the keys, run only while its
// index, named by the second argument, exists, and while its table's
// statistics are of at least half the rows it holds. Without the index
// (BulkLoad drops those of reads while it loads, an operator may drop
// one) the look-up would scan the whole table instead. With statistics of
// a much smaller table (a store written faster than it is analyzed, as
// with autovacuum off) the planner estimates a key's rows at a share of
// the table and reads the table: while bench scale wrote a store of 10 M
// events, its sentences analyzed when empty, a probe of two articles'
// sentences was estimated at 1,363,889 rows and planned as a bitmap scan
// of them, and probes ran for 65-71 s each, four at once, beside the
// writes. The half: the rows changed since the last ANALYZE are at most
// half of those now live, so no more than the table held when analyzed
// (autovacuum analyzes a table once a tenth of it has changed). A scalar
// subquery is run only when its value is asked for.
func (p warmProbe) guarded() string {
	return `SELECT CASE WHEN to_regclass($2) IS NOT NULL
		AND pg_stat_get_mod_since_analyze('` + p.table + `'::regclass) <= pg_stat_get_live_tuples('` + p.table + `'::regclass) / 2
		THEN (` + p.query + `) END`
}

// warmConns bounds the connections the warm probes of a store's writes
// take at once, all writes together.
const warmConns = 4

// warm starts the warm probes of docs, on up to warmConns connections at
// once, and returns while they go on beside the write. A write never
// waits for them: when the store's probes hold warmConns connections
// already (a write before is still being warmed), fewer or none start,
// and the leaves are read by the write as they would be without. A
// probe that fails costs the write nothing but the reads it was to save,
// so its error is not reported; it is not cancelled with the write's
// context, as cancelling a statement costs a connection to the server of
// its own.
func (s *Store) warm(ctx context.Context, docs []detente.Document) {
	type job struct {
		probe warmProbe
		keys  []string
	}
	var jobs []job
	for _, p := range warmProbes {
		if keys := p.keys(docs); len(keys) > 0 {
			jobs = append(jobs, job{p, keys})
		}
	}
	ctx = context.WithoutCancel(ctx)
	var next atomic.Int64
	for range min(warmConns, len(jobs)) {
		select {
		case s.warming <- struct{}{}:
		default:
			return
		}
		go func() {
			defer func() { <-s.warming }()
			for i := next.Add(1) - 1; i < int64(len(jobs)); i = next.Add(1) - 1 {
				var n sql.NullInt64
				j := jobs[i]
				_ = s.db.QueryRowContext(ctx, j.probe.guarded(), j.keys, j.probe.index).Scan(&n)
			}
		}()
	}
}

// eventIDs returns the IDs of docs' events, sorted, as a probe of an
// index reads its leaves in order.
func eventIDs(docs []detente.Document) []string {
	var ids []string
	for i := range docs {
		for _, e := range docs[i].Events {
			ids = append(ids, e.ID)
		}
	}
	return sortedSet(ids)
}

// articleIDs returns the IDs of the articles of docs that hold sentences,
// sorted.
func articleIDs(docs []detente.Document) []string {
	var ids []string
	for i := range docs {
		if len(docs[i].Sentences) > 0 {
			ids = append(ids, docs[i].Article.ID)
		}
	}
	return sortedSet(ids)
}

// storyIDs returns the stories of docs' articles that hold events, sorted.
func storyIDs(docs []detente.Document) []string {
	var ids []string
	for i := range docs {
		if len(docs[i].Events) > 0 {
			ids = append(ids, sqlstore.StoryOf(&docs[i].Article))
		}
	}
	return sortedSet(ids)
}

// sortedSet sorts ids and drops repeats.
func sortedSet(ids []string) []string {
	slices.Sort(ids)
	return slices.Compact(ids)
}

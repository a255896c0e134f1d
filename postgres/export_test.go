package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
)

// EstimateMatches returns the planner's estimate of how many sentences a
// search for one word matches: the number a search is planned by.
func EstimateMatches(ctx context.Context, s *Store, word string) (int, error) {
	q, args, err := search{}.Matches(word)
	if err != nil {
		return 0, err
	}
	// One word is one placeholder, numbered as the store numbers them.
	return estimate(ctx, s.db, strings.Replace(q, "?", "$1", 1), args)
}

// Pair is the dialect's condition that an event is of an undirected pair,
// its placeholders numbered as the store numbers them: $1 to $4 for the
// pair's two countries, twice.
var Pair = numbered(dialect.Pair)

// numbered returns query with its ? placeholders numbered $1, $2, ...
func numbered(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		n++
		fmt.Fprintf(&b, "$%d", n)
	}
	return b.String()
}

// EventsMatching is the condition that an event's sentence matches query
// on a page read with plan p, its placeholders numbered as the store
// numbers them.
func EventsMatching(query string, p sqlstore.Plan) (string, []any, error) {
	cond, args, err := search{}.Events(query, p)
	return numbered(cond), args, err
}

// ArticlesMatching is the condition that an article matches query on a
// page read with plan p, its placeholders numbered as the store numbers
// them.
func ArticlesMatching(query string, p sqlstore.Plan) (string, []any, error) {
	cond, args, err := search{}.Articles(query, p)
	return numbered(cond), args, err
}

// NewestEvents is the dialect's NewestEvents of query among the counted
// events of s, and the IDs its condition selects, none when not ok.
func NewestEvents(ctx context.Context, s *Store, query string, limit int) (ids []string, ok bool, err error) {
	_, args, ok, err := search{}.NewestEvents(ctx, numberedDB{s.db}, query, [2]string{}, sqlstore.Window{}, "counted", nil, limit)
	if !ok || err != nil {
		return nil, ok, err
	}
	return args[len(args)-1].([]string), true, nil
}

// NewestMatches is newestMatches of query among the counted events of s
// that hold an event of pair (none when empty), the first read of its
// matches joined, and the IDs its condition selects, none when not ok.
func NewestMatches(ctx context.Context, s *Store, query string, pair [2]string, read, limit int) (ids []string, ok bool, err error) {
	q, qargs, err := tsQuery(query)
	if err != nil {
		return nil, false, err
	}
	db := numberedDB{s.db}
	newest, oldest, found, err := days(ctx, db, sqlstore.Window{})
	if err != nil || !found {
		return nil, false, err
	}
	paired, pargs := pairTerm(pair)
	_, args, ok, err := newestMatches(ctx, db, "counted", nil, matching(q, true)+paired, append(qargs, pargs...), newest, oldest, read, limit)
	if !ok || err != nil {
		return nil, ok, err
	}
	return args[0].([]string), true, nil
}

// NewestArticles is the dialect's NewestArticles of query among the
// articles of s, and the IDs its condition selects, none when not ok.
func NewestArticles(ctx context.Context, s *Store, query string, limit int) (ids []string, ok bool, err error) {
	_, args, ok, err := search{}.NewestArticles(ctx, numberedDB{s.db}, query, sqlstore.Window{}, "true", nil, limit)
	if !ok || err != nil {
		return nil, ok, err
	}
	return args[len(args)-1].([]string), true, nil
}

// CountMatches is the count of the sentences that match query, no more
// than limit, that the dialect's CountMatches makes at once, run on q (a
// connection or a transaction of the store's database, whose planner
// settings it plans with), and the query of the matches it counted.
func CountMatches(ctx context.Context, q sqlscan.Querier, query string, limit int) (n int, counted string, err error) {
	tq, targs, err := tsQuery(query)
	if err != nil {
		return 0, "", err
	}
	counted, args, err := search{}.countedMatches(ctx, numberedDB{q}, tq, targs, math.MaxInt32, limit)
	if err != nil {
		return 0, "", err
	}
	n, err = sqlstore.CountUpTo(ctx, numberedDB{q}, counted, args, limit)
	return n, counted, err
}

// CountMatchesBySpans is the dialect's CountMatches of query, no more
// than limit, run on q (a connection or a transaction of the store's
// database, whose planner settings it plans with), and the statements it
// ran.
func CountMatchesBySpans(ctx context.Context, q sqlscan.Querier, query string, limit int) (int, []string, error) {
	rec := &recordingDB{db: numberedDB{q}}
	n, err := search{}.CountMatches(ctx, rec, query, limit)
	return n, rec.queries, err
}

// CountMatchesPlanned returns the dialect's CountMatches of a search
// that keeps its plans, with the clock now: each call counts query's
// matches on q, no more than limit, and returns the statements it ran.
func CountMatchesPlanned(now func() time.Time) func(ctx context.Context, q sqlscan.Querier, query string, limit int) (int, []string, error) {
	kept := search{plans: newStatCache[plan](now)}
	return func(ctx context.Context, q sqlscan.Querier, query string, limit int) (int, []string, error) {
		rec := &recordingDB{db: numberedDB{q}}
		n, err := kept.CountMatches(ctx, rec, query, limit)
		return n, rec.queries, err
	}
}

// CountNewest is countNewest of the sentences of s that match query, no
// more than limit, its first span of first days (0 for none).
func CountNewest(ctx context.Context, s *Store, query string, first, limit int) (int, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return 0, err
	}
	db := numberedDB{s.db}
	newest, oldest, ok, err := days(ctx, db, sqlstore.Window{})
	if err != nil || !ok {
		return 0, err
	}
	return search{}.countNewest(ctx, db, query, q, args, newest, oldest, first, limit)
}

// CountPlan is countPlan of the sentences that match query, up to limit,
// planned on q (a connection or a transaction of the store's database).
func CountPlan(ctx context.Context, q sqlscan.Querier, query string, limit int) (walks bool, matches int, err error) {
	tq, args, err := tsQuery(query)
	if err != nil {
		return false, 0, err
	}
	return search{}.countPlan(ctx, numberedDB{q}, tq, args, limit)
}

// recordingDB runs queries on db and keeps each one's text.
type recordingDB struct {
	db      sqlscan.Querier
	queries []string
}

func (r *recordingDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	r.queries = append(r.queries, query)
	return r.db.QueryContext(ctx, query, args...)
}

// DenseWalk is the rows a dense search of query walks (articles a and
// their sentences s), its placeholders numbered as the store numbers
// them.
func DenseWalk(query string) (string, []any, error) {
	q, args, err := tsQuery(query)
	return numbered(denseWalk(q)), args, err
}

// Sentences is the dialect's search of sentences sq among those of s.
func Sentences(ctx context.Context, s *Store, sq sqlstore.SentenceQuery) ([]detente.SentenceHit, error) {
	return search{}.Sentences(ctx, numberedDB{s.db}, sq)
}

// numberedDB runs queries written with ? placeholders on db, numbered as
// the store numbers them.
type numberedDB struct{ db sqlscan.Querier }

func (n numberedDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return n.db.QueryContext(ctx, numbered(query), args...)
}

// Matching is the condition that a sentence s matches the tsquery q and,
// when events, holds an event.
func Matching(q string, events bool) string { return matching(q, events) }

// ArticleTerms is what the full-text index of articles holds of each.
const ArticleTerms = articleTerms

// NewestFingerprinted is the statement that reads the newest
// fingerprinted article, as this store's writes read it.
var NewestFingerprinted = sqlstore.NewestFingerprintedQuery(dialect)

// EventMonthShares is monthShares of the full-text index of the sentences
// of s that hold an event, by month (publication_month), up to newest,
// read from the statistics without a cache.
func EventMonthShares(ctx context.Context, s *Store, newest int) (map[int]float64, error) {
	return search{}.monthShares(ctx, numberedDB{s.db}, eventSentencesIndex, newest)
}

// StatsTTL is how long a store keeps the month shares and the plans it
// read.
const StatsTTL = statsTTL

// MonthSharesCached returns monthShares of the full-text index of all the
// sentences of s, by month up to newest, read through a cache of its own
// that tells the time by now.
func MonthSharesCached(s *Store, now func() time.Time) func(ctx context.Context, newest int) (map[int]float64, error) {
	cached := search{shares: newStatCache[statShares](now)}
	return func(ctx context.Context, newest int) (map[int]float64, error) {
		return cached.monthShares(ctx, numberedDB{s.db}, sentencesIndex, newest)
	}
}

// WarmProbe is a look-up that warms an index ahead of a write: the
// index's name, and the query and its arguments as the write runs them.
type WarmProbe struct {
	Index, Query string
	Args         []any
}

// WarmProbes returns the look-ups WriteDocuments warms indexes by before
// it writes docs.
func WarmProbes(docs []detente.Document) []WarmProbe {
	var ps []WarmProbe
	for _, p := range warmProbes {
		if keys := p.keys(docs); len(keys) > 0 {
			ps = append(ps, WarmProbe{p.index, p.guarded(), []any{keys, p.index}})
		}
	}
	return ps
}

// Unit returns the day and the month (publication_day, publication_month)
// of t as the store's Go code computes them.
func Unit(t time.Time) (day, month int) { return dayOf(t), monthOfDay(dayOf(t)) }

// SpanMatch is the condition that a sentence s of the days hi down to lo
// matches query and, when events, holds an event (spanMatch, with no
// pair), its placeholders numbered as the store numbers them, and the
// condition that it matches query by its tsvector alone.
func SpanMatch(query string, events bool, hi, lo int) (span string, args []any, alone string, aargs []any, err error) {
	q, qargs, err := tsQuery(query)
	if err != nil {
		return "", nil, "", nil, err
	}
	span, args, err = spanMatch(query, q, qargs, events, "", nil, hi, lo)
	return numbered(span), args, numbered("s.tsv @@ " + q), qargs, err
}

package sqlstore

import (
	"context"
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
	// CacheStatements says that the queries of the read pool, and those
	// tension updates run on the write pool, run as statements kept
	// prepared (the 128 most recently used of each, of up to 2 KB of text
	// each): the database parses and plans each query anew otherwise. The
	// store must Close its core.
	CacheStatements bool
	// SpoolLock, when not empty, is the statement that makes spoolers
	// take turns in their transactions; without it writes are serialised
	// already.
	SpoolLock string
	// StoredArticles selects how many articles the store holds, from the
	// running totals that every write keeps. Sentences and events are
	// written, and stories merged, only with an article, and no article
	// is ever deleted: the number changes whenever what a search of
	// sentences finds may.
	StoredArticles string
	// Indexes selects the name, def (the statement that creates it) and
	// tbl (its table, as text) of every index of the store's schema that
	// is neither unique nor a primary key; BulkLoad drops and builds them
	// again.
	Indexes string
	// Fingerprinted is a table expression of the articles that have a
	// fingerprint, with their id, story_id, published and fingerprint
	// columns, that the story index reads by publication time without
	// reading the articles' bodies, and ref, the key Banded names an
	// article by.
	Fingerprinted string
	// Pair, when not empty, is the condition that a row of events is of
	// an undirected pair, either way, with placeholders for its two
	// countries given twice (A, B, A, B), that an index of the pair
	// serves as one range; empty: the two directions ORed.
	Pair string
	// Banded is a table expression of the band keys of the articles'
	// fingerprints (table article_bands, migrations 0150 and 0250), with
	// the day and key that lead its index, at (the column that orders a
	// day's rows of a key by publication), and ref, the article's in
	// Fingerprinted.
	Banded string
	// BandAt returns Banded's at of a whole second: the least of the
	// articles published at or after it.
	BandAt func(time.Time) any
	// BandDay returns Banded's day of the articles published in a whole
	// second (migration 0250): a number that leads the band rows' index,
	// never smaller for a later second nor more than one greater for the
	// next day's.
	BandDay func(time.Time) int64
	// Search is the database's full-text search.
	Search Search
	// Estimate, when set, returns the database planner's estimate of how
	// many rows query, with its arguments, selects; the core plans a
	// search by it where it would count the rows (up to a limit), which
	// costs as much as a common word's matches. Nil: the core counts.
	Estimate func(ctx context.Context, db sqlscan.Querier, query string, args []any) (int, error)
}

// Search is a database's full-text search. Its conditions use ?
// placeholders, in the order of their arguments.
type Search interface {
	// Articles returns the condition that a row of articles matches a
	// user's search, with its arguments, or an EINVALID error, for a page
	// read with plan p (FromSearch, WalkByDay from DenseArticles matches,
	// LookUp when VeryDenseArticles).
	Articles(query string, p Plan) (string, []any, error)
	// VeryDenseArticles is VeryDense for a search of articles.
	VeryDenseArticles(ctx context.Context, db sqlscan.Querier, query string, limit int) (bool, error)
	// ArticleMatches returns a query that selects a row for each article
	// that matches a user's search, with its arguments, or an EINVALID
	// error.
	ArticleMatches(query string) (string, []any, error)
	// Matches returns a query that selects a row for each sentence that
	// matches a user's search, with its arguments, or an EINVALID error.
	Matches(query string) (string, []any, error)
	// CountMatches returns how many sentences match a user's search,
	// counting no more than limit, or an EINVALID error.
	CountMatches(ctx context.Context, db sqlscan.Querier, query string, limit int) (int, error)
	// Sentence returns the condition that a row s of sentences matches a
	// user's search, with its arguments, or an EINVALID error.
	Sentence(query string) (string, []any, error)
	// Events returns the condition that a row of events is of a sentence
	// that matches a user's search, with its arguments, or an EINVALID
	// error, for a page read with plan p.
	Events(query string, p Plan) (string, []any, error)
	// DenseAt returns the number of matching sentences from which a
	// search is dense for a page of limit: walking sentences or events in
	// order and checking each against the matches fills it sooner than
	// reading every match and sorting. A database that does not weigh it
	// by its size answers DenseMatches.
	DenseAt(ctx context.Context, db sqlscan.Querier, limit int) (int, error)
	// VeryDense reports whether a user's search that is dense matches so many that, for a page of limit,
	// looking up each sentence walked is cheaper than gathering the
	// matches first. A database whose planner weighs that itself answers
	// false.
	VeryDense(ctx context.Context, db sqlscan.Querier, query string, limit int) (bool, error)
	// EventPage returns the query of a page of the events that where
	// selects, with plan p, sorted by day and ID in direction dir (ASC or
	// DESC), its size the last argument.
	EventPage(where, dir string, p Plan) string
	// Sentences runs q on db and returns its hits, their snippets marked.
	Sentences(ctx context.Context, db sqlscan.Querier, q SentenceQuery) ([]detente.SentenceHit, error)
	// ReadsNewest reports whether the full-text index reads its matches
	// newest first (by their articles' publication), so that a search
	// narrowed by dates alone reads about one page of matches however
	// many there are, with no density test (NewestSentences), and one
	// narrowed by a filter of few events walks them (FilteredEvents,
	// FilteredSentences).
	ReadsNewest() bool
	// NewestEvents returns the condition that a row of events is of a
	// sentence that matches a user's search, with its arguments,
	// narrowed to the sentences that hold the first limit events, newest
	// first, of those that where (a condition on events of dates and
	// cursor, with its arguments) selects among w's days; ok is false
	// where the database cannot tell them (then the caller plans). It is
	// asked of every search of events narrowed by dates alone, and, where
	// HoldsPairs, of every one narrowed by a pair, which is then pair
	// (where selects only events of it) and otherwise empty.
	NewestEvents(ctx context.Context, db sqlscan.Querier, query string, pair [2]string, w Window, where string, args []any,
		limit int) (cond string, cargs []any, ok bool, err error)
	// HoldsPairs reports whether the full-text index of sentences holds
	// the pairs of countries of their events with their words, so that
	// the matches of a search narrowed to a pair are read from it
	// (NewestEvents, SentenceQuery.Pair), rather than each event of the
	// pair looked up or each match joined to its events.
	HoldsPairs() bool
	// NewestSentences is NewestEvents for a row s of sentences, of
	// articles a, that matches a user's search, where conditions on the
	// dates of a each starting with " AND ".
	NewestSentences(ctx context.Context, db sqlscan.Querier, query string, w Window, where string, args []any,
		limit int) (cond string, cargs []any, ok bool, err error)
	// LooksUp reports whether, for a page of limit, a dense search
	// narrowed to the events that events (a condition on events, with
	// its arguments eargs) selects is checked sooner by looking up the
	// sentence of each such event in the full-text index than by walking
	// the matches against them (FilteredSentences, FilteredEvents). A
	// database whose planner weighs that itself answers false.
	LooksUp(ctx context.Context, db sqlscan.Querier, query, events string, eargs []any, limit int) (bool, error)
	// FilteredEvents is NewestEvents for a search narrowed by a filter
	// of few events (where, a condition on events of the filter, dates
	// and cursor, with its arguments, selects fewer than
	// SelectiveEvents): the newest matches are walked against the
	// filter's sentences, not joined to their events one by one.
	FilteredEvents(ctx context.Context, db sqlscan.Querier, query string, w Window, where string, args []any,
		limit int) (cond string, cargs []any, ok bool, err error)
	// FilteredSentences is FilteredEvents for a row s of sentences that
	// matches a user's search and holds an event that events (a condition
	// on events of fewer than SelectiveEvents, with its arguments eargs)
	// selects, among w's days.
	FilteredSentences(ctx context.Context, db sqlscan.Querier, query string, w Window, events string, eargs []any,
		limit int) (cond string, cargs []any, ok bool, err error)
	// NewestArticles is NewestEvents for a row of articles that matches
	// a user's search, where a condition on articles. It is asked of
	// every search of articles that is not of one story.
	NewestArticles(ctx context.Context, db sqlscan.Querier, query string, w Window, where string, args []any,
		limit int) (cond string, cargs []any, ok bool, err error)
}

// Window is the days a search is narrowed to, From to To, each zero for
// no bound.
type Window struct{ From, To time.Time }

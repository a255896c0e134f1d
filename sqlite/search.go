package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
)

// search is FTS5's full-text search (sqlstore.Search), over the
// articles_fts and sentences_fts tables that WriteDocuments fills.
type search struct{}

// Articles returns the condition that an article matches query. A rare
// search starts from its matches; a dense one walks articles newest first
// and checks each against the matches, gathered first; a very dense one
// looks each up in the full-text index. Either walk spares reading and
// sorting every article matched.
func (search) Articles(query string, p sqlstore.Plan) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	switch p {
	case sqlstore.WalkByDay:
		return "+seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", []any{q}, nil
	case sqlstore.LookUp:
		return "EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND articles_fts.rowid = articles.seq)", []any{q}, nil
	}
	return "seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", []any{q}, nil
}

// ArticleMatches returns a query of a row for each article that matches
// query.
func (search) ArticleMatches(query string) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?", []any{q}, nil
}

// Matches returns a query of a row for each sentence that matches query.
func (search) Matches(query string) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH ?", []any{q}, nil
}

// CountMatches counts the sentences that match query in the full-text
// index, no more than limit.
func (search) CountMatches(ctx context.Context, db sqlscan.Querier, query string, limit int) (int, error) {
	q, args, err := search{}.Matches(query)
	if err != nil {
		return 0, err
	}
	return sqlstore.CountUpTo(ctx, db, q, args, limit)
}

// Sentence returns the condition that a sentence s matches query.
func (search) Sentence(query string) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return sentenceMatch("sentences_fts", sqlstore.FromSearch), []any{q}, nil
}

// Events returns the condition that an event's sentence matches query,
// among the sentences that hold an event (eventMatches). A dense search
// walks events by day and does not start from the matches; a very dense
// one looks each event's sentence up.
func (search) Events(query string, p sqlstore.Plan) (string, []any, error) {
	q, err := eventQuery(query)
	if err != nil {
		return "", nil, err
	}
	switch p {
	case sqlstore.WalkByDay:
		return `+sentence_id IN (SELECT rowid FROM ` + eventMatches + ` WHERE ` + eventMatches + ` MATCH ?)`, []any{q}, nil
	case sqlstore.LookUp:
		return `EXISTS (SELECT 1 FROM ` + eventMatches + ` WHERE ` + eventMatches + ` MATCH ? AND ` + eventMatches +
			`.rowid = events.sentence_id)`, []any{q}, nil
	}
	return `sentence_id IN (SELECT rowid FROM ` + eventMatches + ` WHERE ` + eventMatches + ` MATCH ?)`, []any{q}, nil
}

// eventMatches is the full-text index of the sentences that hold an event
// (migration 0210), in which the searches of events, and of sentences
// narrowed to a filter's events, find their matches: only about a fifth
// of the sentences hold one, and a match without an event is only read
// to be dropped.
const eventMatches = "event_sentences_fts"

// EventPage returns the query of a page of events. The page is chosen by
// rowid first, from indexes where they cover the filter, and only its rows
// are read whole; Events has steered a dense search already.
func (search) EventPage(where, dir string, _ sqlstore.Plan) string {
	order := " ORDER BY day " + dir + ", id " + dir
	return `SELECT ` + sqlscan.EventColumns + ` FROM events WHERE rowid IN (SELECT rowid FROM events WHERE ` + where +
		order + ` LIMIT ?)` + order
}

// fromNewest is the condition that a sentence s is among the matches of
// an FTS5 query, its first argument, of ids from the second argument up
// to the third, excluded.
const fromNewest = "s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? AND rowid >= ? AND rowid < ?)"

// sentenceMatch returns the condition that a sentence s matches an FTS5
// query, its one argument, in the full-text index idx: among the
// matches, from which the query starts (FromSearch); checked against the
// matches, gathered first, while walking sentences (WalkByDay); looked
// up in the index while walking sentences (LookUp).
func sentenceMatch(idx string, p sqlstore.Plan) string {
	switch p {
	case sqlstore.WalkByDay:
		return "+s.id IN (SELECT rowid FROM " + idx + " WHERE " + idx + " MATCH ?)"
	case sqlstore.LookUp:
		return "EXISTS (SELECT 1 FROM " + idx + " WHERE " + idx + " MATCH ? AND " + idx + ".rowid = s.id)"
	}
	return "s.id IN (SELECT rowid FROM " + idx + " WHERE " + idx + " MATCH ?)"
}

// Sentences runs a search of sentences. A rare search starts from its
// matches; a common one walks articles newest first and checks their
// sentences against the matches, gathered first; one so common that it
// is cheaper to look each sentence up in the full-text index than to
// gather its matches (VeryDense) does that. Sentences that must hold an
// event are found in the index of those (eventMatches), and those of a
// pair's events (sq.Pair) from the matches of the words and the pair,
// newest first (pairSentences). The snippets are marked in Go (mark).
func (search) Sentences(ctx context.Context, db sqlscan.Querier, sq sqlstore.SentenceQuery) ([]detente.SentenceHit, error) {
	q, err := ftsQuery(sq.Query)
	if err != nil {
		return nil, err
	}
	idx, plan, mq := "sentences_fts", sqlstore.FromSearch, q
	if sq.HoldEvents {
		idx = eventMatches
		if mq, err = eventQuery(sq.Query); err != nil {
			return nil, err
		}
	}
	switch {
	case sq.VeryDense:
		plan = sqlstore.LookUp
	case sq.Dense:
		plan = sqlstore.WalkByDay
	}
	match, margs := sentenceMatch(idx, plan), []any{mq}
	switch {
	case sq.Match != "":
		match, margs = sq.Match, sq.MatchArgs
	case sq.Pair[0] != "":
		if match, margs, err = pairSentences(ctx, db, pairMatch(mq, sq.Pair), sq); err != nil {
			return nil, err
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT s.article_id, s.idx, s.text, s.start_byte, s.end_byte,
		a.title, a.url, a.site, a.story_id, a.published FROM articles a JOIN sentences s ON s.article_id = a.id
		WHERE `+match+sq.Where+`
		ORDER BY a.published DESC, a.id DESC, s.idx LIMIT ?`, append(append(margs, sq.Args...), sq.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []detente.SentenceHit
	for rows.Next() {
		var (
			h         detente.SentenceHit
			published string
		)
		sn := &h.Sentence
		if err := rows.Scan(&sn.ArticleID, &sn.Index, &sn.Text, &sn.Start, &sn.End, &h.Title, &h.URL,
			&h.Site, &h.StoryID, &published); err != nil {
			return nil, err
		}
		if h.Date, err = sqlscan.ParseTime(published); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ps, err := phrases(sq.Query)
	if err != nil {
		return nil, err
	}
	for i := range hits {
		hits[i].Snippet = mark(hits[i].Sentence.Text, ps)
	}
	return hits, nil
}

// ReadsNewest is true: sentences and articles are numbered by their
// articles' publication (order.go), the order of the full-text indexes.
func (search) ReadsNewest() bool { return true }

// HoldsPairs is true: the full-text index of the sentences that hold an
// event holds their events' pairs (migration 0260).
func (search) HoldsPairs() bool { return true }

// pairToken returns the word by which the full-text index of the
// sentences that hold an event holds the undirected pair of a and b
// (migration 0260): the lesser code by bytes first, after its length in
// two digits, both lower-cased, as "03chnusa". Actor codes are upper-case
// letters and digits, at most 16 (detente.EventFilter.Validate), so that
// FTS5 reads it as one word, and the length tells "AB" and "CUSA" from
// "ABC" and "USA".
func pairToken(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return fmt.Sprintf("%02d%s%s", len(a), strings.ToLower(a), strings.ToLower(b))
}

// pairMatch returns the FTS5 query of the sentences that match q, an
// FTS5 query of the index of sentences with an event (eventQuery), and
// hold an event of pair, when it is set.
func pairMatch(q string, pair [2]string) string {
	if pair[0] == "" {
		return q
	}
	return "(" + q + `) AND pairs : "` + pairToken(pair[0], pair[1]) + `"`
}

// pairSentences returns the condition that a sentence s is among the
// matches of paired (pairMatch), from the second of the sq.Limit-th that
// sq.Where selects, newest first, to the end of sq.Window: they hold the
// page whatever the order of IDs within a second. The index reads the
// matches of the words and the pair together, newest first, so that the
// page costs about its own rows however common the words or the pair.
func pairSentences(ctx context.Context, db sqlscan.Querier, paired string, sq sqlstore.SentenceQuery) (string, []any, error) {
	lo, hi := keys(sq.Window)
	floor, found, err := nthNewest(ctx, db, `SELECT m.rowid FROM `+eventMatches+` m JOIN sentences s ON s.id = m.rowid
		JOIN articles a ON a.id = s.article_id
		WHERE `+eventMatches+` MATCH ? AND m.rowid >= ? AND m.rowid < ?`+sq.Where,
		append([]any{paired, lo, hi}, sq.Args...), sq.Limit)
	if err != nil {
		return "", nil, err
	}
	if found {
		lo = floor >> keyShift << keyShift
	}
	return `s.id IN (SELECT rowid FROM ` + eventMatches + ` WHERE ` + eventMatches + ` MATCH ? AND rowid >= ? AND rowid < ?)`,
		[]any{paired, lo, hi}, nil
}

// NewestEvents returns the condition that an event is one of those where
// selects whose sentence matches query, from the newest down to the day of
// the limit-th, within w: with every event dated on its article's day of
// publication, they hold the page whatever the order of IDs within a day.
// The matches are walked once, newest first, and the events found listed;
// where the day of the limit-th holds too many to list, they are given as
// the matches from that day on. While some event is dated otherwise
// (misdated_events) it is not ok.
func (search) NewestEvents(ctx context.Context, db sqlscan.Querier, query string, pair [2]string, w sqlstore.Window, where string,
	args []any, limit int) (string, []any, bool, error) {
	q, err := eventQuery(query)
	if err != nil {
		return "", nil, false, err
	}
	misdated, err := someMisdated(ctx, db)
	if err != nil || misdated {
		return "", nil, false, err
	}
	lo, hi := keys(w)
	cond, cargs, err := newestEvents(ctx, db, pairMatch(q, pair), lo, hi, where, args, limit, maxHolding)
	return cond, cargs, err == nil, err
}

// newestEvents is NewestEvents' walk of the matches of q, an FTS5 query,
// from id lo up to hi, excluded, listing at most most events.
func newestEvents(ctx context.Context, db sqlscan.Querier, q string, lo, hi int64, where string, args []any,
	limit, most int) (string, []any, error) {
	// The limit keeps SQLite reading the matches in the index's order
	// rather than the events first; no walk reads past it.
	rows, err := db.QueryContext(ctx, `SELECT m.rowid, events.rowid FROM `+eventMatches+` m
		JOIN events ON events.sentence_id = m.rowid
		WHERE `+eventMatches+` MATCH ? AND m.rowid >= ? AND m.rowid < ? AND `+where+`
		ORDER BY m.rowid DESC LIMIT ?`, append(append([]any{q, lo, hi}, args...), most+1)...)
	if err != nil {
		return "", nil, err
	}
	defer rows.Close()
	var (
		events []any
		stop   = lo
	)
	for rows.Next() {
		var sentence, event int64
		if err := rows.Scan(&sentence, &event); err != nil {
			return "", nil, err
		}
		if sentence < stop {
			break
		}
		if len(events) == most {
			// The page's days hold more events than are worth listing.
			return `sentence_id IN (SELECT rowid FROM ` + eventMatches + ` WHERE ` + eventMatches + ` MATCH ? AND rowid >= ? AND rowid < ?)`,
				[]any{q, stop, hi}, rows.Close()
		}
		events = append(events, event)
		if len(events) == limit {
			stop = dayKey(sentence)
		}
	}
	if err := rows.Err(); err != nil {
		return "", nil, err
	}
	return `rowid IN (` + placeholders(len(events)) + `)`, events, rows.Close()
}

// NewestSentences returns the condition that a sentence s is among the
// matches of query from the second of the limit-th that where selects
// (with its articles a), newest first, to the end of w: they hold the
// page whatever the order of IDs within a second.
func (search) NewestSentences(ctx context.Context, db sqlscan.Querier, query string, w sqlstore.Window, where string, args []any,
	limit int) (string, []any, bool, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, false, err
	}
	lo, hi := keys(w)
	probe := `SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? AND rowid >= ? AND rowid < ?`
	if where != "" {
		probe = `SELECT sentences_fts.rowid FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid
			JOIN articles a ON a.id = s.article_id
			WHERE sentences_fts MATCH ? AND sentences_fts.rowid >= ? AND sentences_fts.rowid < ?` + where
	}
	floor, found, err := nthNewest(ctx, db, probe, append([]any{q, lo, hi}, args...), limit)
	if err != nil {
		return "", nil, false, err
	}
	if found {
		lo = floor >> keyShift << keyShift
	}
	return fromNewest, []any{q, lo, hi}, true, nil
}

// NewestArticles returns the condition that an article is among the
// matches of query from the second of the limit-th that where selects,
// newest first, to the end of w: they hold the page whatever the order of
// IDs within a second.
func (search) NewestArticles(ctx context.Context, db sqlscan.Querier, query string, w sqlstore.Window, where string, args []any,
	limit int) (string, []any, bool, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, false, err
	}
	lo, hi := keys(w)
	floor, found, err := nthNewest(ctx, db, `SELECT articles_fts.rowid FROM articles_fts JOIN articles ON articles.seq = articles_fts.rowid
		WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND articles_fts.rowid < ? AND `+where,
		append([]any{q, lo, hi}, args...), limit)
	if err != nil {
		return "", nil, false, err
	}
	if found {
		lo = floor >> keyShift << keyShift
	}
	return `seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?)`,
		[]any{q, lo, hi}, true, nil
}

// walkCost is how many matches SQLite walks newest first, checking each
// against the gathered sentences of a filter's events, in the time it
// looks one sentence up in the full-text index. With the index in one
// segment (BulkLoad, migration 0180) a look-up reads one list instead of
// one per segment: at 250,000 events of bench scale's store, a code of
// 2,192 events against "said" (329,632 matches) and "talks" (168,136),
// walking cost 0.5–0.9 µs a match and looking up 27–55 µs a sentence,
// 50–80 walks; in the 20 segments the load left, 340–470 µs, the 380
// this was before.
const walkCost = 80

// LooksUp reports whether a dense search narrowed to the events that
// events selects is checked sooner by looking up the sentence of each
// of those E events than by walking the matches newest first against
// them in the index of sentences with an event (eventMatches): of N
// such sentences, of which M match, a page of limit walks about
// limit·N/E matches (when the filter and the words are independent), at
// most M, so when E² < limit·N/walkCost and M ≥ walkCost·E. For N it
// takes the number of events, no fewer than the sentences that hold one,
// which the store does not count. Neither count reads more than that
// bound.
func (search) LooksUp(ctx context.Context, db sqlscan.Querier, query, events string, eargs []any, limit int) (bool, error) {
	q, err := eventQuery(query)
	if err != nil {
		return false, err
	}
	// No event is ever deleted, so the highest rowid counts them.
	n, err := queryInt(ctx, db, `SELECT COALESCE(max(rowid), 0) FROM events`)
	if err != nil {
		return false, err
	}
	bound := int(math.Sqrt(float64(limit) * float64(n) / walkCost))
	e, err := sqlstore.CountUpTo(ctx, db, `SELECT 1 FROM events WHERE `+events, eargs, bound)
	if err != nil || e >= bound {
		return false, err
	}
	m, err := sqlstore.CountUpTo(ctx, db, `SELECT 1 FROM `+eventMatches+` WHERE `+eventMatches+` MATCH ?`, []any{q}, walkCost*e)
	if err != nil {
		return false, err
	}
	return m >= walkCost*e, nil
}

// FilteredEvents returns the condition that an event's sentence is one of
// the newest matches of query among w's days that hold an event where
// selects, down to the day of the limit-th: they hold the limit events,
// and every later event of their days, whatever the order of IDs within
// a day. The matches are walked newest first against the sentences of
// where's events, gathered first. While some event is dated otherwise
// than its article (misdated_events), or where one day holds too many
// such sentences to list, it is not ok.
func (search) FilteredEvents(ctx context.Context, db sqlscan.Querier, query string, w sqlstore.Window, where string, args []any,
	limit int) (string, []any, bool, error) {
	misdated, err := someMisdated(ctx, db)
	if err != nil || misdated {
		return "", nil, false, err
	}
	ids, ok, err := holding(ctx, db, query, w, where, args, limit, dayKey, firstSpan)
	if err != nil || !ok {
		return "", nil, false, err
	}
	return `sentence_id IN (` + placeholders(len(ids)) + `)`, ids, true, nil
}

// FilteredSentences returns the condition that a sentence s is one of
// the newest matches of query among w's days that hold an event events
// selects, down to the second of the limit-th: they hold the page
// whatever the order of IDs within a second. The matches are walked as
// in FilteredEvents.
func (search) FilteredSentences(ctx context.Context, db sqlscan.Querier, query string, w sqlstore.Window, events string, eargs []any,
	limit int) (string, []any, bool, error) {
	misdated, err := someMisdated(ctx, db)
	if err != nil {
		return "", nil, false, err
	}
	span := firstSpan
	if misdated {
		span = 0
	}
	ids, ok, err := holding(ctx, db, query, w, events, eargs, limit, func(key int64) int64 { return key >> keyShift << keyShift }, span)
	if err != nil || !ok {
		return "", nil, false, err
	}
	return `s.id IN (` + placeholders(len(ids)) + `)`, ids, true, nil
}

// someMisdated reports whether some event is dated otherwise than its
// article's day of publication (misdated_events), the day its sentences'
// ids order it by.
func someMisdated(ctx context.Context, db sqlscan.Querier) (bool, error) {
	n, err := queryInt(ctx, db, `SELECT EXISTS (SELECT 1 FROM misdated_events)`)
	return n != 0, err
}

// maxHolding bounds the sentences that holding lists: past it, one day
// of a filter holds more than a page is worth listing.
const maxHolding = 10000

// firstSpan is how many of the last days holding looks in first. The
// sentences of a filter's events are gathered before the matches are
// walked, as many as the filter holds; those of its last days are a
// fraction. At 1 M events, a page of "president" between China and the
// United States (24,763 events) took 27 ms in SQLite's own shell
// gathering all, 2–4 ms gathering their last 90 days.
const firstSpan = 32

// holding returns the ids of the sentences that match query among w's
// days and hold an event that events (a condition on events, with its
// arguments eargs) selects, newest first, from the newest down to
// floor(id) of the limit-th, or all of them when fewer. It is not ok when
// they are more than maxHolding.
// floor must round down no further than to the start of id's day.
//
// It walks the last span days first (none for 0), then the days before
// them in spans longer by as much as the sentences found fell short of
// the page (at least twice as long), then the rest of w: each walk
// gathers only its own days' events, and goes on newest first from where
// the one before it stopped. That needs every event dated on its
// article's day of publication, as sentence ids are: while some event is
// dated otherwise (someMisdated), callers give a span of 0.
func holding(ctx context.Context, db sqlscan.Querier, query string, w sqlstore.Window, events string, eargs []any, limit int,
	floor func(int64) int64, span int) ([]any, bool, error) {
	q, err := eventQuery(query)
	if err != nil {
		return nil, false, err
	}
	lo, hi := keys(w)
	var oldest, last time.Time
	if span > 0 {
		days, err := sqlscan.Query(ctx, db, func(sc sqlscan.Scanner) ([2]string, error) {
			var d [2]string
			return d, sc.Scan(&d[0], &d[1])
		}, `SELECT COALESCE((SELECT min(day) FROM events), ''), COALESCE((SELECT max(day) FROM events), '')`)
		if err != nil {
			return nil, false, err
		}
		oldest, err = time.Parse(time.DateOnly, days[0][0])
		if err == nil {
			last, err = time.Parse(time.DateOnly, days[0][1])
		}
		if err != nil {
			span = 0 // no events
		}
	}
	if !w.To.IsZero() && w.To.Before(last) {
		last = startOfDay(w.To)
	}
	h := walk{q: q, limit: limit, floor: floor, stop: math.MinInt64}
	// The days walked so far are those from before, a day, on; none yet.
	before, upper := "", hi
	for span > 0 {
		first := last.AddDate(0, 0, 1-span)
		if !first.After(oldest) || firstKey(first) <= lo {
			break // the span holds every event, or all of w
		}
		cond, cargs := events+" AND day >= ?", append(slices.Clip(eargs), first.Format(time.DateOnly))
		if before != "" {
			cond, cargs = cond+" AND day < ?", append(cargs, before)
		}
		ok, err := h.sentences(ctx, db, firstKey(first), upper, cond, cargs)
		if err != nil || !ok {
			return nil, false, err
		}
		if len(h.ids) >= limit {
			return h.ids, true, nil
		}
		before, upper = first.Format(time.DateOnly), firstKey(first)
		// As many more days as the page wants, as the days walked found
		// them, and a quarter more; twice as many at least.
		span = max(2*span, span*limit*5/(4*max(len(h.ids), 1)))
	}
	cond, cargs := events, eargs
	if before != "" {
		cond, cargs = cond+" AND day < ?", append(slices.Clip(eargs), before)
	}
	if ok, err := h.sentences(ctx, db, lo, upper, cond, cargs); err != nil || !ok {
		return nil, false, err
	}
	return h.ids, true, nil
}

// walk is holding's walk of the matches of q, an FTS5 query, newest
// first: the ids of those that hold a selected event so far, down to
// stop, floor(id) of the limit-th.
type walk struct {
	q     string
	limit int
	floor func(int64) int64
	ids   []any
	stop  int64
}

// sentences walks the matches from id lo up to hi, excluded, that hold an
// event that events (a condition on events, with its arguments eargs)
// selects. It is not ok past maxHolding sentences.
func (h *walk) sentences(ctx context.Context, db sqlscan.Querier, lo, hi int64, events string, eargs []any) (bool, error) {
	// +rowid keeps the sentences from being looked up one by one in the
	// full-text index: they are gathered, and the matches checked
	// against them in the index's order, newest first.
	rows, err := db.QueryContext(ctx, `SELECT rowid FROM `+eventMatches+` WHERE `+eventMatches+` MATCH ?
		AND rowid >= ? AND rowid < ? AND +rowid IN (SELECT sentence_id FROM events WHERE `+events+`) ORDER BY rowid DESC`,
		append([]any{h.q, lo, hi}, eargs...)...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return false, err
		}
		if id < h.stop {
			break
		}
		if len(h.ids) == maxHolding {
			return false, rows.Close()
		}
		h.ids = append(h.ids, id)
		if len(h.ids) == h.limit {
			h.stop = h.floor(id)
		}
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	return true, rows.Close()
}

// keys returns the ids of the sentences of articles published on w's
// days: from lo up to hi, excluded.
func keys(w sqlstore.Window) (lo, hi int64) {
	lo, hi = math.MinInt64, math.MaxInt64
	if !w.From.IsZero() {
		lo = firstKey(startOfDay(w.From))
	}
	if !w.To.IsZero() {
		hi = firstKey(startOfDay(w.To).AddDate(0, 0, 1))
	}
	return lo, hi
}

// startOfDay returns the start of t's day in UTC.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// nthNewest returns the number (a sentence id or an article seq) of the
// n-th row of query, a selection of such numbers with its arguments, in
// descending order, and false when there are fewer rows. The full-text
// index reads them in that order, so only n are read.
func nthNewest(ctx context.Context, db sqlscan.Querier, query string, args []any, n int) (int64, bool, error) {
	rows, err := db.QueryContext(ctx, query+` ORDER BY 1 DESC LIMIT 1 OFFSET ?`, append(args, n-1)...)
	if err != nil {
		return 0, false, err
	}
	defer rows.Close()
	var id int64
	found := rows.Next()
	if found {
		if err := rows.Scan(&id); err != nil {
			return 0, false, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, false, err
	}
	return id, found, rows.Close()
}

// readCost is how many sentences SQLite walks, checking each against the
// gathered matches, in the time it reads one match with its article to
// sort it: about 15 µs against 0.7 µs (timed at 100,000 and 1,000,000
// events, on bench scale's stores, loaded machine).
const readCost = 21

// DenseAt returns the number of matches from which walking the newest
// sentences against the gathered matches is cheaper than reading every
// match: a page of limit hits walks about limit·N/M of N sentences of
// which M match, against M matches read, so from M² ≥ limit·N/readCost
// (about 1,000 for a page of 51 at 100,000 events, 3,600 at 1,000,000).
func (search) DenseAt(ctx context.Context, db sqlscan.Querier, limit int) (int, error) {
	n, err := queryInt(ctx, db, `SELECT COALESCE((SELECT n FROM counts WHERE name = 'sentences'), 0)`)
	if err != nil {
		return 0, err
	}
	return max(1, int(math.Sqrt(float64(limit)*float64(n)/readCost))), nil
}

// lookupCost is how many matches SQLite gathers in the time it looks one
// sentence up in the full-text index: about 87 µs against 0.35 µs
// (timed at 100,000 events, on bench scale's store, loaded machine).
const lookupCost = 250

// VeryDense reports whether query matches so many sentences that walking
// the newest ones and looking each up is cheaper than gathering every
// match to check them against (veryDense).
func (search) VeryDense(ctx context.Context, db sqlscan.Querier, query string, limit int) (bool, error) {
	return veryDense(ctx, db, "sentences_fts", `SELECT COALESCE((SELECT n FROM counts WHERE name = 'sentences'), 0)`, query, limit)
}

// VeryDenseArticles is VeryDense for articles.
func (search) VeryDenseArticles(ctx context.Context, db sqlscan.Querier, query string, limit int) (bool, error) {
	return veryDense(ctx, db, "articles_fts", `SELECT COALESCE((SELECT n FROM counts WHERE name = 'articles'), 0)`, query, limit)
}

// veryDense reports whether query matches so many rows of the full-text
// table fts that walking the newest rows and looking each up is cheaper
// than gathering every match to check them against: a page of limit hits
// takes about limit·N/M lookups among N rows (rows counts them) of which
// M match, against M matches gathered, so from M² ≥ lookupCost·limit·N.
// The matches are counted only up to that bound.
func veryDense(ctx context.Context, db sqlscan.Querier, fts, rows, query string, limit int) (bool, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return false, err
	}
	n, err := queryInt(ctx, db, rows)
	if err != nil {
		return false, err
	}
	bound := int(math.Sqrt(float64(lookupCost) * float64(limit) * float64(n)))
	m, err := sqlstore.CountUpTo(ctx, db, `SELECT 1 FROM `+fts+` WHERE `+fts+` MATCH ?`, []any{q}, bound)
	if err != nil {
		return false, err
	}
	return m >= bound, nil
}

// queryInt returns the one number query selects.
func queryInt(ctx context.Context, db sqlscan.Querier, query string, args ...any) (int64, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	if !rows.Next() {
		return 0, errors.Join(rows.Err(), errors.New("no row"))
	}
	if err := rows.Scan(&n); err != nil {
		return 0, err
	}
	return n, rows.Close()
}

// placeholders returns n placeholders separated by commas: ?,?,?.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

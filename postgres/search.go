package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
)

// eventColumns selects sqlscan.EventColumns, with the JSON mediators as
// text.
var eventColumns = strings.Replace(sqlscan.EventColumns, "mediators", "mediators::text", 1)

// search is PostgreSQL's full-text search (sqlstore.Search), over the
// generated tsvector columns of articles and sentences.
type search struct {
	// shares keeps the statistics of months that size the first span of
	// a search (monthShares, dayShares); nil reads them for each search.
	shares *statCache[statShares]
	// plans keeps the planner's plans that weigh a search (explain);
	// nil asks the planner for each.
	plans *statCache[plan]
}

// terms is what the full-text indexes of sentences s hold of each: the
// words of its tsvector and the lexemes of its month and day of
// publication (migrations 0190, 0290), which no search of words matches.
// A condition on sentences matches it, not the tsvector alone, for an
// index to serve.
const terms = "(s.tsv || ('M' || s.month::text || ' D' || s.day::text)::tsvector)"

// articleTerms is what the full-text index of articles holds of each:
// the words of its tsvector and the lexemes of its month and day of
// publication (migrations 0230, 0300), as terms is for sentences.
const articleTerms = "(tsv || ('M' || publication_month(published)::text || ' D' || publication_day(published)::text)::tsvector)"

// matching returns the condition that a sentence s matches the tsquery q
// by its terms and, when events, holds an event: then the partial
// full-text index of those sentences serves it (migration 0210).
func matching(q string, events bool) string {
	if events {
		return "s.has_event AND " + terms + " @@ " + q
	}
	return terms + " @@ " + q
}

// Articles returns the condition that an article matches query. A page
// of a search that is not dense (FromSearch) gathers the matches first,
// behind a fence: given the condition alone, the planner walked articles
// newest first and read each one's tsvector of its whole body from
// TOAST (1 M events, words of 1,894 and 2,613 matching articles, warm:
// 20-50 and 22-29 ms, this way 9-13 and 13-17 ms). A dense one walks.
func (search) Articles(query string, p sqlstore.Plan) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	if p == sqlstore.FromSearch {
		return "id IN (SELECT id FROM articles WHERE " + articleTerms + " @@ " + q + " OFFSET 0)", args, nil
	}
	return "tsv @@ " + q, args, nil
}

// ArticleMatches returns a query of a row for each article that matches
// query.
func (search) ArticleMatches(query string) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "SELECT 1 FROM articles WHERE " + articleTerms + " @@ " + q, args, nil
}

// Matches returns a query of a row for each sentence that matches query.
func (search) Matches(query string) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "SELECT 1 FROM sentences s WHERE " + terms + " @@ " + q, args, nil
}

// CountMatches counts the sentences that match query, no more than limit.
// A search the planner would count by reading sentences in order
// (countPlan) is counted so, each sentence matched by its own tsvector
// (countedMatches). Otherwise, where the estimate of its
// matches spreads them over the days as the rows of the full-text index
// are spread (firstSpan), so that limit of them lie in its newest days,
// it counts them in spans of days, newest first, as Sentences reads
// them, until limit are counted, and the matches older than the spans at
// once after them (countedMatches). The index builds a bitmap of every
// match a statement asks for before the first is counted: on bench
// scale's store of a million events, counting 1,000 matches of each of
// the ten costliest words of the search page's counts (one of them in
// 72,714 sentences) took 51-65 ms from all their matches and 5-9 ms from
// their newest month (warm, one at a time). A search whose limit lies past
// a fifth of its days' rows is counted at once (atOnce).
func (s search) CountMatches(ctx context.Context, db sqlscan.Querier, query string, limit int) (int, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return 0, err
	}
	newest, oldest, ok, err := days(ctx, db, sqlstore.Window{})
	if err != nil || !ok {
		return 0, err
	}
	walks, m, err := s.countPlan(ctx, db, q, args, limit)
	if err != nil {
		return 0, err
	}
	if walks {
		return sqlstore.CountUpTo(ctx, db, "SELECT 1 FROM sentences s WHERE s.tsv @@ "+q, args, limit)
	}
	shares, err := s.dayShares(ctx, db, sentencesIndex, newest, oldest)
	if err != nil {
		return 0, err
	}
	first, held := firstSpan(m, shares, newest, oldest, limit, 1)
	if atOnce(held) {
		first = 0
	}
	return s.countNewest(ctx, db, query, q, args, newest, oldest, first, limit)
}

// countPlan returns whether the planner would count up to limit matches
// of the tsquery q, with its arguments args, by reading sentences in
// order, and its estimate of all their matches, from one plan. It walks a
// word so common that limit of them come soon that way, and whose list in
// the full-text index is as long as those of the months' lexemes that a
// span would intersect it with (bench scale's store of ten million
// events: 1,000 matches of "government" from its newest months took 191
// ms).
func (s search) countPlan(ctx context.Context, db sqlscan.Querier, q string, args []any, limit int) (walks bool, matches int, err error) {
	p, err := s.planOf(ctx, db, sqlstore.UpTo("SELECT 1 FROM sentences s WHERE "+terms+" @@ "+q), append(slices.Clip(args), limit))
	if err != nil {
		return false, 0, fmt.Errorf("estimate: %w", err)
	}
	rows, _ := p.rowsOf("sentences")
	return p.scans("sentences"), int(rows), nil
}

// countNewest counts the sentences of the days newest down to oldest
// (publication_day) that match query, whose tsquery expression is q with
// its arguments args (tsQuery), no
// more than limit: in spans of days, newest first, the first of first
// days, each twice as long as the one before (maxSpans in all), until they
// count limit, then those of the days older than the spans at once
// (countedMatches). With first 0 it counts them all at once.
func (s search) countNewest(ctx context.Context, db sqlscan.Querier, query, q string, args []any, newest, oldest, first, limit int) (int, error) {
	n := 0
	hi, done, err := eachSpan(newest, oldest, first, monthStart, func(hi, lo int) (bool, error) {
		match, margs, err := spanMatch(query, q, args, false, "", nil, hi, lo)
		if err != nil {
			return false, err
		}
		c, err := sqlstore.CountUpTo(ctx, db, "SELECT 1 FROM sentences s WHERE "+match, margs, limit-n)
		n += c
		return n == limit, err
	})
	if err != nil || done || hi < oldest {
		return n, err
	}
	matches, margs, err := s.countedMatches(ctx, db, q, args, hi, limit-n)
	if err != nil {
		return 0, err
	}
	c, err := sqlstore.CountUpTo(ctx, db, matches, margs, limit-n)
	return n + c, err
}

// countedMatches returns the query of a row for each sentence of the
// days up to hi that matches the tsquery q, with its arguments args,
// that CountMatches counts on db at once, as the planner plans the count
// of limit: from the full-text index for a search of few matches, and
// otherwise by reading sentences in order until limit match. Read in
// order, each sentence is matched by its own tsvector, not by the index's
// terms, which would be built for every row read: no user's search
// matches a month's or a day's lexeme (upper case, where the words' are
// lower case), so both find the same. Counting 1,000 matches of a word found in one
// sentence in 30 to 40 took 25-35 ms by the terms and 5-7 ms by the
// tsvector (1,000,000 events, EXPLAIN ANALYZE).
func (s search) countedMatches(ctx context.Context, db sqlscan.Querier, q string, args []any, hi, limit int) (string, []any, error) {
	args = append(slices.Clip(args), hi)
	matches := "SELECT 1 FROM sentences s WHERE " + terms + " @@ " + q + " AND s.day <= ?"
	p, err := s.planOf(ctx, db, sqlstore.UpTo(matches), append(slices.Clip(args), limit))
	if err != nil {
		return "", nil, err
	}
	if p.scans("sentences") {
		matches = "SELECT 1 FROM sentences s WHERE s.tsv @@ " + q + " AND s.day <= ?"
	}
	return matches, args, nil
}

// DenseAt is DenseMatches.
func (search) DenseAt(context.Context, sqlscan.Querier, int) (int, error) {
	return sqlstore.DenseMatches, nil
}

// VeryDense is false: the planner weighs the lookups against the
// matches itself.
func (search) VeryDense(context.Context, sqlscan.Querier, string, int) (bool, error) {
	return false, nil
}

// ReadsNewest is false: the index returns its matches in no order.
func (search) ReadsNewest() bool { return false }

// HoldsPairs is true: the full-text index of the sentences that hold an
// event holds their events' pairs (migration 0240).
func (search) HoldsPairs() bool { return true }

// pairTerm returns the condition, starting with " AND ", that a sentence
// s that holds an event holds one of pair, from the full-text index of
// such sentences (migration 0240), with its argument; "" for no pair.
func pairTerm(pair [2]string) (string, []any) {
	if pair[0] == "" {
		return "", nil
	}
	return " AND s.pairs @> ARRAY[?::text]", []any{pairKey(pair[0], pair[1])}
}

// NewestEvents returns, for a search that is not dense or whose first
// span of days reads sooner than a walk of events (spansFirst), the
// condition that an event is one of the first limit events that where
// selects among those of the matches of the newest days of w: spans of
// days as Sentences reads them, each read up to the page, until they hold
// it (newestSpans). A search narrowed to a pair reads the matches that
// hold one of the pair (migration 0240), which are never too many to read
// first, and all of them when the spans do not hold the page or, by the
// estimate of its matches, would hold it only past a fifth of its days'
// rows (firstSpan, atOnce). A search that would so read its matches at
// once, but has more by the estimate than twice a page's, joins only its
// newest to their events (newestMatches). It is not ok for another dense
// search (walking events by day fills the page sooner), while some event
// is dated otherwise than its article (migration 0200: its day would not
// be its sentence's), or when the spans do not, or would only past a
// fifth of the days' rows, hold the page, nor the newest matches: then
// the caller plans, and reads every match.
//
// The spans hold the page exactly: their events are of their days, and
// every other match's events of earlier days.
func (s search) NewestEvents(ctx context.Context, db sqlscan.Querier, query string, pair [2]string, w sqlstore.Window, where string,
	args []any, limit int) (string, []any, bool, error) {
	q, qargs, err := tsQuery(query)
	if err != nil {
		return "", nil, false, err
	}
	misdated, err := sqlstore.CountUpTo(ctx, db, `SELECT 1 FROM misdated_events`, nil, 1)
	if err != nil || misdated > 0 {
		return "", nil, false, err
	}
	newest, oldest, ok, err := days(ctx, db, w)
	if err != nil || !ok {
		return "", nil, false, err
	}
	paired, pargs := pairTerm(pair)
	m, err := s.estimated(ctx, db, "SELECT 1 FROM sentences s WHERE "+matching(q, true)+paired, append(slices.Clip(qargs), pargs...))
	if err != nil {
		return "", nil, false, err
	}
	shares, err := s.dayShares(ctx, db, eventSentencesIndex, newest, oldest)
	if err != nil {
		return "", nil, false, err
	}
	first, held := firstSpan(m, shares, newest, oldest, limit, countedPerMatch)
	if m >= sqlstore.DenseMatches && pair[0] == "" {
		// A walk of events by day checks about one sentence an event.
		n, err := stored(ctx, db, "events")
		if err != nil || !spansFirst(held*float64(m), m, n, limit, walkCost) {
			return "", nil, false, err
		}
	}
	switch {
	case !atOnce(held):
		// Sorting on an expression keeps the planner off the index of
		// days, as a page of matches does (EventPage).
		cond, cargs, ok, err := newestSpans(ctx, db, "events", "day + 0 DESC, id DESC", where, args, newest, oldest, first, limit,
			func(hi, lo int) (string, []any, error) {
				match, margs, err := spanMatch(query, q, qargs, true, paired, pargs, hi, lo)
				return `(article_id, sentence_idx) IN (SELECT s.article_id, s.idx FROM sentences s WHERE ` + match + `)`, margs, err
			})
		if err != nil || ok || pair[0] == "" {
			return cond, cargs, ok, err
		}
	case float64(m) > newestMatchesRead(limit):
		cond, cargs, ok, err := newestMatches(ctx, db, where, args, matching(q, true)+paired, append(slices.Clip(qargs), pargs...),
			newest, oldest, int(newestMatchesRead(limit)), limit)
		if err != nil || ok || pair[0] == "" {
			// Not ok: the caller plans, and reads every match.
			return cond, cargs, ok, err
		}
	case pair[0] == "":
		// The caller plans: a rare search reads every match.
		return "", nil, false, nil
	}
	// A pair's matches are few: when the spans do not hold its page, or
	// would only past a fifth of its days' rows, all of them are read, still
	// with the pair.
	return `(article_id, sentence_idx) IN (SELECT s.article_id, s.idx FROM sentences s WHERE ` + matching(q, true) + paired + `)`,
		append(slices.Clip(qargs), pargs...), true, nil
}

// newestMatchesRead is how many of a search's matches, newest first,
// newestMatches joins to their events for a page of limit events: twice
// as many as hold a page, countedPerMatch counted events a match.
func newestMatchesRead(limit int) float64 {
	return math.Ceil(2 * float64(limit) / countedPerMatch)
}

// newestMatches returns the condition that an event is one of the first
// limit events that where, with its arguments args, selects among those of
// the newest matches of a search read at once: the sentences s of the days
// newest down to oldest (publication_day) that match (a condition on s,
// with its arguments margs), sorted by their day, of which only the first
// read (newestMatchesRead) and every other of the last day kept are joined
// to their events. An event is of its sentence's day (no event is
// misdated: NewestEvents), so every event of the other matches is of an
// earlier day than theirs: when they hold limit events, those are the
// page's. It is not ok when they hold fewer. Each match joined is a
// look-up of its events: on bench scale's store of a million events, a
// made-up name's 1,225 sentences with an event, 494 of them counted, took
// 9.5 ms read at once for a page of 51 and 6 ms this way, 257 of them
// joined (warm; under 64 clients, the statement of the page at once had
// been 15 % of PostgreSQL's statement time).
func newestMatches(ctx context.Context, db sqlscan.Querier, where string, args []any, match string, margs []any,
	newest, oldest, read, limit int) (string, []any, bool, error) {
	ids, err := sqlscan.Query(ctx, db, sqlscan.String, `SELECT id FROM events WHERE `+where+
		` AND (article_id, sentence_idx) IN (SELECT s.article_id, s.idx FROM sentences s WHERE `+match+spanDays+
		` ORDER BY s.day DESC FETCH FIRST ? ROWS WITH TIES) ORDER BY day + 0 DESC, id DESC LIMIT ?`,
		append(append(slices.Clip(args), margs...), oldest, newest, read, limit)...)
	if err != nil || len(ids) < limit {
		return "", nil, false, err
	}
	return "id = ANY(?::text[])", []any{ids}, true, nil
}

// newestSpans reads the IDs of the newest rows, by order, of table that
// where, with its arguments args, selects and that the condition
// of(hi, lo) (with its arguments, or an error) keeps to the days hi down to lo, in
// spans from newest down to oldest, the first of first days (firstSpan),
// each twice as long as the one before (maxSpans in all) and reaching
// down to the first day of a month it reads by its lexeme (eachSpan,
// monthStart), until they hold
// limit. Every row of a span is newer than those of the
// spans after it, so these are the first limit rows that where selects:
// it returns the condition that a row is one of them, or not ok when the
// spans do not hold limit rows. The page then reads them by ID: it read the
// spans' matches again after they were counted (on bench scale's store
// of a million events, a count 7.6 ms and a page 22.5 ms on average under
// load, the counts 11 % of PostgreSQL's statement time).
func newestSpans(ctx context.Context, db sqlscan.Querier, table, order, where string, args []any, newest, oldest, first, limit int,
	of func(hi, lo int) (string, []any, error)) (string, []any, bool, error) {
	var ids []string
	_, done, err := eachSpan(newest, oldest, first, monthStart, func(hi, lo int) (bool, error) {
		cond, cargs, err := of(hi, lo)
		if err != nil {
			return false, err
		}
		got, err := sqlscan.Query(ctx, db, sqlscan.String, `SELECT id FROM `+table+` WHERE `+where+` AND `+cond+
			` ORDER BY `+order+` LIMIT ?`, append(append(slices.Clip(args), cargs...), limit-len(ids))...)
		ids = append(ids, got...)
		return len(ids) >= limit, err
	})
	if err != nil || !done {
		return "", nil, false, err
	}
	return "id = ANY(?::text[])", []any{ids}, true, nil
}

// walkCost is how many matches of a span PostgreSQL reads, joined
// to their events, in the time a walk of events by day checks one event
// against its sentence (WalkByDay): on bench scale's store of a million
// events 10 µs a match and 40 µs an event.
const walkCost = 4

// articleWalkCost is walkCost for a search of articles: how many matches
// of a span PostgreSQL reads in the time a walk of articles newest
// first checks one article's words, read from TOAST. On bench scale's
// store of a million events, "rejected" (92,494 of 285,387 articles)
// walked 65 articles in 0.6 ms, and read the 2,406 matches of its newest
// month in 4.5 ms (warm): 9 µs an article, 1.9 µs a match.
const articleWalkCost = 5

// sentenceWalkCost is walkCost for a search of sentences: how many
// matches of a span PostgreSQL reads, joined to their articles, in
// the time the walk of a dense search (denseWalk) checks one sentence. On
// bench scale's store of ten million events, a made-up name in 22,255 of
// 45.7 M sentences, which the planner estimates at 50,278 (as it does any
// word too rare for its statistics, and so dense): the walk checked the
// 16 sentences of each of 7,421 articles for a page of 51 in 151 ms, 355
// ms cold, and the name's newest month read its 716 matches in 16 ms, 51
// ms cold (EXPLAIN ANALYZE): 17 to 24 sentences a match.
const sentenceWalkCost = 1.0 / 20

// spansFirst reports whether a dense search of m matches among n rows
// (of events, about one a sentence that holds one, of articles, or of
// sentences) fills a page of limit rows sooner from its first span
// (newestSpans, Sentences), which reads about read of its matches
// (firstSpan's share of them), than by walking rows newest first, which
// checks about limit·n/m rows, each costing walk matches read (walkCost,
// articleWalkCost, sentenceWalkCost).
func spansFirst(read float64, m, n, limit int, walk float64) bool {
	return read*float64(m) < walk*float64(limit)*float64(n)
}

// firstSpan returns how many units (days of publication), from newest
// down to oldest, the first span of a search reads
// (newestSpans, Sentences), and the share of those units' rows it holds:
// enough units to hold a page of limit rows, twice over, were the
// search's m matches (an estimate) spread over the units as the rows of
// its full-text index are (shares: dayShares), perMatch rows
// a match; one at least, and every unit when even they would not.
// Without shares of these units, as before the index's first ANALYZE, the
// rows are taken as spread evenly. Each span reads the lists of its
// units' lexemes in the full-text index, and is planned anew: on bench
// scale's store of a million events, under 64 clients, a search of
// sentences narrowed to a pair took 30 ms in spans of one, two, four and
// eight months, then 6 ms to read its matches at once. A unit of few
// rows, as past a gap in the news, adds little: on bench scale's store of
// ten million events, whose newest four months hold only the 130 demo
// pages, spans of one, two and four months taken as even read the
// matches of three months of generated stories, 11,000 of them, to fill a
// page of 51 events that the first of those months held.
func firstSpan(m int, shares map[int]float64, newest, oldest, limit int, perMatch float64) (span int, held float64) {
	units := newest - oldest + 1
	need := 0.0 // of all the index's rows
	if m > 0 {
		need = 2 * float64(limit) / (perMatch * float64(m))
	}
	all := 0.0
	for u := newest; u >= oldest; u-- {
		all += shares[u]
	}
	if all == 0 {
		span = min(units, max(1, int(math.Ceil(need*float64(units)))))
		return span, float64(span) / float64(units)
	}
	in := 0.0
	for u := newest; u >= oldest; u-- {
		if in += shares[u]; in >= need {
			return newest - u + 1, in / all
		}
	}
	return units, 1
}

// The full-text indexes whose statistics monthShares reads.
const (
	sentencesIndex      = "sentences_tsv"       // every sentence (migrations 0190, 0290)
	eventSentencesIndex = "sentences_event_tsv" // sentences that hold an event (migrations 0210, 0240, 0290)
)

// atOnce reports whether a search whose first span holds held of its
// units' rows (firstSpan) reads every match at once instead: more than a
// fifth. Such a search has, by its estimate, no more than ten pages of
// matches (firstSpan holds two), which are soon read and sorted; each
// statement of a span reads its words' lists in the full-text index
// through, checking every entry against the lists of the span's lexemes,
// whatever the span. On bench scale's store of ten million events (warm,
// EXPLAIN ANALYZE): two made-up names together (estimated at 270
// sentences, in 85), a span of 14 months 70 ms, all at once 4.7 ms; a
// word in the sentences of a pair (estimated at 261, in 1,372), 47 ms
// against 15 ms.
func atOnce(held float64) bool {
	return held > 0.2
}

// countedPerMatch is how many counted events a sentence with an event
// holds on average: on bench scale's store of a million events 405,905
// of its 1,000,000 events count, one a sentence, the rest are copies.
const countedPerMatch = 0.4

// dayLexemes returns the tsquery of a span of days from hi down to lo
// (publication_day), ORed, as the full-text indexes of sentences and of
// articles hold them (migrations 0290, 0300): the lexeme of each month
// and of each day that spanUnits reads it by.
func dayLexemes(hi, lo int) string {
	months, days := spanUnits(hi, lo)
	return strings.Join(append(lexemes("M", months), lexemes("D", days)...), " | ")
}

// lexemes returns the lexemes of units (months with prefix "M", days with
// "D"), as the full-text indexes hold them.
func lexemes(prefix string, units []int) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = prefix + strconv.Itoa(u)
	}
	return out
}

// spanUnits returns the months (publication_month) and the days
// (publication_day) that a span of days from hi down to lo is read by,
// newest first: each month whose every day is in the span, and of each
// other month's days in it, each day when they are no more than
// maxDayLexemes, else the month. A month may so stand for more days than
// the span's: a statement of the span keeps to its days besides
// (spanDays, or its articles' days of publication).
func spanUnits(hi, lo int) (months, days []int) {
	for d := hi; d >= lo; {
		m := monthOfDay(d)
		first, last := daysOfMonth(m)
		if in := d - max(first, lo) + 1; (first >= lo && last <= hi) || in > maxDayLexemes {
			months = append(months, m)
		} else {
			for day := d; day > d-in; day-- {
				days = append(days, day)
			}
		}
		d = first - 1
	}
	return months, days
}

// spanMatch returns the condition, with its arguments, that a sentence s
// of a span of days from hi down to lo (spanUnits) matches query, whose
// tsquery expression is q with its arguments qargs (tsQuery), and holds
// an event when events. A span narrowed to a pair, paired (pairTerm) with
// its arguments pargs, reads the full-text index that holds the pairs,
// by its words and the lexemes of the span's months and days
// (dayLexemes). Another reads the span's months by the keys of its words
// in them (migration 0320, monthQuery), a month's list of a word alone
// where a month's lexeme lists every sentence of the month, and its days
// by their lexemes, the two ORed; each sentence read by its keys is
// checked against q too, which keeps phrases and exclusions exact.
func spanMatch(query, q string, qargs []any, events bool, paired string, pargs []any, hi, lo int) (string, []any, error) {
	months, days := spanUnits(hi, lo)
	if paired != "" || len(months) == 0 {
		return matching("("+q+" && ?::tsquery)", events) + paired + spanDays,
			append(append(append(slices.Clip(qargs), dayLexemes(hi, lo)), pargs...), lo, hi), nil
	}
	mq, margs, err := monthQuery(query, months)
	if err != nil {
		return "", nil, err
	}
	cond, args := "word_months(s.tsv, s.month) @@ "+mq, margs
	if len(days) > 0 {
		// Each index's own condition, ORed, the sentence's own check
		// after: the planner reads both indexes and checks each row they
		// give by its tsvector alone. With the check inside the OR, it
		// checked the whole OR on every row, working out each row's keys
		// and terms again (1 M events, two words in a month and three
		// days: 116 ms, most of it so spent on the 2,544 rows read).
		cond = "(" + cond + " OR " + terms + " @@ (" + q + " && ?::tsquery))"
		args = append(append(args, qargs...), strings.Join(lexemes("D", days), " | "))
	}
	cond += " AND s.tsv @@ " + q
	args = append(args, qargs...)
	if events {
		cond = "s.has_event AND " + cond
	}
	return cond + spanDays, append(args, lo, hi), nil
}

// maxDayLexemes is how many days of a month a span reads by their own
// lexemes, no more. A page of a common word from its newest days reads a
// few hundred matches where their month held thousands (bench scale's
// store of a million events: the events of "sanctions" from five days 3
// ms, from their month 12 ms, warm), but many days' lexemes ORed cost
// more than their month's: there, the counts of 1,000 matches, whose
// spans read ten to twenty days each by their lexemes, took 43 ms on
// average under load, 28 ms by their months.
const maxDayLexemes = 7

// spanDays is the condition that keeps a statement of a span of days to
// them (dayLexemes), with the span's oldest and newest days to follow as
// its arguments.
const spanDays = " AND s.day BETWEEN ? AND ?"

// monthStart returns the oldest day of a span of days from hi down to lo:
// lo, or the first of its month when the span holds more than
// maxDayLexemes days of that month, which its lexeme then reads
// (dayLexemes). The index returns a month's matches oldest first, and a
// span that kept to its last days read past the others to reach them.
func monthStart(hi, lo int) int {
	first, last := daysOfMonth(monthOfDay(lo))
	if min(last, hi)-lo+1 > maxDayLexemes {
		return first
	}
	return lo
}

// monthOfDay returns the month (publication_month: months since year 0)
// of the day d (publication_day: days since 1970-01-01, UTC).
func monthOfDay(d int) int {
	t := time.Unix(int64(d)*86400, 0).UTC()
	return t.Year()*12 + int(t.Month()) - 1
}

// daysOfMonth returns the first and the last day (publication_day) of
// the month m (publication_month).
func daysOfMonth(m int) (first, last int) {
	start := time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 1, 0)
	return dayOf(start), dayOf(end) - 1
}

// dayOf returns the day of t (publication_day), rounding down before
// 1970 as the database does.
func dayOf(t time.Time) int {
	sec := t.Unix()
	d := sec / 86400
	if sec%86400 < 0 {
		d--
	}
	return int(d)
}

// NewestSentences is not ok, as ReadsNewest is false.
func (search) NewestSentences(context.Context, sqlscan.Querier, string, sqlstore.Window, string, []any, int) (string, []any, bool, error) {
	return "", nil, false, nil
}

// lookupCost is how many sentences PostgreSQL walks, newest article
// first, checking each against a search, in the time it looks up the
// sentence of one event of a filter and checks it: the planner probes the
// sentences by article, so a look-up reads the article's sentences, about
// 16 on bench scale's store, as the walk does.
const lookupCost = 16

// LooksUp reports whether a dense search narrowed to the events that
// events selects is answered sooner by looking up the sentence of each of
// those E events than by walking sentences newest article first until
// limit match and hold such an event: of N sentences, of which M match,
// the walk reads about limit·N²/(M·E) sentences when the filter and the
// words are independent, so from E² < limit·N²/(lookupCost·M). M is the
// planner's estimate; E is counted only up to that bound. The walk took
// 3.6-5.8 s for "nuclear" (72,000 matches) and a pair of 2,382 events on
// bench scale's store of 300,000 events, the look-ups 0.4 s, under load.
func (s search) LooksUp(ctx context.Context, db sqlscan.Querier, query, events string, eargs []any, limit int) (bool, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return false, err
	}
	m, err := s.estimated(ctx, db, "SELECT 1 FROM sentences s WHERE "+terms+" @@ "+q, args)
	if err != nil {
		return false, err
	}
	n, err := stored(ctx, db, "sentences")
	if err != nil {
		return false, err
	}
	bound := int(math.Sqrt(float64(limit)/lookupCost/float64(max(m, 1))) * float64(n))
	e, err := sqlstore.CountUpTo(ctx, db, `SELECT 1 FROM events WHERE `+events, eargs, bound)
	return e < bound, err
}

// stored returns how many rows of what (articles, sentences or events)
// the store holds, by its running totals (count_deltas).
func stored(ctx context.Context, db sqlscan.Querier, what string) (int, error) {
	return queryInt(ctx, db, `SELECT coalesce(sum(`+what+`), 0) FROM count_deltas`)
}

// queryInt runs query, with its arguments, for one integer.
func queryInt(ctx context.Context, db sqlscan.Querier, query string, args ...any) (int, error) {
	rows, err := sqlscan.Query(ctx, db, func(sc sqlscan.Scanner) (int, error) {
		var n int
		return n, sc.Scan(&n)
	}, query, args...)
	if err != nil || len(rows) != 1 {
		return 0, err
	}
	return rows[0], nil
}

// FilteredEvents is not ok, as ReadsNewest is false.
func (search) FilteredEvents(context.Context, sqlscan.Querier, string, sqlstore.Window, string, []any, int) (string, []any, bool, error) {
	return "", nil, false, nil
}

// FilteredSentences is not ok, as ReadsNewest is false.
func (search) FilteredSentences(context.Context, sqlscan.Querier, string, sqlstore.Window, string, []any,
	int) (string, []any, bool, error) {
	return "", nil, false, nil
}

// NewestArticles returns, for a search of articles that is not dense or
// whose first span of days reads sooner than a walk of articles
// (spansFirst), the condition that an article is one of the first limit
// articles that where selects among the matches of the newest days of w,
// read in spans of days as NewestEvents reads them (migrations 0230,
// 0300). It is not ok for another dense search, or when the spans do not
// hold the page: then the caller plans. The spans' newest rows are the
// page's, as their days are their articles'.
//
// A made-up name in 2,651 of 285,387 articles on bench scale's store of
// a million events read every match and joined each to its row again:
// 175 ms on average under load, 15 ms alone; its newest month holds
// about 70.
func (s search) NewestArticles(ctx context.Context, db sqlscan.Querier, query string, w sqlstore.Window, where string, args []any,
	limit int) (string, []any, bool, error) {
	q, qargs, err := tsQuery(query)
	if err != nil {
		return "", nil, false, err
	}
	newest, oldest, ok, err := days(ctx, db, w)
	if err != nil || !ok {
		return "", nil, false, err
	}
	m, err := s.estimated(ctx, db, "SELECT 1 FROM articles WHERE "+articleTerms+" @@ "+q, qargs)
	if err != nil {
		return "", nil, false, err
	}
	// The articles' own index has too many common words to keep its
	// months' lexemes among them: the sentences' months stand for theirs.
	shares, err := s.dayShares(ctx, db, sentencesIndex, newest, oldest)
	if err != nil {
		return "", nil, false, err
	}
	first, held := firstSpan(m, shares, newest, oldest, limit, 1)
	if m >= sqlstore.DenseArticles {
		n, err := stored(ctx, db, "articles")
		if err != nil || !spansFirst(held*float64(m), m, n, limit, articleWalkCost) {
			return "", nil, false, err
		}
	}
	if atOnce(held) {
		// The caller plans: a rare search reads every match.
		return "", nil, false, nil
	}
	return newestSpans(ctx, db, "articles", "published DESC, id DESC", where, args, newest, oldest, first, limit,
		func(hi, lo int) (string, []any, error) {
			return articleTerms + " @@ (" + q + " && ?::tsquery) AND publication_day(published) BETWEEN ? AND ?",
				append(slices.Clip(qargs), dayLexemes(hi, lo), lo, hi), nil
		})
}

// VeryDenseArticles is false, as VeryDense.
func (search) VeryDenseArticles(context.Context, sqlscan.Querier, string, int) (bool, error) {
	return false, nil
}

// Sentence returns the condition that a sentence s matches query.
func (search) Sentence(query string) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return terms + " @@ " + q, args, nil
}

// Events returns the condition that an event's sentence matches query.
// EXISTS leaves the planner free to start from the matches (a rare word)
// or to check events in order against their sentence (a common one); the
// page query steers it. A page that walks events (WalkByDay, LookUp)
// checks each one's sentence against its words alone: matching the words
// and month together (terms), which the full-text index needs, costs a
// tsvector built for every event walked, and led the planner to a
// parallel walk (1 M events: 38–118 ms against 14–50 ms for a page of
// "nuclear", "sanctions" or "embassy").
func (search) Events(query string, p sqlstore.Plan) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	match := matching(q, true)
	if p == sqlstore.WalkByDay || p == sqlstore.LookUp {
		match = "s.tsv @@ " + q
	}
	return "EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = events.article_id AND s.idx = events.sentence_idx AND " + match + ")",
		args, nil
}

// EventPage returns the query of a page of events with plan p: the
// planner's guesses about how many sentences a search matches are too
// rough to leave the choice to it.
func (search) EventPage(where, dir string, p sqlstore.Plan) string {
	selectEvents := `SELECT ` + eventColumns + ` FROM events`
	order := " ORDER BY day " + dir + ", id " + dir
	switch p {
	case sqlstore.WalkByDay:
		return selectEvents + ` WHERE ` + where + order + ` LIMIT ?`
	case sqlstore.FromSearch:
		// Sorting on an expression keeps the planner off the day index.
		return selectEvents + ` WHERE ` + where + ` ORDER BY day + 0 ` + dir + `, id ` + dir + ` LIMIT ?`
	}
	// Choose the page's IDs from indexes, then read its rows.
	return selectEvents + ` WHERE id IN (SELECT id FROM events WHERE ` + where + order + ` LIMIT ?)` + order
}

// maxSpans is how many spans Sentences reads the newest matches of a
// search in, each twice as long as the one before, before it reads every
// older match at once: no more than the search read before, however the
// matches lie. From a first span of one day they reach back 511 days, as
// four spans from one month reached back 15 months before the spans were
// of days (migration 0290), so that a word seldom found of late but often
// a year before reads those matches in spans, not all at once; each span
// reads twice the days of the one before, so all of them read at most
// twice the last one's.
const maxSpans = 9

// eachSpan calls read with spans of units (days), from newest
// down to oldest, each as the newest and the oldest of its units: the
// first of first units, each twice as long as the one before, maxSpans in
// all, until read says it has read enough, returns an error, or the units
// run out; none with first 0. A span reaches down to the unit snap
// returns for its newest and oldest, when snap is not nil
// (monthStart). It returns the unit below the last span read (below
// oldest when every unit was), and whether read said enough.
func eachSpan(newest, oldest, first int, snap func(hi, lo int) int, read func(hi, lo int) (enough bool, err error)) (below int,
	enough bool, err error) {
	hi, span := newest, first
	for i := 0; i < maxSpans && span > 0 && hi >= oldest; i++ {
		lo := max(hi-span+1, oldest)
		if snap != nil {
			lo = max(snap(hi, lo), oldest)
		}
		if enough, err := read(hi, lo); enough || err != nil {
			return lo - 1, enough, err
		}
		hi, span = lo-1, 2*span
	}
	return hi, false, nil
}

// fromMatches orders the matches of a search by their month of
// publication first, a column of the sentences (migration 0190), which
// keeps the planner from sorting every article by publication to probe
// their sentences in that order (0.3-1 s on bench scale's store of
// 300,000 events): it reads the matches, then sorts them.
const fromMatches = "s.month DESC, a.published DESC"

// Sentences runs a search of sentences. A common search narrowed to a
// few events (VeryDense, from LooksUp) checks their sentences; another
// common search (Dense) walks articles newest first and looks at their
// sentences (denseWalk), unless its first span of days fills the page
// sooner (spansFirst). Any other reads its matches newest first, by the
// month and day of publication that the full-text indexes hold with them
// (migrations 0190, 0290), a span of days at a time until the page is
// full, rather than reading, joining and sorting every match: on bench
// scale's store of 300,000 events a word of 10,000 matching sentences
// fills its page from the newest month. The first span is as long as the
// estimate of its matches says a page needs (firstSpan: Matches, or the
// estimate with the pair), and a search whose page would need more than
// a fifth of its days' rows reads all its matches at once (atOnce). A search
// narrowed to events (HoldEvents) reads only the matches that hold one
// (migration 0210), and one narrowed to a pair (Pair) only those that
// hold one of the pair (migration 0240). The headline is made for the
// page's rows only.
func (s search) Sentences(ctx context.Context, db sqlscan.Querier, sq sqlstore.SentenceQuery) ([]detente.SentenceHit, error) {
	q, qargs, err := tsQuery(sq.Query)
	if err != nil {
		return nil, err
	}
	paired, pargs := pairTerm(sq.Pair)
	if sq.VeryDense {
		// The sentences of a few events (LooksUp), each looked up by its
		// key and checked against its words alone, then its article.
		// Joined to the articles directly, the planner joined every
		// article to the events first and probed the sentences by article
		// alone, building words and month of each of its sentences (1 M
		// events, "oil" and a pair of 7,884 events: 413-675 ms, this way
		// 82-91 ms).
		return sentencePage(ctx, db, q, qargs, `sentences s CROSS JOIN LATERAL (SELECT id, title, url, site, story_id, published
			FROM articles WHERE id = s.article_id OFFSET 0) a WHERE s.tsv @@ `+q, qargs, fromMatches, sq, sq.Limit)
	}
	newest, oldest, ok, err := days(ctx, db, sq.Window)
	if err != nil || !ok {
		return nil, err
	}
	m := sq.Matches
	if sq.Pair[0] != "" {
		if m, err = s.estimated(ctx, db, "SELECT 1 FROM sentences s WHERE "+matching(q, true)+paired, append(slices.Clip(qargs), pargs...)); err != nil {
			return nil, err
		}
	}
	index := sentencesIndex
	if sq.HoldEvents {
		index = eventSentencesIndex
	}
	shares, err := s.dayShares(ctx, db, index, newest, oldest)
	if err != nil {
		return nil, err
	}
	first, held := firstSpan(m, shares, newest, oldest, sq.Limit, 1)
	if sq.Dense {
		n, err := stored(ctx, db, "sentences")
		if err != nil {
			return nil, err
		}
		if !spansFirst(held*float64(m), m, n, sq.Limit, sentenceWalkCost) {
			return sentencePage(ctx, db, q, qargs, denseWalk(q), qargs, "a.published DESC", sq, sq.Limit)
		}
	}
	if atOnce(held) {
		first = 0
	}
	var hits []detente.SentenceHit
	hi, done, err := eachSpan(newest, oldest, first, monthStart, func(hi, lo int) (bool, error) {
		match, margs, err := spanMatch(sq.Query, q, qargs, sq.HoldEvents, paired, pargs, hi, lo)
		if err != nil {
			return false, err
		}
		page, err := newestPage(ctx, db, q, qargs, match, margs, sq, sq.Limit-len(hits))
		hits = append(hits, page...)
		return len(hits) == sq.Limit, err
	})
	if err != nil {
		return nil, err
	}
	if done || hi < oldest {
		return hits, nil
	}
	page, err := newestPage(ctx, db, q, qargs, `s.day <= ? AND `+matching(q, sq.HoldEvents)+paired,
		append(append([]any{hi}, qargs...), pargs...), sq, sq.Limit-len(hits))
	return append(hits, page...), err
}

// newestPage reads up to limit hits of sq among the sentences s that
// where, with its arguments wargs, selects (conditions on s alone),
// newest first, and marks the matches of the tsquery q, with its
// arguments qargs, in their text. The newest are chosen by their day of
// publication, a column of the sentences (migration 0290), every
// sentence of the last day chosen kept (WITH TIES), before their articles
// are read to sort them within their days: joined first, each match
// probed its article before the sort, a month of matches for the first
// span of a common word (on bench scale's store of a million events,
// "envoy": 4,881 articles probed for a page of 51, 34 ms, where the day
// first probed 122 in 15 ms, warm). A search whose conditions are on
// the articles too (OnArticles) joins them first.
func newestPage(ctx context.Context, db sqlscan.Querier, q string, qargs []any, where string, wargs []any,
	sq sqlstore.SentenceQuery, limit int) ([]detente.SentenceHit, error) {
	if sq.OnArticles {
		return sentencePage(ctx, db, q, qargs, `sentences s JOIN articles a ON a.id = s.article_id WHERE `+where, wargs,
			fromMatches, sq, limit)
	}
	newest := `(SELECT s.article_id, s.idx, s.text, s.start_byte, s.end_byte, s.day FROM sentences s WHERE ` + where + sq.Where +
		` ORDER BY s.day DESC FETCH FIRST ? ROWS WITH TIES) s JOIN articles a ON a.id = s.article_id`
	args := append(append(slices.Clip(wargs), sq.Args...), limit)
	sq.Where, sq.Args = "", nil
	return sentencePage(ctx, db, q, qargs, newest, args, "s.day DESC, a.published DESC", sq, limit)
}

// denseWalk is the rows of a dense search of the tsquery q: articles a
// newest first, each with its sentences s that match q, looked up by the
// article. The fence (OFFSET 0) keeps them a lookup of each article's:
// joined, the planner read every sentence that matches the words once,
// for the whole walk, where it estimated them few (3 M events, two words
// of 22,512 estimated matches: 6.5 s, where the walk looked up 2,517
// articles' sentences in 41 ms).
func denseWalk(q string) string {
	return `articles a CROSS JOIN LATERAL (SELECT * FROM sentences s WHERE s.article_id = a.id AND s.tsv @@ ` + q + ` OFFSET 0) s WHERE true`
}

// days returns the days of publication (publication_day) of the newest
// and the oldest articles within w, not ok when there is none.
func days(ctx context.Context, db sqlscan.Querier, w sqlstore.Window) (newest, oldest int, ok bool, err error) {
	var from, to any
	if !w.From.IsZero() {
		from = w.From.UTC()
	}
	if !w.To.IsZero() {
		to = w.To.UTC()
	}
	rows, err := sqlscan.Query(ctx, db, func(sc sqlscan.Scanner) ([2]sql.NullInt32, error) {
		var d [2]sql.NullInt32
		return d, sc.Scan(&d[0], &d[1])
	}, `SELECT publication_day(least(max(published), ?::timestamptz)), publication_day(greatest(min(published), ?::timestamptz))
		FROM articles`, to, from)
	if err != nil || len(rows) != 1 || !rows[0][0].Valid {
		return 0, 0, false, err
	}
	return int(rows[0][0].Int32), int(rows[0][1].Int32), true, nil
}

// sentencePage reads up to limit hits of sq from the sentences s of
// articles a that from selects, with its arguments fargs, sorted by
// newest, the order of publication, newest first, by which it is read
// (then by article ID and index), and marks the
// matches of the tsquery q, with its arguments qargs, in their text.
func sentencePage(ctx context.Context, db sqlscan.Querier, q string, qargs []any, from string, fargs []any, newest string,
	sq sqlstore.SentenceQuery, limit int) ([]detente.SentenceHit, error) {
	args := append(append(append(append([]any(nil), qargs...), fargs...), sq.Args...), limit)
	return sqlscan.Query(ctx, db, sentenceHit, `SELECT h.article_id, h.idx, h.text, h.start_byte, h.end_byte,
		h.title, h.url, h.site, h.story_id, h.published,
		ts_headline('simple', h.text, `+q+`, 'StartSel="[[", StopSel="]]", HighlightAll=true')
		FROM (SELECT s.article_id, s.idx, s.text, s.start_byte, s.end_byte, a.title, a.url, a.site, a.story_id, a.published
			FROM `+from+sq.Where+` ORDER BY `+newest+`, a.id DESC, s.idx LIMIT ?) h
		ORDER BY h.published DESC, h.article_id DESC, h.idx`, args...)
}

// sentenceHit scans a row of Sentences.
func sentenceHit(sc sqlscan.Scanner) (detente.SentenceHit, error) {
	var h detente.SentenceHit
	sn := &h.Sentence
	err := sc.Scan(&sn.ArticleID, &sn.Index, &sn.Text, &sn.Start, &sn.End, &h.Title, &h.URL,
		&h.Site, &h.StoryID, &h.Date, &h.Snippet)
	h.Date = h.Date.UTC()
	return h, err
}

package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/searchq"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqltext"
)

// Plan is how a page of events (or of articles) is read.
type Plan int

const (
	// ByID is a page without search: its IDs chosen from indexes, then
	// its rows read.
	ByID Plan = iota
	// WalkByDay is a page of a common search: events walked by day (or
	// articles by publication), each checked against the matches.
	WalkByDay
	// LookUp is a page of a search most sentences (or articles) match:
	// events walked by day (articles by publication), each looked up in
	// the full-text index (Search.VeryDense).
	LookUp
	// FromSearch is a page of a rare search: the matching sentences
	// first, then their events sorted.
	FromSearch
)

// DenseMatches is the number of matching sentences from which a search is
// dense on a database that does not weigh it by its size (Search.DenseAt):
// walking events (or articles) in order and checking each against the
// matches fills a page sooner than reading every match and sorting.
const DenseMatches = 20000

// either returns the condition that a row of events is of the undirected
// pair of a and b, either way, with its arguments (Dialect.Pair).
func (s *Store) either(a, b string) (string, []any) {
	if s.d.Pair != "" {
		return "(" + s.d.Pair + ")", []any{a, b, a, b}
	}
	return "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))", []any{a, b, b, a}
}

// eventWhere returns the SQL condition and arguments that select the events
// of f, ignoring its cursor and limit, for a page read with plan p.
func (s *Store) eventWhere(f detente.EventFilter, p Plan) (string, []any, error) {
	if err := f.Validate(); err != nil {
		return "", nil, err
	}
	var (
		conds []string
		args  []any
	)
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if !f.Uncounted {
		add("counted = " + s.d.True)
	}
	if f.Source != "" {
		add("source_country = ?", f.Source)
	}
	if f.Target != "" {
		add("target_country = ?", f.Target)
	}
	if f.Pair[0] != "" {
		cond, pargs := s.either(f.Pair[0], f.Pair[1])
		add(cond, pargs...)
	}
	if f.Agent != "" {
		add("(source_agent = ? OR target_agent = ?)", f.Agent, f.Agent)
	}
	if f.Code != "" {
		add("code = ?", f.Code)
	}
	if f.Root != "" {
		add("root = ?", f.Root)
	}
	if f.Quad != 0 {
		add("quad = ?", int(f.Quad))
	}
	if !f.From.IsZero() {
		add("day >= ?", day(f.From))
	}
	if !f.To.IsZero() {
		add("day <= ?", day(f.To))
	}
	if f.ArticleID != "" {
		add("article_id = ?", f.ArticleID)
	}
	if f.StoryID != "" {
		add("story_id = ?", f.StoryID)
	}
	if f.Query != "" {
		cond, qargs, err := s.d.Search.Events(f.Query, p)
		if err != nil {
			return "", nil, err
		}
		add(cond, qargs...)
	}
	if len(conds) == 0 {
		return s.d.True, nil, nil
	}
	return strings.Join(conds, " AND "), args, nil
}

// Event returns the event with the given ID, or an ENOTFOUND error.
func (s *Store) Event(ctx context.Context, id string) (detente.Event, error) {
	if !detente.ValidText(id) {
		return detente.Event{}, detente.Errorf(detente.ENOTFOUND, "event %q not found", id)
	}
	e, err := sqlscan.Event(s.read.QueryRowContext(ctx, `SELECT `+s.d.EventColumns+` FROM events WHERE id = ?`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return e, detente.Errorf(detente.ENOTFOUND, "event %q not found", id)
	case err != nil:
		return e, fmt.Errorf("event %s: %w", id, err)
	}
	return e, nil
}

// EventsByID returns the stored events of ids in the order of ids, each
// once, in one query per list of IDs rather than one an event (an alert's
// page read its twenty events one by one); IDs of no stored event are left
// out.
func (s *Store) EventsByID(ctx context.Context, ids []string) ([]detente.Event, error) {
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !detente.ValidText(id) })
	byID := make(map[string]detente.Event, len(ids))
	err := inLists(s.d, "id", "text", ids, func(in string, args []any) error {
		evs, err := sqlscan.Query(ctx, s.read, sqlscan.Event, `SELECT `+s.d.EventColumns+` FROM events WHERE `+in, args...)
		for _, e := range evs {
			byID[e.ID] = e
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("events of %d IDs: %w", len(ids), err)
	}
	out := make([]detente.Event, 0, len(byID))
	for _, id := range ids {
		if e, ok := byID[id]; ok {
			out = append(out, e)
			delete(byID, id)
		}
	}
	return out, nil
}

// Events returns one page of the events f selects, newest first (by day,
// then by ID descending), and the cursor of the next page.
func (s *Store) Events(ctx context.Context, f detente.EventFilter) (detente.EventPage, error) {
	var page detente.EventPage
	n, err := detente.PageSize(f.Limit)
	if err != nil {
		return page, err
	}
	where, args, plan, err := s.eventPage(ctx, f, n+1)
	if err != nil {
		return page, err
	}
	evs, err := sqlscan.Query(ctx, s.read, sqlscan.Event, s.d.Search.EventPage(where, "DESC", plan), append(args, n+1)...)
	if err != nil {
		return page, fmt.Errorf("events: %w", err)
	}
	page.Events, page.Next = sqlscan.Page(evs, n, func(e detente.Event) (string, string) {
		return day(e.Date), e.ID
	})
	return page, nil
}

// NewestDay returns the day of the newest counted event, zero when there
// is none (detente.Reader): the server's pages and tension reads that are
// not given a day end on it. Asked as a page of one event, it was planned
// anew at each call: on PostgreSQL at a million events, under load, 0.95
// ms a call, 4 % of the statement time; this is read off the end of the
// index of counted events by day.
func (s *Store) NewestDay(ctx context.Context) (time.Time, error) {
	var newest sqlscan.Time
	if err := s.read.QueryRowContext(ctx, `SELECT MAX(day) FROM events WHERE counted = `+s.d.True).Scan(&newest); err != nil {
		return time.Time{}, fmt.Errorf("newest day: %w", err)
	}
	if newest.Null() {
		return time.Time{}, nil
	}
	d, err := newest.Day()
	if err != nil {
		return time.Time{}, fmt.Errorf("newest day: %w", err)
	}
	return d, nil
}

// pageWindow is the range of days a page of f's events can hold: f's
// dates, ending at the cursor c when it has one.
func pageWindow(f detente.EventFilter, c sqlscan.Cursor) Window {
	w := Window{From: f.From, To: f.To}
	if f.Cursor != "" && (w.To.IsZero() || c.Time.Before(w.To)) {
		w.To = c.Time
	}
	return w
}

// eventPage returns the condition and arguments that select the events
// of a page of limit events of f from its cursor, and the plan to read it
// with. A search narrowed by dates alone reads only the matches that can
// be on the page where the database can tell them (Search.NewestEvents).
func (s *Store) eventPage(ctx context.Context, f detente.EventFilter, limit int) (string, []any, Plan, error) {
	var (
		c     sqlscan.Cursor
		after string
		aargs []any
	)
	if f.Cursor != "" {
		var err error
		if c, err = sqlscan.DecodeCursor(f.Cursor, sqlscan.DayLayout); err != nil {
			return "", nil, ByID, err
		}
		after = " AND (day, id) < (" + s.d.DayArg + ", ?)"
		aargs = []any{day(c.Time), c.ID}
	}
	if f.Query != "" && (loose(f) || s.pairTerms(f)) {
		query := f.Query
		f.Query = ""
		where, args, err := s.eventWhere(f, FromSearch)
		if err != nil {
			return "", nil, ByID, err
		}
		where, args = where+after, append(args, aargs...)
		var pair [2]string
		if s.pairTerms(f) {
			pair = f.Pair
		}
		cond, cargs, ok, err := s.d.Search.NewestEvents(ctx, s.read, query, pair, pageWindow(f, c), where, args, limit)
		if err != nil {
			return "", nil, ByID, fmt.Errorf("newest matches of %q: %w", query, err)
		}
		if ok {
			return where + " AND " + cond, append(args, cargs...), FromSearch, nil
		}
		f.Query = query
	}
	if f.Query != "" && few(f) && s.d.Search.ReadsNewest() {
		where, args, plan, ok, err := s.filteredPage(ctx, f, c, after, aargs, limit)
		if err != nil || ok {
			return where, args, plan, err
		}
	}
	plan, err := s.plan(ctx, f, limit)
	if err != nil {
		return "", nil, ByID, err
	}
	where, args, err := s.eventWhere(f, plan)
	return where + after, append(args, aargs...), plan, err
}

// filteredPage returns the condition and arguments that select the events
// of a page of limit events of f, a dense search narrowed by a filter of
// fewer than SelectiveEvents events (few), and its plan: each event's
// sentence looked up in the full-text index (Search.LooksUp), or the
// newest matches that hold such an event walked until they hold the page
// (Search.FilteredEvents). Not ok when the search is not dense, the
// filter selects more events, or the database cannot walk the matches
// so: then the caller plans. Either way the page costs about the
// filter's events, not every match gathered (bench scale, 1,000,000
// events: a pair and a common word took up to 1.1 s).
func (s *Store) filteredPage(ctx context.Context, f detente.EventFilter, c sqlscan.Cursor, after string, aargs []any,
	limit int) (string, []any, Plan, bool, error) {
	dense, err := s.dense(ctx, f.Query, limit)
	if err != nil || !dense {
		return "", nil, ByID, false, err
	}
	query := f.Query
	f.Query = ""
	where, args, err := s.eventWhere(f, ByID)
	if err != nil {
		return "", nil, ByID, false, err
	}
	many, err := s.atLeast(ctx, `SELECT 1 FROM events WHERE `+where, args, SelectiveEvents)
	if err != nil || many {
		return "", nil, ByID, false, err
	}
	look, err := s.d.Search.LooksUp(ctx, s.read, query, where, args, limit)
	if err != nil {
		return "", nil, ByID, false, fmt.Errorf("count events of the filter: %w", err)
	}
	if look {
		f.Query = query
		where, args, err := s.eventWhere(f, LookUp)
		return where + after, append(args, aargs...), LookUp, true, err
	}
	where, args = where+after, append(args, aargs...)
	cond, cargs, ok, err := s.d.Search.FilteredEvents(ctx, s.read, query, pageWindow(f, c), where, args, limit)
	if err != nil {
		return "", nil, ByID, false, fmt.Errorf("newest matches of %q: %w", query, err)
	}
	return where + " AND " + cond, append(args, cargs...), FromSearch, ok, nil
}

// TopEvents returns the n most reported of the newest f.Limit events f
// selects (default 50, at most 1000): most sources first, then the
// strongest Goldstein score, then the newest. Only the n chosen are read
// whole; the others are ranked from the index columns.
func (s *Store) TopEvents(ctx context.Context, f detente.EventFilter, n int) ([]detente.Event, error) {
	limit, err := detente.PageSize(f.Limit)
	if err != nil {
		return nil, err
	}
	if n < 1 || n > limit {
		return nil, detente.Errorf(detente.EINVALID, "top %d events: want 1 to %d", n, limit)
	}
	if f.Query != "" || f.Cursor != "" {
		return nil, detente.Errorf(detente.EINVALID, "top events: no search or cursor")
	}
	// A pair's events are those of its two directions, each read newest
	// first from its own range of the pair index, as many as the
	// candidates: asked at once, the two ranges' every event would be
	// looked up before the newest were chosen.
	parts := []detente.EventFilter{f}
	if f.Pair[0] != "" && f.Source == "" && f.Target == "" {
		there, back := f, f
		there.Pair, back.Pair = [2]string{}, [2]string{}
		there.Source, there.Target = f.Pair[0], f.Pair[1]
		back.Source, back.Target = f.Pair[1], f.Pair[0]
		parts = []detente.EventFilter{there, back}
	}
	var (
		branches []string
		args     []any
	)
	for i, part := range parts {
		where, wargs, err := s.eventWhere(part, ByID)
		if err != nil {
			return nil, err
		}
		branches = append(branches, fmt.Sprintf(`SELECT * FROM (SELECT id, day, num_sources, goldstein FROM events WHERE %s
			ORDER BY day DESC, id DESC LIMIT ?) b%d`, where, i))
		args = append(append(args, wargs...), limit)
	}
	evs, err := sqlscan.Query(ctx, s.read, sqlscan.Event, `SELECT `+s.d.EventColumns+` FROM events WHERE id IN (
		SELECT id FROM (SELECT id, day, num_sources, goldstein FROM (`+strings.Join(branches, " UNION ALL ")+`) u
			ORDER BY day DESC, id DESC LIMIT ?) c
		ORDER BY num_sources DESC, abs(goldstein) DESC, day DESC, id DESC LIMIT ?)`, append(args, limit, n)...)
	if err != nil {
		return nil, fmt.Errorf("top events: %w", err)
	}
	slices.SortFunc(evs, func(a, b detente.Event) int {
		return cmp.Or(cmp.Compare(b.NumSources, a.NumSources), cmp.Compare(math.Abs(b.Goldstein), math.Abs(a.Goldstein)),
			b.Date.Compare(a.Date), strings.Compare(b.ID, a.ID))
	})
	return evs, nil
}

// eachPage is how many events EachEvent reads per query: no connection is
// held while fn runs.
const eachPage = 1000

// EachEvent calls fn for every event f selects, oldest first (by day, then
// ID), ignoring f.Cursor and f.Limit. It reads in pages, so memory stays flat
// and fn may take its time; it stops at fn's first error and returns it.
func (s *Store) EachEvent(ctx context.Context, f detente.EventFilter, fn func(detente.Event) error) error {
	plan, err := s.plan(ctx, f, eachPage)
	if err != nil {
		return err
	}
	where, args, err := s.eventWhere(f, plan)
	if err != nil {
		return err
	}
	var last *detente.Event
	for {
		q, a := where, append([]any(nil), args...)
		if last != nil {
			q += " AND (day, id) > (" + s.d.DayArg + ", ?)"
			a = append(a, day(last.Date), last.ID)
		}
		evs, err := sqlscan.Query(ctx, s.read, sqlscan.Event, s.d.Search.EventPage(q, "ASC", plan), append(a, eachPage)...)
		if err != nil {
			return fmt.Errorf("each event: %w", err)
		}
		for _, e := range evs {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(evs) < eachPage {
			return nil
		}
		last = &evs[len(evs)-1]
	}
}

// plan returns the plan of a page of limit events of f with the user's
// search f.Query: the planners' guesses about how many sentences a search
// matches are too rough to leave the choice to them. Events are looked up
// one by one (LookUp) only when no other filter than dates narrows them:
// with one, the walk would look up every event it keeps, not stopping at
// the page.
func (s *Store) plan(ctx context.Context, f detente.EventFilter, limit int) (Plan, error) {
	if f.Query == "" {
		return ByID, nil
	}
	dense, err := s.dense(ctx, f.Query, limit)
	switch {
	case err != nil:
		return ByID, err
	case !dense:
		return FromSearch, nil
	case narrowed(f) || f.ArticleID != "" || f.StoryID != "":
		return WalkByDay, nil
	}
	very, err := s.d.Search.VeryDense(ctx, s.read, f.Query, limit)
	switch {
	case err != nil:
		return ByID, fmt.Errorf("count matches of %q: %w", f.Query, err)
	case very:
		return LookUp, nil
	}
	return WalkByDay, nil
}

// loose reports whether f narrows a search by dates alone: a filter of
// actors or kinds may keep few of the newest matches' events, and the
// page is found sooner from its events (bench scale, 100,000 events: a
// pair's page from the newest matches took 1.3–3× as long).
func loose(f detente.EventFilter) bool {
	return !narrowed(f) && f.ArticleID == "" && f.StoryID == ""
}

// pairTerms reports whether f narrows a search to a pair whose matches
// the full-text index holds with its words (Search.HoldsPairs), and by
// no article or story.
func (s *Store) pairTerms(f detente.EventFilter) bool {
	return f.Pair[0] != "" && f.ArticleID == "" && f.StoryID == "" && s.d.Search.HoldsPairs()
}

// few reports whether f narrows a search by a filter with an index of
// its own (a pair, a source, a target or a code), which can be counted,
// and by no article or story.
func few(f detente.EventFilter) bool {
	return (f.Pair[0] != "" || f.Source != "" || f.Target != "" || f.Code != "") && f.ArticleID == "" && f.StoryID == ""
}

// narrowed reports whether f keeps only events of certain actors or
// kinds.
func narrowed(f detente.EventFilter) bool {
	return f.Source != "" || f.Target != "" || f.Pair[0] != "" || f.Agent != "" || f.Code != "" || f.Root != "" || f.Quad != 0
}

// dense reports whether query, a user's search ("" for none), matches
// enough sentences to be dense for a page of limit (Search.DenseAt).
func (s *Store) dense(ctx context.Context, query string, limit int) (bool, error) {
	_, dense, err := s.matches(ctx, query, limit)
	return dense, err
}

// matches returns how many sentences query, a user's search ("" for
// none), matches, counted up to the number from which it is dense for a
// page of limit (Search.DenseAt), or estimated (Dialect.Estimate) without
// that bound, as an estimate costs the same whatever it is; and whether
// it is dense.
func (s *Store) matches(ctx context.Context, query string, limit int) (int, bool, error) {
	if query == "" {
		return 0, false, nil
	}
	matches, args, err := s.d.Search.Matches(query)
	if err != nil {
		return 0, false, err
	}
	at, err := s.d.Search.DenseAt(ctx, s.read, limit)
	if err != nil {
		return 0, false, fmt.Errorf("count sentences: %w", err)
	}
	bound := at
	if s.d.Estimate != nil {
		bound = math.MaxInt32
	}
	m, err := s.upTo(ctx, matches, args, bound)
	if err != nil {
		return 0, false, fmt.Errorf("count matches of %q: %w", query, err)
	}
	return m, m >= at, nil
}

// atLeast reports whether query, with its arguments, selects at least n
// rows, reading no more than n.
func (s *Store) atLeast(ctx context.Context, query string, args []any, n int) (bool, error) {
	got, err := s.upTo(ctx, query, args, n)
	return got >= n, err
}

// upTo returns how many rows query, with its arguments, selects, counting
// no more than n, or as many as the database estimates, no more than n
// (Dialect.Estimate). The counts only choose plans, each of which finds
// the same rows, so one is kept until the tension tables change, as they
// do when events are written: the next page of a search, and a word or a
// pair searched again, ask the same (kept).
func (s *Store) upTo(ctx context.Context, query string, args []any, n int) (int, error) {
	rev, err := s.tensionRevision(ctx)
	if err != nil {
		return 0, err
	}
	return s.counts.get(rev, fmt.Sprintf("%q %q %d", query, args, n), func() (int, error) {
		// Others may wait for this count: it is not the asking request's
		// to cancel.
		ctx := context.WithoutCancel(ctx)
		if s.d.Estimate != nil {
			got, err := s.d.Estimate(ctx, s.read, query, args)
			return min(got, n), err
		}
		return CountUpTo(ctx, s.read, query, args, n)
	})
}

// keptCounts bounds the counts kept at one revision (upTo): a few hundred
// bytes each.
const keptCounts = 4096

// SearchSentences returns up to size sentences (default 50, at most 1000)
// that match query (every word, case-insensitive), newest article first,
// with the matches marked by [[ and ]]. f narrows the search: From, To,
// ArticleID and StoryID by the sentence's article; Source, Target, Pair,
// Agent, Code, Root and Quad to sentences holding such an event (counted
// unless f.Uncounted). f.Query, f.Cursor and f.Limit are ignored.
func (s *Store) SearchSentences(ctx context.Context, query string, f detente.EventFilter, size int) ([]detente.SentenceHit, error) {
	n, err := detente.PageSize(size)
	if err != nil {
		return nil, err
	}
	if _, _, err := s.d.Search.Matches(query); err != nil {
		return nil, err
	}
	conds, args, ev, err := s.sentenceConds(f)
	if err != nil {
		return nil, err
	}
	onArticles, _ := s.articleConds("a.", f.From, f.To, f.StoryID)
	sq := SentenceQuery{Query: query, Where: conds, Args: args, Limit: n, Window: Window{From: f.From, To: f.To}, HoldEvents: narrowed(f),
		OnArticles: onArticles != ""}
	if s.pairTerms(f) {
		// The matches of the words and the pair are read together: there
		// is nothing to weigh.
		sq.Pair = f.Pair
		econd, eargs := ev.sentences()
		sq.Where, sq.Args = conds+econd, append(args, eargs...)
		hits, err := s.d.Search.Sentences(ctx, s.read, sq)
		if err != nil {
			return nil, fmt.Errorf("search sentences %q: %w", query, err)
		}
		return hits, nil
	}
	if loose(f) && s.d.Search.ReadsNewest() {
		cond, cargs, ok, err := s.d.Search.NewestSentences(ctx, s.read, query, Window{From: f.From, To: f.To}, conds, args, n)
		if err != nil {
			return nil, fmt.Errorf("newest matches of %q: %w", query, err)
		}
		if ok {
			sq.Match, sq.MatchArgs = cond, cargs
		}
	}
	m := 0
	if sq.Match == "" {
		if m, sq.Dense, err = s.matches(ctx, query, n); err != nil {
			return nil, err
		}
		sq.Matches = m
	}
	// A search of the sentences of few events starts from them: each
	// looked up (a dense search, few events), or the newest matches
	// walked against them, rather than every match gathered. A rare
	// search of many more events than matches starts from its matches
	// and checks each for such an event.
	if m > 0 && few(f) {
		if err := s.countEvents(ctx, &ev); err != nil {
			return nil, err
		}
	}
	if ev.selective && (sq.Dense || ev.n < eventsPerMatch*m) {
		if sq.Dense {
			if sq.VeryDense, err = s.d.Search.LooksUp(ctx, s.read, query, ev.where, ev.args, n); err != nil {
				return nil, fmt.Errorf("count events of the filter: %w", err)
			}
		}
		if !sq.VeryDense {
			cond, cargs, ok, err := s.d.Search.FilteredSentences(ctx, s.read, query, Window{From: f.From, To: f.To},
				ev.where, ev.args, n)
			if err != nil {
				return nil, fmt.Errorf("newest matches of %q: %w", query, err)
			}
			if ok {
				sq.Match, sq.MatchArgs, sq.Dense = cond, cargs, false
			}
		}
	}
	if sq.Match == "" {
		ev.selective = ev.selective && sq.Dense
		econd, eargs := ev.sentences()
		sq.Where, sq.Args = conds+econd, append(args, eargs...)
	}
	// Sentences of certain events are fewer than the matches: walking
	// them, each lookup would find less.
	if sq.Dense && !narrowed(f) {
		if sq.VeryDense, err = s.d.Search.VeryDense(ctx, s.read, query, n); err != nil {
			return nil, fmt.Errorf("count matches of %q: %w", query, err)
		}
	}
	hits, err := s.d.Search.Sentences(ctx, s.read, sq)
	if err != nil {
		return nil, fmt.Errorf("search sentences %q: %w", query, err)
	}
	return hits, nil
}

// CountSentences returns how many sentences SearchSentences would find
// for query and f with no bound on their number, counting up to limit
// (at most 1000): what a page needs to say how many more there are,
// without reading and marking them. A count is kept until articles are
// written (Dialect.StoredArticles): every page of a filtered search says
// how many sentences its words match without the filter, and counting up
// to 1,000 of them reads as many rows (PostgreSQL, bench scale's store of
// a million events, under 64 clients: 24-54 ms a count on average, 14 %
// of the statement time; one client paging through such searches, the
// pages after the first took 15-16 ms instead of 23-26, at the median).
func (s *Store) CountSentences(ctx context.Context, query string, f detente.EventFilter, limit int) (int, error) {
	n, err := detente.PageSize(limit)
	if err != nil {
		return 0, err
	}
	match, margs, err := s.d.Search.Sentence(query)
	if err != nil {
		return 0, err
	}
	where, args, err := s.sentenceWhere(ctx, f)
	if err != nil {
		return 0, err
	}
	var stored int64
	if err := s.read.QueryRowContext(ctx, s.d.StoredArticles).Scan(&stored); err != nil {
		return 0, fmt.Errorf("count sentences %q: stored articles: %w", query, err)
	}
	count, err := s.matchCounts.get(stored, fmt.Sprintf("%q %q %#v %d", query, where, args, n), func() (int, error) {
		// Others may wait for this count: it is not the asking request's
		// to cancel.
		ctx := context.WithoutCancel(ctx)
		if where == "" {
			// Without conditions on articles or events the full-text
			// index alone counts.
			return s.d.Search.CountMatches(ctx, s.read, query, n)
		}
		return CountUpTo(ctx, s.read, `SELECT 1 FROM sentences s JOIN articles a ON a.id = s.article_id WHERE `+match+where,
			append(margs, args...), n)
	})
	if err != nil {
		return 0, fmt.Errorf("count sentences %q: %w", query, err)
	}
	return count, nil
}

// ParseSearch reads a user's search (internal/searchq's syntax, of its
// plain text); a search it cannot read is EINVALID.
func ParseSearch(q string) (searchq.Query, error) {
	pq, err := searchq.Parse(sqltext.Plain(q))
	if err != nil {
		return pq, detente.Errorf(detente.EINVALID, "%v", err)
	}
	return pq, nil
}

// UpTo returns the statement that counts the rows query selects, no more
// than its last argument.
func UpTo(query string) string { return `SELECT count(*) FROM (` + query + ` LIMIT ?) m` }

// CountUpTo returns how many rows query, with its arguments, selects on
// db, counting no more than n.
func CountUpTo(ctx context.Context, db sqlscan.Querier, query string, args []any, n int) (int, error) {
	got, err := sqlscan.Query(ctx, db, sqlscan.Int, UpTo(query), append(slices.Clip(args), n)...)
	if err != nil {
		return 0, err
	}
	if len(got) != 1 {
		return 0, fmt.Errorf("count: %d rows", len(got))
	}
	return got[0], nil
}

// SentenceQuery is a search of sentences s of articles a.
type SentenceQuery struct {
	Query string // the user's search
	Where string // conditions on s and a, each starting with " AND ", after the match
	Args  []any  // Where's arguments
	Limit int    // how many sentences at most
	// Window is the days of publication that Where narrows a to, which
	// a database reading its matches by time need not read beyond.
	Window Window
	// OnArticles says that Where has conditions on the articles a (their
	// dates or story): without them, it is of the sentences s alone.
	OnArticles bool
	Dense      bool // Query matches at least DenseAt sentences
	// Matches is how many sentences Query matches, counted up to DenseAt
	// or estimated (Store.matches); 0 when not asked (Pair, Match).
	Matches int
	// HoldEvents says that Where keeps only sentences that hold an event
	// (an event filter): a database may find the matches among those.
	HoldEvents bool
	// Pair, when set (Search.HoldsPairs), says that Where keeps only
	// sentences that hold an event of that pair: the database reads the
	// matches of the words and the pair together, and Dense and
	// VeryDense are not set.
	Pair [2]string
	// VeryDense says that looking sentences up is cheaper than gathering
	// the matches: Where has no event condition (Search.VeryDense), or
	// one of so few events that the search starts from them
	// (Search.LooksUp).
	VeryDense bool
	// Match, when set, is the condition that s matches Query, with its
	// arguments MatchArgs (from Search.NewestSentences or
	// Search.FilteredSentences), and Dense and VeryDense are not set.
	Match     string
	MatchArgs []any
}

// SelectiveEvents is the number of events under which an event filter of
// a sentence search (a pair, a source, a target or a code) is selective:
// starting from its events finds the sentences sooner than walking the
// search's matches and looking for such an event at each.
const SelectiveEvents = 50000

// sentenceWhere returns the extra conditions (each starting with " AND ")
// that f puts on sentences s of articles a.
func (s *Store) sentenceWhere(ctx context.Context, f detente.EventFilter) (string, []any, error) {
	where, args, ev, err := s.sentenceConds(f)
	if err != nil {
		return "", nil, err
	}
	if err := s.countEvents(ctx, &ev); err != nil {
		return "", nil, err
	}
	cond, cargs := ev.sentences()
	return where + cond, append(args, cargs...), nil
}

// eventCond is the condition that f puts on the events of a sentence
// search.
type eventCond struct {
	where string // on events, "" for none
	args  []any
	// counted says that where is a filter with an index of its own;
	// once counted (countEvents), n is how many events it selects, up to
	// SelectiveEvents, and selective that they are fewer.
	counted, selective bool
	n                  int
}

// sentences returns the condition, starting with " AND ", that a
// sentence s holds an event of c.
func (c eventCond) sentences() (string, []any) {
	switch {
	case c.where == "":
		return "", nil
	case c.selective:
		return " AND (s.article_id, s.idx) IN (SELECT article_id, sentence_idx FROM events WHERE " + c.where + ")", c.args
	}
	return " AND EXISTS (SELECT 1 FROM events WHERE events.article_id = s.article_id AND events.sentence_idx = s.idx AND " +
		c.where + ")", c.args
}

// sentenceConds returns the conditions (each starting with " AND ") that
// f puts on the articles a of sentences s, and the one it puts on their
// events.
func (s *Store) sentenceConds(f detente.EventFilter) (string, []any, eventCond, error) {
	f.Query = ""
	if err := f.Validate(); err != nil {
		return "", nil, eventCond{}, err
	}
	where, args := s.articleConds("a.", f.From, f.To, f.StoryID)
	var ev eventCond
	if f.ArticleID != "" {
		where += " AND s.article_id = ?"
		args = append(args, f.ArticleID)
	}
	if narrowed(f) {
		var err error
		ev.where, ev.args, err = s.eventWhere(detente.EventFilter{Source: f.Source, Target: f.Target, Pair: f.Pair,
			Agent: f.Agent, Code: f.Code, Root: f.Root, Quad: f.Quad, Uncounted: f.Uncounted}, ByID)
		if err != nil {
			return "", nil, eventCond{}, err
		}
		ev.counted = f.Pair[0] != "" || f.Source != "" || f.Target != "" || f.Code != ""
	}
	return where, args, ev, nil
}

// articleConds returns the conditions (each starting with " AND ") that
// the days from and to (zero for none) and a story ("" for none) put on
// articles, their columns named with prefix ("a." for articles a).
func (s *Store) articleConds(prefix string, from, to time.Time, story string) (string, []any) {
	var (
		where string
		args  []any
	)
	if !from.IsZero() {
		where += " AND " + prefix + "published >= ?"
		args = append(args, s.d.Time(startOfDay(from)))
	}
	if !to.IsZero() {
		where += " AND " + prefix + "published < ?"
		args = append(args, s.d.Time(startOfDay(to).AddDate(0, 0, 1)))
	}
	if story != "" {
		where += " AND " + prefix + "story_id = ?"
		args = append(args, story)
	}
	return where, args
}

// countEvents sets ev.selective. Only filters with an index of their own
// are counted: the count of another could read every event.
func (s *Store) countEvents(ctx context.Context, ev *eventCond) error {
	if !ev.counted {
		return nil
	}
	var err error
	if ev.n, err = s.upTo(ctx, `SELECT 1 FROM events WHERE `+ev.where, ev.args, SelectiveEvents); err != nil {
		return fmt.Errorf("count events of the filter: %w", err)
	}
	ev.selective = ev.n < SelectiveEvents
	return nil
}

// eventsPerMatch is how many sentences of a filter's events SQLite
// gathers in the time it checks one match of a rare search for such an
// event: about 0.8 µs against 20–60 µs (bench scale, 1,000,000 events).
// A rare search of fewer events than that many times its matches walks
// its matches against them.
const eventsPerMatch = 30

package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// selectEvents reads sqlscan.EventColumns, with the JSON mediators as text.
var selectEvents = `SELECT ` + strings.Replace(sqlscan.EventColumns, "mediators", "mediators::text", 1) + ` FROM events`

// eventWhere returns the SQL condition that selects the events of f,
// ignoring its cursor and limit, with its arguments added to a.
func eventWhere(f detente.EventFilter, a *args) (string, error) {
	if err := f.Validate(); err != nil {
		return "", err
	}
	var conds []string
	add := func(cond string) { conds = append(conds, cond) }
	if !f.Uncounted {
		add("counted")
	}
	if f.Source != "" {
		add("source_country = " + a.add(f.Source))
	}
	if f.Target != "" {
		add("target_country = " + a.add(f.Target))
	}
	if f.Pair[0] != "" {
		p, q := a.add(f.Pair[0]), a.add(f.Pair[1])
		add("((source_country = " + p + " AND target_country = " + q + ") OR (source_country = " + q +
			" AND target_country = " + p + "))")
	}
	if f.Agent != "" {
		p := a.add(f.Agent)
		add("(source_agent = " + p + " OR target_agent = " + p + ")")
	}
	if f.Code != "" {
		add("code = " + a.add(f.Code))
	}
	if f.Root != "" {
		add("root = " + a.add(f.Root))
	}
	if f.Quad != 0 {
		add("quad = " + a.add(int(f.Quad)))
	}
	if !f.From.IsZero() {
		add("day >= " + a.add(startOfDay(f.From)))
	}
	if !f.To.IsZero() {
		add("day <= " + a.add(startOfDay(f.To)))
	}
	if f.ArticleID != "" {
		add("article_id = " + a.add(f.ArticleID))
	}
	if f.StoryID != "" {
		add("story_id = " + a.add(f.StoryID))
	}
	if f.Query != "" {
		q, err := tsQuery(f.Query, a.add)
		if err != nil {
			return "", err
		}
		// EXISTS leaves the planner free to start from the matches (a rare
		// word) or to check events in order against their sentence (a
		// common one).
		add("EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = events.article_id AND s.idx = events.sentence_idx AND s.tsv @@ " + q + ")")
	}
	if len(conds) == 0 {
		return "true", nil
	}
	return strings.Join(conds, " AND "), nil
}

// Event returns the event with the given ID, or an ENOTFOUND error.
func (s *Store) Event(ctx context.Context, id string) (detente.Event, error) {
	if !detente.ValidText(id) {
		return detente.Event{}, detente.Errorf(detente.ENOTFOUND, "event %q not found", id)
	}
	e, err := sqlscan.Event(s.db.QueryRowContext(ctx, selectEvents+` WHERE id = $1`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return e, detente.Errorf(detente.ENOTFOUND, "event %q not found", id)
	case err != nil:
		return e, fmt.Errorf("event %s: %w", id, err)
	}
	return e, nil
}

// Events returns one page of the events f selects, newest first (by day,
// then by ID descending), and the cursor of the next page.
func (s *Store) Events(ctx context.Context, f detente.EventFilter) (detente.EventPage, error) {
	var page detente.EventPage
	n, err := detente.PageSize(f.Limit)
	if err != nil {
		return page, err
	}
	var a args
	where, err := eventWhere(f, &a)
	if err != nil {
		return page, err
	}
	if f.Cursor != "" {
		c, err := sqlscan.DecodeCursor(f.Cursor, sqlscan.DayLayout)
		if err != nil {
			return page, err
		}
		where += " AND (day, id) < (" + a.add(c.Time) + "::date, " + a.add(c.ID) + ")"
	}
	plan, err := s.searchPlan(ctx, f.Query)
	if err != nil {
		return page, err
	}
	evs, err := sqlscan.Query(ctx, s.db, sqlscan.Event, pageQuery(where, "DESC", a.add(n+1), plan), a...)
	if err != nil {
		return page, fmt.Errorf("events: %w", err)
	}
	page.Events, page.Next = sqlscan.Page(evs, n, func(e detente.Event) (string, string) {
		return sqlscan.FormatDay(e.Date), e.ID
	})
	return page, nil
}

// plan is how a page of events is read.
type plan int

const (
	byID       plan = iota // no search: choose the page's IDs from indexes, then read its rows
	walkByDay              // a common search: walk events by day, checking each one's sentence
	fromSearch             // a rare search: start from the matching sentences, then sort
)

// searchPlan returns the plan for a page of events with the user's search
// query ("" for none): the planner's guesses about how many sentences a
// search matches are too rough to leave the choice to it.
func (s *Store) searchPlan(ctx context.Context, query string) (plan, error) {
	if query == "" {
		return byID, nil
	}
	var a args
	q, err := tsQuery(query, a.add)
	if err != nil {
		return byID, err
	}
	dense, err := s.dense(ctx, q, a)
	switch {
	case err != nil:
		return byID, err
	case dense:
		return walkByDay, nil
	}
	return fromSearch, nil
}

// pageQuery selects a page of the events where selects, sorted by day and
// ID in direction dir, at most size (a placeholder) of them, with plan p.
func pageQuery(where, dir, size string, p plan) string {
	order := " ORDER BY day " + dir + ", id " + dir
	switch p {
	case walkByDay:
		return selectEvents + ` WHERE ` + where + order + ` LIMIT ` + size
	case fromSearch:
		// Sorting on an expression keeps the planner off the day index.
		return selectEvents + ` WHERE ` + where + ` ORDER BY day + 0 ` + dir + `, id ` + dir + ` LIMIT ` + size
	}
	return selectEvents + ` WHERE id IN (SELECT id FROM events WHERE ` + where + order + ` LIMIT ` + size + `)` + order
}

// eachPage is how many events EachEvent reads per query: no connection is
// held while fn runs.
const eachPage = 1000

// EachEvent calls fn for every event f selects, oldest first (by day, then
// ID), ignoring f.Cursor and f.Limit. It reads in pages, so memory stays flat
// and fn may take its time; it stops at fn's first error and returns it.
func (s *Store) EachEvent(ctx context.Context, f detente.EventFilter, fn func(detente.Event) error) error {
	var base args
	where, err := eventWhere(f, &base)
	if err != nil {
		return err
	}
	plan, err := s.searchPlan(ctx, f.Query)
	if err != nil {
		return err
	}
	var last *detente.Event
	for {
		a := append(args(nil), base...)
		q := where
		if last != nil {
			q += " AND (day, id) > (" + a.add(startOfDay(last.Date)) + "::date, " + a.add(last.ID) + ")"
		}
		evs, err := sqlscan.Query(ctx, s.db, sqlscan.Event, pageQuery(q, "ASC", a.add(eachPage), plan), a...)
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

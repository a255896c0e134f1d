package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// eventWhere returns the SQL condition and arguments that select the events
// of f, ignoring its cursor and limit. dense says that f.Query matches many
// sentences (see dense).
func eventWhere(f detente.EventFilter, dense bool) (string, []any, error) {
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
		add("counted = 1")
	}
	if f.Source != "" {
		add("source_country = ?", f.Source)
	}
	if f.Target != "" {
		add("target_country = ?", f.Target)
	}
	if f.Pair[0] != "" {
		add("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))",
			f.Pair[0], f.Pair[1], f.Pair[1], f.Pair[0])
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
		add("day >= ?", sqlscan.FormatDay(f.From))
	}
	if !f.To.IsZero() {
		add("day <= ?", sqlscan.FormatDay(f.To))
	}
	if f.ArticleID != "" {
		add("article_id = ?", f.ArticleID)
	}
	if f.StoryID != "" {
		add("story_id = ?", f.StoryID)
	}
	if f.Query != "" {
		q, err := ftsQuery(f.Query)
		if err != nil {
			return "", nil, err
		}
		col := "sentence_id"
		if dense {
			col = "+sentence_id" // walk events by day; do not start from the matches
		}
		add(col+` IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`, q)
	}
	if len(conds) == 0 {
		return "1", nil, nil
	}
	return strings.Join(conds, " AND "), args, nil
}

// Event returns the event with the given ID, or an ENOTFOUND error.
func (s *Store) Event(ctx context.Context, id string) (detente.Event, error) {
	if !detente.ValidText(id) {
		return detente.Event{}, detente.Errorf(detente.ENOTFOUND, "event %q not found", id)
	}
	row := s.read.QueryRowContext(ctx, `SELECT `+sqlscan.EventColumns+` FROM events WHERE id = ?`, id)
	e, err := sqlscan.Event(row)
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
	dense, err := s.dense(ctx, f.Query)
	if err != nil {
		return page, err
	}
	where, args, err := eventWhere(f, dense)
	if err != nil {
		return page, err
	}
	if f.Cursor != "" {
		c, err := sqlscan.DecodeCursor(f.Cursor, sqlscan.DayLayout)
		if err != nil {
			return page, err
		}
		where += " AND (day, id) < (?, ?)"
		args = append(args, c.At, c.ID)
	}
	args = append(args, n+1)
	evs, err := sqlscan.Query(ctx, s.read, sqlscan.Event, pageQuery(where, "DESC"), args...)
	if err != nil {
		return page, fmt.Errorf("events: %w", err)
	}
	page.Events, page.Next = sqlscan.Page(evs, n, func(e detente.Event) (string, string) {
		return sqlscan.FormatDay(e.Date), e.ID
	})
	return page, nil
}

// pageQuery selects a page of the events where selects, sorted by day and
// ID in direction dir, its size the last argument. The page is chosen by
// rowid first, from indexes where they cover the filter, and only its rows
// are read whole.
func pageQuery(where, dir string) string {
	order := " ORDER BY day " + dir + ", id " + dir
	return `SELECT ` + sqlscan.EventColumns + ` FROM events WHERE rowid IN (SELECT rowid FROM events WHERE ` + where +
		order + ` LIMIT ?)` + order
}

// eachPage is how many events EachEvent reads per query: no connection is
// held while fn runs.
const eachPage = 1000

// EachEvent calls fn for every event f selects, oldest first (by day, then
// ID), ignoring f.Cursor and f.Limit. It reads in pages, so memory stays flat
// and fn may take its time; it stops at fn's first error and returns it.
func (s *Store) EachEvent(ctx context.Context, f detente.EventFilter, fn func(detente.Event) error) error {
	dense, err := s.dense(ctx, f.Query)
	if err != nil {
		return err
	}
	where, args, err := eventWhere(f, dense)
	if err != nil {
		return err
	}
	var day, id string
	for {
		q, a := where, append([]any(nil), args...)
		if id != "" {
			q += " AND (day, id) > (?, ?)"
			a = append(a, day, id)
		}
		a = append(a, eachPage)
		evs, err := sqlscan.Query(ctx, s.read, sqlscan.Event, pageQuery(q, "ASC"), a...)
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
		last := evs[len(evs)-1]
		day, id = sqlscan.FormatDay(last.Date), last.ID
	}
}

// denseMatches is the number of matching sentences from which a search is
// dense: walking events by day and checking each against the matches
// fills a page sooner than reading every match and sorting its events.
const denseMatches = 20000

// dense reports whether query, a user's search ("" for none), matches at
// least denseMatches sentences.
func (s *Store) dense(ctx context.Context, query string) (bool, error) {
	if query == "" {
		return false, nil
	}
	q, err := ftsQuery(query)
	if err != nil {
		return false, err
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM sentences_fts
		WHERE sentences_fts MATCH ? LIMIT ?)`, q, denseMatches).Scan(&n); err != nil {
		return false, fmt.Errorf("count matches of %q: %w", query, err)
	}
	return n >= denseMatches, nil
}

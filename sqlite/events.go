package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/detente-project/detente"
)

// eventColumns are the columns that hold a detente.Event, in the order of
// eventArgs and scanEvent.
const eventColumns = `id, day,
	source_code, source_country, source_agent, source_text, source_start, source_end, source_entry,
	target_code, target_country, target_agent, target_text, target_start, target_end, target_entry,
	code, root, quad, goldstein, plover,
	location_country, location_place, location_lat, location_lon, location_has_coord,
	negated, hypothetical, trigger_text, trigger_start, trigger_end,
	rule, confidence, mediators, article_id, sentence_idx, story_id, num_sources,
	coder_version, dict_version`

const eventColumnCount = 40

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

type scanner interface{ Scan(dest ...any) error }

func scanEvent(sc scanner) (detente.Event, error) {
	var (
		e         detente.Event
		day       string
		quad      int
		mediators sql.NullString
	)
	src, tgt := &e.Source, &e.Target
	err := sc.Scan(&e.ID, &day,
		&src.Code, &src.Country, &src.Agent, &src.Text, &src.Start, &src.End, &src.Entry,
		&tgt.Code, &tgt.Country, &tgt.Agent, &tgt.Text, &tgt.Start, &tgt.End, &tgt.Entry,
		&e.Code, &e.Root, &quad, &e.Goldstein, &e.Plover,
		&e.Location.Country, &e.Location.Place, &e.Location.Lat, &e.Location.Lon, &e.Location.HasCoord,
		&e.Negated, &e.Hypothetical, &e.Trigger.Text, &e.Trigger.Start, &e.Trigger.End,
		&e.Rule, &e.Confidence, &mediators, &e.ArticleID, &e.SentenceIndex, &e.StoryID, &e.NumSources,
		&e.CoderVersion, &e.DictVersion)
	if err != nil {
		return e, err
	}
	e.Quad = detente.QuadClass(quad)
	if e.Date, err = parseDay(day); err != nil {
		return e, err
	}
	if mediators.Valid {
		if err := json.Unmarshal([]byte(mediators.String), &e.Mediators); err != nil {
			return e, fmt.Errorf("event %s mediators: %w", e.ID, err)
		}
	}
	return e, nil
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
		add("day >= ?", formatDay(f.From))
	}
	if !f.To.IsZero() {
		add("day <= ?", formatDay(f.To))
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
	row := s.read.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id)
	e, err := scanEvent(row)
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
		day, id, err := decodeCursor(f.Cursor, dayLayout)
		if err != nil {
			return page, err
		}
		where += " AND (day, id) < (?, ?)"
		args = append(args, day, id)
	}
	args = append(args, n+1)
	evs, err := s.queryEvents(ctx, pageQuery(where, "DESC"), args...)
	if err != nil {
		return page, fmt.Errorf("events: %w", err)
	}
	if len(evs) > n {
		evs = evs[:n]
		last := evs[n-1]
		page.Next = encodeCursor(formatDay(last.Date), last.ID)
	}
	page.Events = evs
	return page, nil
}

// pageQuery selects a page of the events where selects, sorted by day and
// ID in direction dir, its size the last argument. The page is chosen by
// rowid first, from indexes where they cover the filter, and only its rows
// are read whole.
func pageQuery(where, dir string) string {
	order := " ORDER BY day " + dir + ", id " + dir
	return `SELECT ` + eventColumns + ` FROM events WHERE rowid IN (SELECT rowid FROM events WHERE ` + where +
		order + ` LIMIT ?)` + order
}

func (s *Store) queryEvents(ctx context.Context, query string, args ...any) ([]detente.Event, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var evs []detente.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		evs = append(evs, e)
	}
	return evs, rows.Err()
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
		evs, err := s.queryEvents(ctx, pageQuery(q, "ASC"), a...)
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
		day, id = formatDay(last.Date), last.ID
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

package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// Settled is what SettleStory changed in the running totals of Stats.
type Settled struct {
	Events  int // counted events gained (negative: lost)
	Stories int // stories gained (negative: merged into another)
}

// SettleStory makes a story, after its article a has been written into it
// in t (with the events StoryEvents gave), what it would be had its copies
// come in the order they were published, whatever order they came in:
//
//   - the articles and events stored under a's StoryAliases (the IDs the
//     story had before a copy published earlier joined it) move to story;
//   - within the story, the primary event of each source, target and code
//     is that of the earliest copy reporting it (by published time, then
//     article ID; within the article, its first sentence reporting it),
//     with one source for each article reporting it; the others are its
//     further copies, not counted.
//
// A copy written after every other copy of its story, the usual case,
// already has its place: SettleStory reads the story's articles and
// returns. Otherwise it reads the story's events and rewrites those whose
// place changed.
func (s *Store) SettleStory(ctx context.Context, t *sql.Tx, a *detente.Article, story string) (Settled, error) {
	tx := tx{t, s.d.Numbered}
	ids := append([]string{story}, a.StoryAliases...)
	var arts []storyArticle
	err := inLists(s.d, "story_id", "text", ids, func(in string, args []any) error {
		got, err := sqlscan.Query(ctx, tx, scanStoryArticle, `SELECT id, published, story_id FROM articles WHERE `+in, args...)
		arts = append(arts, got...)
		return err
	})
	if err != nil {
		return Settled{}, fmt.Errorf("settle story %s: %w", story, err)
	}
	me := storyArticle{id: a.ID, published: a.Published, story: story}
	moved, last := false, true
	for _, o := range arts {
		moved = moved || o.story != story
		last = last && !me.before(o)
	}
	if !moved && last {
		return Settled{}, nil
	}
	var set Settled
	if moved {
		if set.Stories, err = s.mergeStories(ctx, tx, story, a.StoryAliases); err != nil {
			return Settled{}, fmt.Errorf("settle story %s: %w", story, err)
		}
	}
	var evs []storyEventRow
	err = inLists(s.d, "story_id", "text", ids, func(in string, args []any) error {
		got, err := sqlscan.Query(ctx, tx, scanStoryEventRow, `SELECT id, article_id, sentence_idx, source_code,
			target_code, code, negated, hypothetical, is_primary, primary_id, num_sources, counted, story_id
			FROM events WHERE `+in, args...)
		evs = append(evs, got...)
		return err
	})
	if err != nil {
		return Settled{}, fmt.Errorf("settle story %s: events: %w", story, err)
	}
	published := make(map[string]storyArticle, len(arts))
	for _, o := range arts {
		published[o.id] = o
	}
	want := settle(evs, published)
	// Demote first the primaries that are primaries no more, so that no
	// statement makes two primaries of one key in one story, which the
	// unique index events_story_primary refuses (it checks each row as it
	// is written): then the rewrite promotes only events that are to be
	// primary, one of each key.
	var demoted []string
	var placed []storyEventRow
	for i, e := range evs {
		w := want[i]
		if e.primary && !w.primary {
			demoted = append(demoted, e.id)
		}
		if e.place == w && e.story == story {
			continue
		}
		e.place = w
		placed = append(placed, e)
		switch {
		case w.counted && !evs[i].counted:
			set.Events++
		case !w.counted && evs[i].counted:
			set.Events--
		}
	}
	if len(demoted) > 0 {
		err = inLists(s.d, "id", "text", demoted, func(in string, args []any) error {
			_, err := tx.ExecContext(ctx, `UPDATE events SET is_primary = `+s.d.False+` WHERE `+in, args...)
			return err
		})
		if err != nil {
			return Settled{}, fmt.Errorf("settle story %s: demote events: %w", story, err)
		}
	}
	if err := s.placeEvents(ctx, tx, story, placed); err != nil {
		return Settled{}, fmt.Errorf("settle story %s: %w", story, err)
	}
	return set, nil
}

// placeEvents writes each of evs, with its place, into story: in one
// statement where the database takes arrays, a statement an event
// otherwise.
func (s *Store) placeEvents(ctx context.Context, tx tx, story string, evs []storyEventRow) error {
	if len(evs) == 0 {
		return nil
	}
	if s.d.Arrays {
		ids, primary, primaryID := make([]string, len(evs)), make([]bool, len(evs)), make([]sql.NullString, len(evs))
		sources, counted := make([]int32, len(evs)), make([]bool, len(evs))
		for i, e := range evs {
			ids[i], primary[i], primaryID[i], sources[i], counted[i] = e.id, e.primary, e.primaryID, int32(e.sources), e.counted
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET story_id = ?, is_primary = p.is_primary,
			primary_id = p.primary_id, num_sources = p.num_sources, counted = p.counted
			FROM unnest(?::text[], ?::bool[], ?::text[], ?::int[], ?::bool[]) AS p(id, is_primary, primary_id, num_sources, counted)
			WHERE events.id = p.id`, story, ids, primary, primaryID, sources, counted); err != nil {
			return fmt.Errorf("events: %w", err)
		}
		return nil
	}
	for _, e := range evs {
		if _, err := tx.ExecContext(ctx, `UPDATE events SET story_id = ?, is_primary = ?, primary_id = ?, num_sources = ?,
			counted = ? WHERE id = ?`, story, e.primary, e.primaryID, e.sources, e.counted, e.id); err != nil {
			return fmt.Errorf("event %s: %w", e.id, err)
		}
	}
	return nil
}

// mergeStories moves the articles stored under aliases into story, and
// adds the aliases' rows of stories to story's (made when absent); it
// returns the stories gained: minus those merged, plus one if story's row
// is new.
func (s *Store) mergeStories(ctx context.Context, tx tx, story string, aliases []string) (int, error) {
	var (
		merged, articles int
		first            time.Time
	)
	for _, alias := range aliases {
		var (
			n int
			t sqlscan.Time
		)
		switch err := tx.QueryRowContext(ctx, `SELECT articles, first_seen FROM stories WHERE id = ?`, alias).Scan(&n, &t); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return 0, fmt.Errorf("story %s: %w", alias, err)
		default:
			at, err := t.Instant()
			if err != nil {
				return 0, fmt.Errorf("story %s: %w", alias, err)
			}
			if merged == 0 || at.Before(first) {
				first = at
			}
			merged, articles = merged+1, articles+n
			if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, alias); err != nil {
				return 0, fmt.Errorf("merge story %s: %w", alias, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE story_id = ?`, story, alias); err != nil {
			return 0, fmt.Errorf("merge story %s: %w", alias, err)
		}
	}
	if merged == 0 {
		return 0, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `INSERT INTO stories (id, first_seen, articles) VALUES (?, `+s.d.TimeArg+`, ?)
		ON CONFLICT (id) DO UPDATE SET articles = stories.articles + excluded.articles,
		first_seen = CASE WHEN excluded.first_seen < stories.first_seen THEN excluded.first_seen ELSE stories.first_seen END
		RETURNING articles`, story, s.d.Time(first), articles).Scan(&n); err != nil {
		return 0, fmt.Errorf("merge stories into %s: %w", story, err)
	}
	if n == articles {
		return 1 - merged, nil
	}
	return -merged, nil
}

// storyArticle is an article of a story being settled.
type storyArticle struct {
	id, story string
	published time.Time
}

func scanStoryArticle(sc sqlscan.Scanner) (a storyArticle, err error) {
	var published sqlscan.Time
	if err := sc.Scan(&a.id, &published, &a.story); err != nil {
		return a, err
	}
	a.published, err = published.Instant()
	return a, err
}

// before orders the copies of a story: by published time, then ID.
func (a storyArticle) before(b storyArticle) bool {
	if c := a.published.Compare(b.published); c != 0 {
		return c < 0
	}
	return a.id < b.id
}

// place is where an event stands in its story.
type place struct {
	primary   bool
	primaryID sql.NullString
	sources   int
	counted   bool
}

// storyEventRow is an event of a story being settled, as stored.
type storyEventRow struct {
	id, article, story string
	sentence           int
	key                EventKey
	negated, hypo      bool
	place
}

func scanStoryEventRow(sc sqlscan.Scanner) (e storyEventRow, err error) {
	err = sc.Scan(&e.id, &e.article, &e.sentence, &e.key.Source, &e.key.Target, &e.key.Code, &e.negated, &e.hypo,
		&e.primary, &e.primaryID, &e.sources, &e.counted, &e.story)
	return e, err
}

// settle returns the place each of evs has in a story whose copies are
// ordered by published time, then ID (arts gives each article's).
func settle(evs []storyEventRow, arts map[string]storyArticle) []place {
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := evs[i], evs[j]
		if a.article != b.article {
			if arts[a.article].before(arts[b.article]) {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.sentence, b.sentence), cmp.Compare(a.id, b.id))
	})
	type keyed struct {
		primary  int
		articles map[string]bool
	}
	byKey := map[EventKey]*keyed{}
	out := make([]place, len(evs))
	for _, i := range order {
		e := evs[i]
		k, ok := byKey[e.key]
		if !ok {
			byKey[e.key] = &keyed{primary: i, articles: map[string]bool{e.article: true}}
			out[i] = place{primary: true, counted: !e.negated && !e.hypo}
			continue
		}
		k.articles[e.article] = true
		out[i] = place{primaryID: sql.NullString{String: evs[k.primary].id, Valid: true}, sources: 1}
	}
	for _, k := range byKey {
		out[k.primary].sources = len(k.articles)
	}
	return out
}

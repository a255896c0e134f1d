package sqlstore

import (
	"database/sql"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// StoryOf returns the story an article is stored under: its StoryID, or
// its ID when it has none.
func StoryOf(a *detente.Article) string {
	if a.StoryID == "" {
		return a.ID
	}
	return a.StoryID
}

// EventKey is what makes two events of one story the same event.
type EventKey struct{ Source, Target, Code string }

// StoryEvent is an event about to be stored, with its place in its story.
type StoryEvent struct {
	detente.Event
	// Primary is the story's primary event when this one is a further
	// copy of it; NULL when this one is primary.
	Primary sql.NullString
	// Counted says that the event counts: primary, neither negated nor
	// hypothetical.
	Counted bool
}

// StoryEvents returns the events of d, an article stored under story, as
// they are to be stored, each ID once. Within a story an event whose
// source code, target code and CAMEO code match a primary event is a
// further copy, not counted; primaries maps the keys of the story's
// primary events stored already to their IDs, and StoryEvents adds d's new
// primaries to it. bump lists the primary events stored already that d
// reports again, each once: an article counts once as a further source of
// an event however many of its sentences repeat it.
func StoryEvents(d *detente.Document, story string, primaries map[EventKey]string) (evs []StoryEvent, bump []string) {
	ids := map[string]bool{}
	bumped := map[string]bool{}
	for _, e := range d.Events {
		if ids[e.ID] {
			continue
		}
		ids[e.ID] = true
		e.ArticleID, e.StoryID, e.NumSources = d.Article.ID, story, 1
		if e.Date.IsZero() {
			e.Date = d.Article.Published
		}
		k := EventKey{e.Source.Code, e.Target.Code, e.Code}
		se := StoryEvent{Event: e}
		if primary, found := primaries[k]; found {
			se.Primary = sql.NullString{String: primary, Valid: true}
			if !bumped[primary] {
				bumped[primary] = true
				bump = append(bump, primary)
			}
		} else {
			// Later sentences of this article repeating the event are
			// copies of it, but the article is already one of its sources.
			primaries[k] = e.ID
			bumped[e.ID] = true
			se.Counted = e.Counted()
		}
		evs = append(evs, se)
	}
	return evs, bump
}

// Primaries reads rows of id, source_code, target_code, code of a story's
// primary events into the map StoryEvents takes, and closes rows.
func Primaries(rows *sql.Rows) (map[EventKey]string, error) {
	type primary struct {
		id string
		k  EventKey
	}
	ps, err := sqlscan.All(rows, func(sc sqlscan.Scanner) (p primary, err error) {
		return p, sc.Scan(&p.id, &p.k.Source, &p.k.Target, &p.k.Code)
	})
	if err != nil {
		return nil, err
	}
	out := make(map[EventKey]string, len(ps))
	for _, p := range ps {
		out[p.k] = p.id
	}
	return out, nil
}

package sqlscan

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/detente-project/detente"
)

// EventColumns are the columns that hold a detente.Event, in the order of
// EventArgs and Event.
const EventColumns = `id, day,
	source_code, source_country, source_agent, source_text, source_start, source_end, source_entry,
	target_code, target_country, target_agent, target_text, target_start, target_end, target_entry,
	code, root, quad, goldstein, plover,
	location_country, location_place, location_lat, location_lon, location_has_coord, place_source,
	negated, hypothetical, trigger_text, trigger_start, trigger_end,
	rule, confidence, mediators, article_id, sentence_idx, story_id, num_sources,
	coder_version, dict_version`

// EventColumnCount is the number of EventColumns.
const EventColumnCount = 41

// Event scans a row of EventColumns, with mediators as JSON text or NULL.
func Event(sc Scanner) (detente.Event, error) {
	var (
		e           detente.Event
		day         Time
		quad        int
		mediators   sql.NullString
		placeSource string
	)
	src, tgt := &e.Source, &e.Target
	err := sc.Scan(&e.ID, &day,
		&src.Code, &src.Country, &src.Agent, &src.Text, &src.Start, &src.End, &src.Entry,
		&tgt.Code, &tgt.Country, &tgt.Agent, &tgt.Text, &tgt.Start, &tgt.End, &tgt.Entry,
		&e.Code, &e.Root, &quad, &e.Goldstein, &e.Plover,
		&e.Location.Country, &e.Location.Place, &e.Location.Lat, &e.Location.Lon, &e.Location.HasCoord, &placeSource,
		&e.Negated, &e.Hypothetical, &e.Trigger.Text, &e.Trigger.Start, &e.Trigger.End,
		&e.Rule, &e.Confidence, &mediators, &e.ArticleID, &e.SentenceIndex, &e.StoryID, &e.NumSources,
		&e.CoderVersion, &e.DictVersion)
	if err != nil {
		return e, err
	}
	e.Quad = detente.QuadClass(quad)
	e.Location.Source = detente.PlaceSource(placeSource)
	if e.Date, err = day.Day(); err != nil {
		return e, err
	}
	if mediators.Valid {
		if err := json.Unmarshal([]byte(mediators.String), &e.Mediators); err != nil {
			return e, fmt.Errorf("event %s mediators: %w", e.ID, err)
		}
	}
	return e, nil
}

// EventArgs returns the values of e's EventColumns, with day, the store's
// encoding of e.Date, and the mediators as JSON text or nil.
func EventArgs(e *detente.Event, day any) []any {
	var mediators any
	if len(e.Mediators) > 0 {
		b, _ := json.Marshal(e.Mediators) // plain strings and ints: cannot fail
		mediators = string(b)
	}
	src, tgt := e.Source, e.Target
	return []any{e.ID, day,
		src.Code, src.Country, src.Agent, src.Text, src.Start, src.End, src.Entry,
		tgt.Code, tgt.Country, tgt.Agent, tgt.Text, tgt.Start, tgt.End, tgt.Entry,
		e.Code, e.Root, int(e.Quad), e.Goldstein, e.Plover,
		e.Location.Country, e.Location.Place, e.Location.Lat, e.Location.Lon, e.Location.HasCoord, string(e.Location.Source),
		e.Negated, e.Hypothetical, e.Trigger.Text, e.Trigger.Start, e.Trigger.End,
		e.Rule, e.Confidence, mediators, e.ArticleID, e.SentenceIndex, e.StoryID, e.NumSources,
		e.CoderVersion, e.DictVersion}
}

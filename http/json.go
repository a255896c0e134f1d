package http

import (
	"time"

	"github.com/detente-project/detente"
)

// The JSON shapes of the API. They are kept apart from the domain types so
// that the wire format is stable and documented in openapi.json whatever
// the domain grows.

type actorJSON struct {
	Code    string `json:"code"`
	Country string `json:"country"`
	Agent   string `json:"agent,omitempty"`
	Text    string `json:"text,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Entry   string `json:"entry,omitempty"`
}

type spanJSON struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type locationJSON struct {
	Country string   `json:"country,omitempty"`
	Place   string   `json:"place,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	// PlaceSource is where the place was read from: "sentence",
	// "dateline" (where the report was filed) or "none"; absent for
	// events that did not record it.
	PlaceSource detente.PlaceSource `json:"place_source,omitempty"`
}

type eventJSON struct {
	ID            string       `json:"id"`
	Date          string       `json:"date"`
	Source        actorJSON    `json:"source"`
	Target        actorJSON    `json:"target"`
	Code          string       `json:"code"`
	Root          string       `json:"root"`
	Quad          int          `json:"quad"`
	Goldstein     float64      `json:"goldstein"`
	Plover        string       `json:"plover,omitempty"`
	Location      locationJSON `json:"location"`
	Negated       bool         `json:"negated"`
	Hypothetical  bool         `json:"hypothetical"`
	Trigger       spanJSON     `json:"trigger"`
	Rule          string       `json:"rule"`
	Confidence    float64      `json:"confidence"`
	Mediators     []actorJSON  `json:"mediators"`
	ArticleID     string       `json:"article_id"`
	SentenceIndex int          `json:"sentence_index"`
	StoryID       string       `json:"story_id,omitempty"`
	NumSources    int          `json:"num_sources"`
	CoderVersion  string       `json:"coder_version"`
	DictVersion   string       `json:"dict_version"`
}

type sentenceJSON struct {
	Index int    `json:"index"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type articleJSON struct {
	ID           string `json:"id"`
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url,omitempty"`
	Site         string `json:"site,omitempty"`
	Title        string `json:"title"`
	Byline       string `json:"byline,omitempty"`
	Published    string `json:"published"`
	DateSource   string `json:"date_source"`
	Lang         string `json:"lang,omitempty"`
	Fetched      string `json:"fetched"`
	StoryID      string `json:"story_id,omitempty"`
	ContentHash  string `json:"content_hash"`
	// Body, Sentences and Events are set only on the single-article answer.
	Body      string         `json:"body,omitempty"`
	Sentences []sentenceJSON `json:"sentences,omitempty"`
	Events    []eventJSON    `json:"events,omitempty"`
}

func toActor(a detente.Actor) actorJSON {
	return actorJSON{Code: a.Code, Country: a.Country, Agent: a.Agent, Text: a.Text, Start: a.Start, End: a.End, Entry: a.Entry}
}

func toEvent(e detente.Event) eventJSON {
	j := eventJSON{
		ID: e.ID, Date: e.Date.UTC().Format(dayLayout),
		Source: toActor(e.Source), Target: toActor(e.Target),
		Code: e.Code, Root: e.Root, Quad: int(e.Quad), Goldstein: e.Goldstein, Plover: e.Plover,
		Location:     locationJSON{Country: e.Location.Country, Place: e.Location.Place, PlaceSource: e.Location.Source},
		Negated:      e.Negated,
		Hypothetical: e.Hypothetical,
		Trigger:      spanJSON{Text: e.Trigger.Text, Start: e.Trigger.Start, End: e.Trigger.End},
		Rule:         e.Rule, Confidence: e.Confidence, Mediators: []actorJSON{},
		ArticleID: e.ArticleID, SentenceIndex: e.SentenceIndex, StoryID: e.StoryID,
		NumSources: e.NumSources, CoderVersion: e.CoderVersion, DictVersion: e.DictVersion,
	}
	if e.Location.HasCoord {
		lat, lon := e.Location.Lat, e.Location.Lon
		j.Location.Lat, j.Location.Lon = &lat, &lon
	}
	for _, m := range e.Mediators {
		j.Mediators = append(j.Mediators, toActor(m))
	}
	return j
}

func toEvents(es []detente.Event) []eventJSON {
	out := make([]eventJSON, 0, len(es))
	for _, e := range es {
		out = append(out, toEvent(e))
	}
	return out
}

func toArticle(a detente.Article) articleJSON {
	return articleJSON{
		ID: a.ID, URL: a.URL, CanonicalURL: a.CanonicalURL, Site: a.Site, Title: a.Title, Byline: a.Byline,
		Published: a.Published.UTC().Format(time.RFC3339), DateSource: string(a.DateSource), Lang: a.Lang,
		Fetched: a.Fetched.UTC().Format(time.RFC3339), StoryID: a.StoryID, ContentHash: a.ContentHash,
	}
}

func toSentences(ss []detente.Sentence) []sentenceJSON {
	out := make([]sentenceJSON, 0, len(ss))
	for _, s := range ss {
		out = append(out, sentenceJSON{Index: s.Index, Text: s.Text, Start: s.Start, End: s.End})
	}
	return out
}

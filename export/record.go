package export

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/detente-project/detente"
)

// Record is one event as CSV, JSONL and Parquet write it: flat, with the
// URL of its article.
type Record struct {
	ID  string `json:"id" parquet:"id"`
	Day string `json:"date" parquet:"-"` // YYYY-MM-DD
	// Date is Day as days since 1970-01-01, the value of a Parquet DATE;
	// an int32 because parquet-go v0.32 writes time.Time DATE values wrongly.
	Date          int32   `json:"-" parquet:"date,date"`
	SourceCode    string  `json:"source_code" parquet:"source_code,dict"`
	SourceCountry string  `json:"source_country" parquet:"source_country,dict"`
	SourceAgent   string  `json:"source_agent" parquet:"source_agent,dict"`
	SourceText    string  `json:"source_text" parquet:"source_text"`
	TargetCode    string  `json:"target_code" parquet:"target_code,dict"`
	TargetCountry string  `json:"target_country" parquet:"target_country,dict"`
	TargetAgent   string  `json:"target_agent" parquet:"target_agent,dict"`
	TargetText    string  `json:"target_text" parquet:"target_text"`
	Code          string  `json:"code" parquet:"code,dict"`
	Root          string  `json:"root" parquet:"root,dict"`
	Quad          int32   `json:"quad" parquet:"quad"`
	Goldstein     float64 `json:"goldstein" parquet:"goldstein"`
	Plover        string  `json:"plover" parquet:"plover,dict"`
	Country       string  `json:"location_country" parquet:"location_country,dict"`
	Place         string  `json:"location_place" parquet:"location_place"`
	// PlaceSource is where Place was read from: "sentence", "dateline"
	// (where the report was filed, not where the event happened) or
	// "none"; empty for events that did not record it.
	PlaceSource   string   `json:"place_source" parquet:"place_source,dict"`
	Lat           *float64 `json:"lat,omitempty" parquet:"lat,optional"`
	Lon           *float64 `json:"lon,omitempty" parquet:"lon,optional"`
	Negated       bool     `json:"negated" parquet:"negated"`
	Hypothetical  bool     `json:"hypothetical" parquet:"hypothetical"`
	Trigger       string   `json:"trigger" parquet:"trigger"`
	Rule          string   `json:"rule" parquet:"rule,dict"`
	Confidence    float64  `json:"confidence" parquet:"confidence"`
	Mediators     []string `json:"mediators,omitempty" parquet:"mediators,list"`
	ArticleID     string   `json:"article_id" parquet:"article_id"`
	SentenceIndex int32    `json:"sentence_index" parquet:"sentence_index"`
	StoryID       string   `json:"story_id" parquet:"story_id"`
	NumSources    int32    `json:"num_sources" parquet:"num_sources"`
	URL           string   `json:"url" parquet:"url"`
	CoderVersion  string   `json:"coder_version" parquet:"coder_version,dict"`
	DictVersion   string   `json:"dict_version" parquet:"dict_version,dict"`
}

// columns are the CSV header, in the order of Record.fields.
var columns = []string{"id", "date", "source_code", "source_country", "source_agent", "source_text",
	"target_code", "target_country", "target_agent", "target_text", "code", "root", "quad", "goldstein",
	"plover", "location_country", "location_place", "place_source", "lat", "lon", "negated", "hypothetical", "trigger",
	"rule", "confidence", "mediators", "article_id", "sentence_index", "story_id", "num_sources", "url",
	"coder_version", "dict_version"}

// newRecord flattens an event whose article has the given origin.
func newRecord(e detente.Event, o origin) Record {
	r := Record{
		ID: e.ID, Day: e.Date.UTC().Format(time.DateOnly), Date: int32(e.Date.Unix() / 86400),
		SourceCode: e.Source.Code, SourceCountry: e.Source.Country, SourceAgent: e.Source.Agent, SourceText: e.Source.Text,
		TargetCode: e.Target.Code, TargetCountry: e.Target.Country, TargetAgent: e.Target.Agent, TargetText: e.Target.Text,
		Code: e.Code, Root: e.Root, Quad: int32(e.Quad), Goldstein: e.Goldstein, Plover: e.Plover,
		Country: e.Location.Country, Place: e.Location.Place, PlaceSource: string(e.Location.Source),
		Negated: e.Negated, Hypothetical: e.Hypothetical,
		Trigger: e.Trigger.Text, Rule: e.Rule, Confidence: e.Confidence,
		ArticleID: e.ArticleID, SentenceIndex: int32(e.SentenceIndex), StoryID: e.StoryID,
		NumSources: int32(e.NumSources), URL: o.url, CoderVersion: e.CoderVersion, DictVersion: e.DictVersion,
	}
	if e.Location.HasCoord {
		lat, lon := e.Location.Lat, e.Location.Lon
		r.Lat, r.Lon = &lat, &lon
	}
	for _, m := range e.Mediators {
		r.Mediators = append(r.Mediators, m.Code)
	}
	return r
}

// strings returns the record's CSV fields, in the order of columns.
func (r *Record) fields() []string {
	opt := func(p *float64) string {
		if p == nil {
			return ""
		}
		return formatFloat(*p)
	}
	return []string{r.ID, r.Day, r.SourceCode, r.SourceCountry, r.SourceAgent, r.SourceText,
		r.TargetCode, r.TargetCountry, r.TargetAgent, r.TargetText, r.Code, r.Root, fmt.Sprint(r.Quad),
		formatFloat(r.Goldstein), r.Plover, r.Country, r.Place, r.PlaceSource, opt(r.Lat), opt(r.Lon),
		fmt.Sprint(r.Negated), fmt.Sprint(r.Hypothetical), r.Trigger, r.Rule, formatFloat(r.Confidence),
		strings.Join(r.Mediators, ";"), r.ArticleID, fmt.Sprint(r.SentenceIndex), r.StoryID,
		fmt.Sprint(r.NumSources), r.URL, r.CoderVersion, r.DictVersion}
}

// origin is what an export needs of an event's article.
type origin struct {
	url     string
	fetched time.Time
}

// OriginReader is a reader that can look up an article's URL (canonical
// when it has one) and fetch time without reading its text. Exports use it
// when the reader has it, and detente.Reader.Article otherwise.
type OriginReader interface {
	ArticleOrigin(ctx context.Context, id string) (url string, fetched time.Time, err error)
}

// maxOrigins bounds the origin cache, so that memory stays flat.
const maxOrigins = 8192

// origins looks up and caches the origins of articles.
type origins struct {
	r     detente.Reader
	cache map[string]origin
}

func newOrigins(r detente.Reader) *origins {
	return &origins{r: r, cache: map[string]origin{}}
}

func (o *origins) get(ctx context.Context, articleID string) (origin, error) {
	if v, ok := o.cache[articleID]; ok {
		return v, nil
	}
	var v origin
	if or, ok := o.r.(OriginReader); ok {
		url, fetched, err := or.ArticleOrigin(ctx, articleID)
		if err != nil {
			return v, fmt.Errorf("article %s: %w", articleID, err)
		}
		v = origin{url: url, fetched: fetched}
	} else {
		a, _, _, err := o.r.Article(ctx, articleID)
		if err != nil {
			return v, fmt.Errorf("article %s: %w", articleID, err)
		}
		v = origin{url: a.CanonicalURL, fetched: a.Fetched}
		if v.url == "" {
			v.url = a.URL
		}
	}
	if len(o.cache) >= maxOrigins {
		clear(o.cache)
	}
	o.cache[articleID] = v
	return v, nil
}

// Package tensiontest is the conformance suite of tension stores: the
// sqlite and postgres tests run it against a real database, so both stores
// behave alike under the Updater, the readers and the delivery outbox.
package tensiontest

import (
	"fmt"
	"time"

	"github.com/detente-project/detente"
)

// Day0 is the first day of the storyline corpus.
var Day0 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// The storyline: calm relations between the United States and Iran for
// EscalationDay days, strikes and threats until TalksDay, then talks.
const (
	EscalationDay = 60
	TalksDay      = 80
	Days          = 100
)

// kind is one type of event of the storyline.
type kind struct {
	code      string
	goldstein float64
}

var (
	calm     = []kind{{"042", 1.9}, {"036", 4}, {"051", 3.4}, {"112", -2}, {"043", 2.8}}
	conflict = []kind{{"190", -10}, {"138", -7}, {"111", -2}, {"173", -5}, {"150", -7.2}}
	talks    = []kind{{"046", 7}, {"036", 4}, {"057", 8}, {"043", 2.8}, {"111", -2}}
)

// Storyline returns the documents of the storyline corpus by day: four
// articles a day about USA and IRN, one story each, plus on the first day
// a story told by three articles (one event with three sources, its last
// copy published the next day) and a negated event, and each day an event
// between Oman and Iran.
func Storyline() [][]detente.Document {
	out := make([][]detente.Document, Days)
	for d := range Days {
		date := Day0.AddDate(0, 0, d)
		kinds := calm
		switch {
		case d >= TalksDay:
			kinds = talks
		case d >= EscalationDay:
			kinds = conflict
		}
		for a := range 4 {
			k := kinds[(d*4+a)%len(kinds)]
			src, tgt := "USAGOV", "IRNGOV"
			if a%2 == 1 {
				src, tgt = tgt, src
			}
			story := fmt.Sprintf("story-%03d-%d", d, a)
			evs := []event{{src, tgt, k.code, k.goldstein, false}}
			if a == 0 {
				evs = append(evs, event{"OMNGOV", "IRNGOV", "043", 2.8, false})
			}
			out[d] = append(out[d], document(fmt.Sprintf("https://news.example/%03d/%d", d, a), story, date, evs...))
		}
	}
	// Two wire copies of the first story, one the same day, one the next:
	// the later copy must raise the first day's sources.
	for i := range 2 {
		copyDoc := document(fmt.Sprintf("https://wire.example/000/%d", i), "story-000-0", Day0.AddDate(0, 0, i),
			event{"USAGOV", "IRNGOV", calm[0].code, calm[0].goldstein, false})
		out[i] = append(out[i], copyDoc)
	}
	out[0] = append(out[0], document("https://news.example/000/negated", "story-000-neg", Day0,
		event{"USAGOV", "IRNGOV", "190", -10, true}))
	return out
}

type event struct {
	src, tgt  string
	code      string
	goldstein float64
	negated   bool
}

// document builds an article published on day with the given events, one
// a sentence.
func document(url, story string, day time.Time, evs ...event) detente.Document {
	body := "Officials of both governments spoke on " + day.Format(time.DateOnly) + " about " + url + "."
	a := detente.Article{
		ID: detente.ArticleID(url, body), URL: url, CanonicalURL: url, Site: "news.example", Title: "Report " + url,
		Published: day.Add(10 * time.Hour), DateSource: detente.DateFromMetadata, Lang: "en", Body: body,
		Fetched: day.Add(11 * time.Hour), StoryID: story, ContentHash: detente.ContentHash(body),
	}
	actor := func(code string) detente.Actor {
		return detente.Actor{Code: code, Country: code[:3], Agent: code[3:], Text: code, End: len(code), Entry: "test"}
	}
	doc := detente.Document{Article: a}
	for i, e := range evs {
		doc.Sentences = append(doc.Sentences, detente.Sentence{ArticleID: a.ID, Index: i, Text: body, End: len(body)})
		doc.Events = append(doc.Events, detente.Event{
			ID: detente.EventID(a.ID, i, e.src, e.tgt, e.code), Date: day,
			Source: actor(e.src), Target: actor(e.tgt), Code: e.code, Root: e.code[:2],
			Quad: detente.QuadOf(e.code), Goldstein: e.goldstein, Negated: e.negated,
			Rule: "test", Confidence: 1, ArticleID: a.ID, SentenceIndex: i, StoryID: story, NumSources: 1,
			CoderVersion: "test", DictVersion: "test",
		})
	}
	return doc
}

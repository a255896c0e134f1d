package sqlstore

import (
	"reflect"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

func TestStoryEvents(t *testing.T) {
	published := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	ev := func(id, src, tgt, code string) detente.Event {
		return detente.Event{ID: id, Source: detente.Actor{Code: src}, Target: detente.Actor{Code: tgt}, Code: code}
	}
	negated := ev("e4", "IRN", "USA", "111")
	negated.Negated = true
	d := &detente.Document{
		Article: detente.Article{ID: "a2", Published: published},
		Events: []detente.Event{
			ev("e1", "USA", "IRN", "042"), // a copy of the stored primary p1
			ev("e2", "USA", "IRN", "042"), // again: p1 gains one source only
			ev("e1", "USA", "IRN", "042"), // the same ID twice: stored once
			ev("e3", "IRN", "USA", "190"), // new: primary and counted
			ev("e5", "IRN", "USA", "190"), // a copy of e3, from this article
			negated,                       // new: primary, not counted
		},
	}
	primaries := map[EventKey]string{{"USA", "IRN", "042"}: "p1"}
	evs, bump := StoryEvents(d, "s1", primaries)
	type row struct {
		id, primary string
		counted     bool
	}
	var got []row
	for _, e := range evs {
		got = append(got, row{e.ID, e.Primary.String, e.Counted})
		if e.ArticleID != "a2" || e.StoryID != "s1" || e.NumSources != 1 || !e.Date.Equal(published) {
			t.Errorf("%s: article %q story %q sources %d date %v", e.ID, e.ArticleID, e.StoryID, e.NumSources, e.Date)
		}
	}
	want := []row{{"e1", "p1", false}, {"e2", "p1", false}, {"e3", "", true}, {"e5", "e3", false}, {"e4", "", false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events = %+v, want %+v", got, want)
	}
	if !reflect.DeepEqual(bump, []string{"p1"}) {
		t.Errorf("bump = %v, want [p1]", bump)
	}
	if primaries[EventKey{"IRN", "USA", "190"}] != "e3" || primaries[EventKey{"IRN", "USA", "111"}] != "e4" {
		t.Errorf("new primaries not recorded: %v", primaries)
	}
}

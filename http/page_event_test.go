package http

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
)

// TestEventPlaceSource: an event placed by its article's dateline says so
// on its page and in its JSON, from the stored place source; one placed by
// its sentence does not.
func TestEventPlaceSource(t *testing.T) {
	day := time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC)
	accuse := []fixtureEvent{{src: "IRNGOV", srcText: "Iran", tgt: "USA", tgtText: "the United States", code: "112", trigger: "accused"}}
	filed := fixtureDoc(t, "https://wire.example/dubai", "Wire", "Iran accuses U.S.", "dubai", day, []fixtureSentence{
		{text: "DUBAI — Iran accused the United States of lying.", events: accuse}})
	filed.Events[0].Location = detente.Location{Country: "ARE", Place: "DUBAI", Source: detente.PlaceDateline}
	named := fixtureDoc(t, "https://wire.example/gulf", "Wire", "Iran accuses U.S. in the Gulf", "gulf", day, []fixtureSentence{
		{text: "DUBAI — Iran accused the United States of lying in the Gulf.", events: accuse}})
	named.Events[0].Location = detente.Location{Place: "Gulf", Source: detente.PlaceSentence}

	st, err := sqlite.Open(context.Background(), t.TempDir()+"/detente.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.WriteDocuments(context.Background(), []detente.Document{filed, named}); err != nil {
		t.Fatal(err)
	}
	ts, _ := testServer(t, Config{Reader: st, Tension: st})
	for _, tc := range []struct {
		e        detente.Event
		dateline bool
	}{{filed.Events[0], true}, {named.Events[0], false}} {
		_, _, b := get(t, ts, "/events/"+tc.e.ID)
		if got := strings.Contains(string(b), `id="dateline"`); got != tc.dateline {
			t.Errorf("event placed at %s from its %s: page marks the dateline %v, want %v",
				tc.e.Location.Place, tc.e.Location.Source, got, tc.dateline)
		}
		var j struct {
			Location struct {
				Place       string `json:"place"`
				PlaceSource string `json:"place_source"`
			} `json:"location"`
		}
		getJSON(t, ts, "/api/v1/events/"+tc.e.ID, &j)
		if j.Location.Place != tc.e.Location.Place || j.Location.PlaceSource != string(tc.e.Location.Source) {
			t.Errorf("event JSON location %+v, want %s from %s", j.Location, tc.e.Location.Place, tc.e.Location.Source)
		}
	}
}

package coder

import (
	"testing"

	"github.com/detente-project/detente"
)

// TestPlaceOverDateline checks that an event happens where the sentence
// says, not where the dateline was filed from, and that the event records
// which of the two placed it.
func TestPlaceOverDateline(t *testing.T) {
	c := testCoder(t)
	for _, tt := range []struct {
		text, place string
		source      detente.PlaceSource
	}{
		{"DUBAI — Iran's Revolutionary Guards shot down a U.S. drone over the Strait of Hormuz.", "Strait of Hormuz", detente.PlaceSentence},
		{"WASHINGTON — The United States accused Iran of harassing commercial ships in the Gulf.", "Gulf", detente.PlaceSentence},
		{"DUBAI — Iran accused the United States of sending warships off the Gulf of Oman.", "Gulf of Oman", detente.PlaceSentence},
		{"MUSCAT — Iran accused the United States of lying.", "MUSCAT", detente.PlaceDateline},
	} {
		evs := c.CodeText(tt.text, day2015)
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		for _, e := range evs {
			if e.Location.Place != tt.place || !e.Location.HasCoord || e.Location.Source != tt.source {
				t.Errorf("%q: %s at %+v, want %s", tt.text, e.Code, e.Location, tt.place)
			}
		}
	}
}

// An event whose sentence names no place and opens with no dateline is
// placed nowhere, and says so.
func TestNoPlace(t *testing.T) {
	c := testCoder(t)
	evs := c.CodeText("Iran accused the United States of lying.", day2015)
	if len(evs) != 1 || evs[0].Location != (detente.Location{Source: detente.PlaceNone}) {
		t.Fatalf("got %+v, want one event placed nowhere", evs)
	}
}

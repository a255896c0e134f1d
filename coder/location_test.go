package coder

import "testing"

// TestPlaceOverDateline checks that an event happens where the sentence
// says, not where the dateline was filed from.
func TestPlaceOverDateline(t *testing.T) {
	c := testCoder(t)
	for _, tt := range []struct{ text, place string }{
		{"DUBAI — Iran's Revolutionary Guards shot down a U.S. drone over the Strait of Hormuz.", "Strait of Hormuz"},
		{"WASHINGTON — The United States accused Iran of harassing commercial ships in the Gulf.", "Gulf"},
		{"DUBAI — Iran accused the United States of sending warships off the Gulf of Oman.", "Gulf of Oman"},
		{"MUSCAT — Iran accused the United States of lying.", "MUSCAT"},
	} {
		evs := c.CodeText(tt.text, day2015)
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		for _, e := range evs {
			if e.Location.Place != tt.place || !e.Location.HasCoord {
				t.Errorf("%q: %s at %+v, want %s", tt.text, e.Code, e.Location, tt.place)
			}
		}
	}
}

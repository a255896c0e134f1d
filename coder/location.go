package coder

import (
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/text"
)

// location returns where the sentence says its events happened: the first
// place of the gazetteer, or country or capital of the actor dictionaries,
// named after a preposition of place ("met in Muscat", "talks in Oman",
// "a drone over the Strait of Hormuz", "a tanker off Fujairah"), with
// coordinates when the gazetteer knows the place; the dateline only when
// the sentence names no place. Its Source says which it is.
func (w *work) location() detente.Location {
	for k := 0; k+1 < len(w.s.Tokens); k++ {
		if !placePrepositions[w.word(k)] {
			continue
		}
		j := k + 1
		if w.word(j) == "the" {
			j++
		}
		if j >= len(w.s.Tokens) {
			break
		}
		if loc, ok := w.place(j); ok {
			loc.Source = detente.PlaceSentence
			return loc
		}
		m := w.mention(j)
		if m == nil || m.Entry.IsAgent || m.Entry.Agent != "" {
			continue
		}
		start, end := w.s.Tokens[m.Start].Start, w.s.Tokens[m.End-1].End
		return detente.Location{Country: m.Entry.Country, Place: w.s.Text[start:end], Source: detente.PlaceSentence}
	}
	if loc, ok := w.dateline(); ok {
		loc.Source = detente.PlaceDateline
		return loc
	}
	return detente.Location{Source: detente.PlaceNone}
}

// placePrepositions introduce where an event happened.
var placePrepositions = map[string]bool{"in": true, "at": true, "near": true, "over": true, "off": true, "across": true, "along": true}

// dateline returns the place of a dateline opening the sentence:
// "MUSCAT — ...", "HANOI, Vietnam (AP) — ...", and whether there is one.
func (w *work) dateline() (detente.Location, bool) {
	if len(w.s.Tokens) < 3 {
		return detente.Location{}, false
	}
	t := w.s.Tokens[0]
	if t.Kind != text.Word || len(t.Text) < 3 || strings.ToUpper(t.Text) != t.Text {
		return detente.Location{}, false
	}
	loc, n, _ := w.gazetteer(0)
	if n == 0 {
		return detente.Location{}, false
	}
	switch w.word(n) {
	case "—", "–", "-", ",", "(":
		return loc, true
	}
	return detente.Location{}, false
}

// place looks the words from token j up in the gazetteer.
func (w *work) place(j int) (detente.Location, bool) {
	loc, n, _ := w.gazetteer(j)
	return loc, n > 0
}

// gazetteer returns the place of the gazetteer whose name starts at token
// j, its length in tokens (0 for none) and its entry.
func (w *work) gazetteer(j int) (detente.Location, int, string) {
	if w.c.places == nil || !w.capitalised(j) {
		return detente.Location{}, 0, ""
	}
	base := w.s.Tokens[j].Start
	w.ends = w.ends[:0]
	for k := j; k < len(w.s.Tokens) && k < j+6; k++ {
		w.ends = append(w.ends, w.s.Tokens[k].End-base)
	}
	p, n, ok := w.c.places.Longest(w.s.Lower[base:], w.ends)
	if !ok {
		return detente.Location{}, 0, ""
	}
	end := w.s.Tokens[j+n-1].End
	return detente.Location{Country: p.Country, Place: w.s.Text[base:end], Lat: p.Lat, Lon: p.Lon, HasCoord: true}, n, p.Source
}

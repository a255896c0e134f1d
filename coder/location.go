package coder

import "github.com/detente-project/detente"

// location returns where the sentence says its events happened: the first
// country or capital named after "in" or "at" ("met in Muscat", "talks in
// Oman"), with coordinates when the gazetteer knows the place.
func (w *work) location() detente.Location {
	for k := 0; k+1 < len(w.s.Tokens); k++ {
		if c := w.word(k); c != "in" && c != "at" {
			continue
		}
		j := k + 1
		if w.word(j) == "the" {
			j++
		}
		m := w.mention(j)
		if m == nil || m.Entry.IsAgent || m.Entry.Agent != "" {
			continue
		}
		start, end := w.s.Tokens[m.Start].Start, w.s.Tokens[m.End-1].End
		loc := detente.Location{Country: m.Entry.Country, Place: w.s.Text[start:end]}
		if w.c.places != nil {
			if p, ok := w.c.places.Lookup(loc.Place); ok {
				loc.Lat, loc.Lon, loc.HasCoord = p.Lat, p.Lon, true
			}
		}
		return loc
	}
	return detente.Location{}
}

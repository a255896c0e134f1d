package coder

import (
	"strings"

	"github.com/detente-project/detente"
)

// A few references are resolved beyond the sentence's own phrases, where
// it is safe: "he" and "the minister" within an article that has named one
// person only, and "we" in a quotation whose speaker the sentence names.

// isPerson reports whether a dictionary entry names a person: persons live
// in files named people*.txt.
func isPerson(u *unit) bool {
	return u.entry != nil && !u.bare && strings.HasPrefix(u.entry.Source, "people")
}

// rememberPeople adds the persons named in the sentence to the article's.
func (w *work) rememberPeople() {
	for i := range w.phrases {
		for k := range w.phrases[i].units {
			u := &w.phrases[i].units[k]
			if isPerson(u) && !hasPerson(w.art.people, u.entry.Source) {
				a := w.actorOf(*u)
				w.art.people = append(w.art.people, a)
			}
		}
	}
}

func hasPerson(as []detente.Actor, entry string) bool {
	for _, a := range as {
		if a.Entry == entry {
			return true
		}
	}
	return false
}

// onlyPerson returns the article's one named person with the given agent
// ("" for any), or nil when it has named none or several.
func (w *work) onlyPerson(agent string) *detente.Actor {
	var found *detente.Actor
	for i := range w.art.people {
		p := &w.art.people[i]
		if agent != "" && p.Agent != agent {
			continue
		}
		if found != nil {
			return nil
		}
		found = p
	}
	return found
}

// personUnit wraps a remembered person as a unit.
func personUnit(p *detente.Actor) []unit {
	return []unit{{country: p.Country, agent: p.Agent, start: -1, ext: p}}
}

// resolveTitles gives "the minister", "the president" without a country the
// article's one named person of that agent.
func (w *work) resolveTitles() {
	for i := range w.phrases {
		p := &w.phrases[i]
		if len(p.units) != 1 || w.word(p.start-1) != "the" {
			continue
		}
		u := &p.units[0]
		if !u.bare || u.country != "" || u.agent != "GOV" {
			continue
		}
		if person := w.onlyPerson(u.agent); person != nil {
			u.country, u.ext, u.bare = person.Country, person, false
		}
	}
}

// insideQuote reports whether token v stands inside quotation marks.
func (w *work) insideQuote(v int) bool {
	in := false
	for k := 0; k < v; k++ {
		switch w.s.Tokens[k].Text {
		case "“":
			in = true
		case "”":
			in = false
		case "\"":
			in = !in
		}
	}
	return in
}

// speaker returns the actors who say the sentence's quotation: the subject
// of a speech verb outside the quotation ("Iran said, “We ...”", "“We
// ...,” Esper said"), or the phrase after it ("said Iran's foreign
// minister").
func (w *work) speaker() []unit {
	for k := range w.s.Tokens {
		if !w.is(k, cSpeech) || w.insideQuote(k) {
			continue
		}
		if cl := w.leftContext(k); cl.subj != 0 && !cl.passive {
			return w.phrases[cl.subj-1].units
		}
		j := k + 1
		if w.word(j) == "the" {
			j++
		}
		if j < len(w.s.Tokens) && w.startOf[j] != 0 {
			if p := &w.phrases[w.startOf[j]-1]; p.head {
				return p.units
			}
		}
	}
	return nil
}

// extraSubject finds a subject beyond the sentence's phrases for the verb
// group starting at token start: "he" or "she" for the article's one named
// person, "we" or "I" inside a quotation for its speaker.
func (w *work) extraSubject(start int) []unit {
	k := start - 1
	switch w.word(k) {
	case "he", "she":
		if k == 0 || w.word(k-1) == "," || w.word(k-1) == "and" {
			if p := w.onlyPerson(""); p != nil {
				return personUnit(p)
			}
		}
	case "we", "i":
		if w.insideQuote(k) {
			return w.speaker()
		}
	case "sides", "countries", "governments", "leaders", "nations", "neighbours", "neighbors", "rivals":
		// "Both sides", "the two countries": the two sides of the
		// article's latest event, if it is recent.
		if q := w.word(k - 1); (q == "both" || q == "two" && w.word(k-2) == "the") && len(w.art.pair) == 2 && w.index-w.art.pairAt <= 2 {
			out := make([]unit, 2)
			for i, a := range w.art.pair {
				c := &detente.Actor{Code: a.Country, Country: a.Country, Text: a.Text, Entry: a.Entry}
				out[i] = unit{country: a.Country, start: -1, ext: c}
			}
			return out
		}
	}
	return nil
}

package coder

import "github.com/detente-project/detente"

// The coder remembers a little of each article, sentence to sentence: the
// sides of its latest talks (for hosts and mediators), its accusations
// (for denials), the two sides of its latest event ("both sides") and the
// persons it names ("he", "the minister").

// artState is what the coder remembers across the sentences of an article.
type artState struct {
	parties []detente.Actor // the sides of the latest talks
	people  []detente.Actor // the persons named so far
	accused []accusation    // accusations of the last sentences
	pair    []detente.Actor // the two sides of the latest event
	pairAt  int             // its sentence index
	at      int             // sentence index of the latest talks
}

// accusation is an accusation coded in an earlier sentence.
type accusation struct {
	accuser, accused detente.Actor
	at               int // sentence index
}

// accusers returns who accused any of the actors in the article's last
// two sentences.
func (w *work) accusers(actors []unit) []unit {
	var out []unit
	for i := range w.art.accused {
		a := &w.art.accused[i]
		if w.index-a.at > 2 || a.at == w.index {
			continue
		}
		for _, u := range actors {
			if u.country == a.accused.Country {
				out = append(out, unit{country: a.accuser.Country, agent: a.accuser.Agent, start: -1, ext: &a.accuser})
				break
			}
		}
	}
	return out
}

// addMediators records hosts as mediators of the talks of the article
// they host.
func (w *work) addMediators(evs []detente.Event, hosts []unit) {
	for i := range evs {
		e := &evs[i]
		if e.SentenceIndex != w.art.at || !meetingCodes.has(e.Code) || hostCodes.has(e.Code) {
			continue
		}
		for _, h := range hosts {
			if a := w.actorOf(h); !hasActor(e.Mediators, a.Code) && a.Country != e.Source.Country && a.Country != e.Target.Country {
				e.Mediators = append(e.Mediators, a)
			}
		}
	}
}

// remember keeps the sides of the sentence's talks for later hosts, and
// records hosts as mediators of the talks they host.
func (w *work) remember(evs []detente.Event) {
	for _, e := range evs {
		// A host or mediator is a third party, not one of "both sides".
		if e.Counted() && e.Source.Country != e.Target.Country && !thirdParty(e.Code) {
			w.art.pair = append(w.art.pair[:0], e.Source, e.Target)
			w.art.pairAt = w.index
		}
	}
	for _, e := range evs {
		if e.Root == "11" && e.Counted() {
			w.art.accused = append(w.art.accused, accusation{accuser: e.Source, accused: e.Target, at: w.index})
		}
	}
	for _, e := range evs {
		if e.Negated || e.Hypothetical || !meetingCodes.has(e.Code) || hostCodes.has(e.Code) {
			continue
		}
		if w.art.at != w.index {
			w.art.parties = w.art.parties[:0]
			w.art.at = w.index
		}
		for _, x := range [...]detente.Actor{e.Source, e.Target} {
			if !hasActor(w.art.parties, x.Code) {
				w.art.parties = append(w.art.parties, x)
			}
		}
	}
}

// units returns the sides of talks reported in the last three sentences.
func (s *artState) units(index int) []unit {
	if len(s.parties) == 0 || index-s.at > 3 {
		return nil
	}
	out := make([]unit, 0, len(s.parties))
	for i := range s.parties {
		p := &s.parties[i]
		out = append(out, unit{country: p.Country, agent: p.Agent, start: -1, ext: p})
	}
	return out
}

func hasActor(as []detente.Actor, code string) bool {
	for _, a := range as {
		if a.Code == code {
			return true
		}
	}
	return false
}

// thirdParty reports whether an event's source stands between two others:
// it hosts, mediates or offers to.
func thirdParty(code string) bool {
	return thirdPartyCodes.has(code)
}

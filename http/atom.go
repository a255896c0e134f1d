package http

import (
	"encoding/xml"
	"fmt"
	nethttp "net/http"
	"time"

	"github.com/detente-project/detente"
)

// The Atom feed of alerts (RFC 4287), for feed readers. Links are relative
// to the feed's URL, which readers resolve.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Summary string     `xml:"summary"`
}

func (s *Server) alertsAtom(w nethttp.ResponseWriter, r *nethttp.Request) {
	s.atom(w, r, detente.Pair{})
}

func (s *Server) pairAtom(w nethttp.ResponseWriter, r *nethttp.Request) {
	p, err := parsePair(r.PathValue("pair"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.atom(w, r, p)
}

// atom answers the latest alerts, of one pair or of all when p is zero.
func (s *Server) atom(w nethttp.ResponseWriter, r *nethttp.Request, p detente.Pair) {
	t := s.tension(w, r)
	if t == nil {
		return
	}
	asOf, err := s.asOf(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	as, err := t.Alerts(r.Context(), detente.AlertFilter{Pair: p, Until: asOf, Limit: defaultLimit})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	feed := atomFeed{
		ID:     "urn:detente:alerts",
		Title:  "detente: tension alerts",
		Author: atomAuthor{Name: "detente"},
		Links:  []atomLink{{Rel: "self", Href: r.URL.Path}, {Rel: "alternate", Href: "/"}},
		// A feed without entries still needs a date; the epoch says "never".
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
	}
	if !p.IsZero() {
		feed.ID += ":" + p.Key()
		feed.Title = "detente: tension alerts for " + pairTitle(p)
		feed.Links[1].Href = "/pairs/" + p.Key()
	}
	for i, a := range as {
		updated := a.Created
		if updated.IsZero() {
			updated = a.Detected
		}
		if i == 0 {
			feed.Updated = updated.UTC().Format(time.RFC3339)
		}
		feed.Entries = append(feed.Entries, atomEntry{
			ID:      "urn:detente:alert:" + a.ID,
			Title:   alertTitle(a),
			Updated: updated.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Href: "/alerts/" + a.ID}},
			Summary: fmt.Sprintf("Tension index moved from %s to %s (%s) from %s, detected %s (%d days after it started, when the evidence of the days with events reached the detector's threshold), over %d events.",
				fixed(a.Before, 2, false), fixed(a.After, 2, false), fixed(a.Magnitude, 2, true), a.Start.Format(dayLayout),
				a.Detected.Format(dayLayout), int(a.Detected.Sub(a.Start).Hours()/24), len(a.EventIDs)),
		})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	if _, err := w.Write([]byte(xml.Header)); err != nil {
		return
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(feed); err != nil {
		s.log.ErrorContext(r.Context(), "write atom feed", "url", r.URL.String(), "err", err)
	}
}

// alertTitle is a one-line description of an alert, as a sentence reads:
// "Escalation between Iran and the United States from 2026-06-30", or
// "by the United States towards Iran" for a directed pair.
func alertTitle(a detente.Alert) string {
	what := "Escalation"
	if a.Direction == detente.Deescalation {
		what = "De-escalation"
	}
	between := "between " + theName(a.Pair.A) + " and " + theName(a.Pair.B)
	if a.Pair.Directed {
		between = "by " + theName(a.Pair.A) + " towards " + theName(a.Pair.B)
	}
	return fmt.Sprintf("%s %s from %s", what, between, a.Start.Format(dayLayout))
}

// withThe are the countries whose short name takes "the" in a sentence.
var withThe = map[string]bool{
	"USA": true, "GBR": true, "ARE": true, "NLD": true, "PHL": true, "BHS": true, "GMB": true,
	"MDV": true, "MHL": true, "SLB": true, "COM": true, "SYC": true, "CAF": true, "DOM": true,
	"COD": true, "VAT": true, "CYM": true, "FLK": true, "FRO": true,
}

// theName is a country's name as it reads inside a sentence: "the United
// States", "Iran".
func theName(code string) string {
	if withThe[code] {
		return "the " + countryName(code)
	}
	return countryName(code)
}

// pairTitle names a pair's countries: "Iran and United States".
func pairTitle(p detente.Pair) string {
	if p.Directed {
		return countryName(p.A) + " towards " + countryName(p.B)
	}
	return countryName(p.A) + " and " + countryName(p.B)
}

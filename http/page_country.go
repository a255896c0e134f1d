package http

import (
	nethttp "net/http"

	"github.com/detente-project/detente"
)

// countryEvents is how many events the country page lists.
const countryEvents = 10

type countryData struct {
	Code, Name string
	From, To   string
	HasTense   bool
	Chart      *lineChart
	Pairs      []detente.PairSummary
	Events     []eventView
}

func (s *Server) countryPage(w nethttp.ResponseWriter, r *nethttp.Request) {
	ctx := r.Context()
	code, err := parseCountry(r.PathValue("country"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	asOf, err := s.asOf(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	var f detente.CountryFilter
	var pts []detente.CountryPoint
	if t := s.cfg.Tension; t != nil {
		f, pts, err = s.readCountryIndex(r, t, asOf)
	} else {
		f.Country = code
		f.From, f.To, f.Interval, _, err = s.seriesRange(r.URL.Query(), asOf)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	d := countryData{Code: code, Name: countryName(code), From: f.From.Format(dayLayout), To: f.To.Format(dayLayout)}
	if t := s.cfg.Tension; t != nil {
		d.HasTense = true
		d.Chart = newLineChart(countryValues(pts), nil, 100, "articles")
		if d.Pairs, err = t.Pairs(ctx, detente.PairFilter{Country: code, AsOf: asOf, Limit: maxLimit}); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	page0, err := s.cfg.Reader.Events(ctx, detente.EventFilter{Source: code, To: asOf, Limit: countryEvents})
	if err == nil {
		d.Events, err = s.withSentences(ctx, page0.Events)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "country", page{Title: d.Name, AsOf: asOf, Data: d})
}

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
	end, err := s.lastEventDay(ctx, detente.EventFilter{Source: code})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := detente.CountryFilter{Country: code}
	if f.From, f.To, f.Interval, err = s.seriesRange(r.URL.Query(), end); err == nil {
		if err = f.Validate(); err != nil {
			err = invalid("%s", detente.ErrorMessage(err))
		}
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	d := countryData{Code: code, Name: countryName(code), From: f.From.Format(dayLayout), To: f.To.Format(dayLayout)}
	if t := s.cfg.Tension; t != nil {
		d.HasTense = true
		pts, err := t.CountryIndex(ctx, f)
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		d.Chart = newLineChart(countryValues(pts), nil, 100, "articles")
		if d.Pairs, err = t.Pairs(ctx, detente.PairFilter{Country: code, Limit: overviewPairs}); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	page0, err := s.cfg.Reader.Events(ctx, detente.EventFilter{Source: code, Limit: countryEvents})
	if err == nil {
		d.Events, err = s.withSentences(ctx, page0.Events)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "country", page{Title: d.Name, Data: d})
}

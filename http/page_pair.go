package http

import (
	"context"
	nethttp "net/http"

	"github.com/detente-project/detente"
)

// topEvents is how many events the pair page lists.
const topEvents = 12

type pairData struct {
	Pair      detente.Pair
	From, To  string
	Interval  detente.Interval
	HasTense  bool
	Chart     *lineChart
	Alerts    []detente.Alert
	Top       []eventView
	AtomURL   string
	EventsAPI string
	Countries []string // the pair's two country codes, for links to their pages
}

func (s *Server) pairPage(w nethttp.ResponseWriter, r *nethttp.Request) {
	ctx := r.Context()
	p, err := parsePair(r.PathValue("pair"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if p.Directed || p.Key() != r.PathValue("pair") {
		u := *r.URL
		u.Path = "/pairs/" + p.Undirected().Key()
		nethttp.Redirect(w, r, u.String(), nethttp.StatusMovedPermanently)
		return
	}
	asOf, err := s.asOf(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	var f detente.SeriesFilter
	var pts []detente.TensionPoint
	if t := s.cfg.Tension; t != nil {
		f, pts, err = s.readSeries(r, t, asOf)
	} else {
		f.Pair = p
		f.From, f.To, f.Interval, _, err = s.seriesRange(r.URL.Query(), asOf)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	d := pairData{Pair: p, From: f.From.Format(dayLayout), To: f.To.Format(dayLayout), Interval: f.Interval,
		AtomURL: "/api/v1/pairs/" + p.Key() + "/alerts.atom", EventsAPI: "/api/v1/events?pair=" + p.Key(),
		Countries: []string{p.A, p.B}}
	if t := s.cfg.Tension; t != nil {
		d.HasTense = true
		all, err := t.Alerts(ctx, detente.AlertFilter{Pair: p, Until: asOf, Limit: maxLimit})
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		for _, a := range all {
			if !a.Start.Before(f.From) && !a.Start.After(f.To) {
				d.Alerts = append(d.Alerts, a)
			}
		}
		d.Chart = newLineChart(tensionValues(pts), d.Alerts, 0, "events")
	}
	if d.Top, err = s.topEvents(ctx, detente.EventFilter{Pair: [2]string{p.A, p.B}, From: f.From, To: f.To, Limit: maxLimit}); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "pair", page{Title: pairTitle(p), AsOf: asOf, Data: d})
}

// topEvents lists the most reported of the newest events f selects.
func (s *Server) topEvents(ctx context.Context, f detente.EventFilter) ([]eventView, error) {
	evs, err := s.cfg.Reader.TopEvents(ctx, f, topEvents)
	if err != nil {
		return nil, err
	}
	return s.withSentences(ctx, evs)
}

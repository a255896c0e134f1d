package http

import (
	"context"
	"time"

	nethttp "net/http"

	"golang.org/x/sync/errgroup"

	"github.com/detente-project/detente"
)

// Sizes of the overview's lists.
const (
	overviewPairs  = 12
	overviewEvents = 15
	overviewAlerts = 8
	sparkDays      = 30
	mapDays        = 30
	// parallelReads bounds the reads one page makes at once.
	parallelReads = 4
)

// pairRow is one ranked pair with its sparkline.
type pairRow struct {
	detente.PairSummary
	Spark *sparkline
}

// mapView is the overview's map: shapes with their shading.
type mapView struct {
	W, H   int
	Source string
	Shapes []shadedShape
}

type shadedShape struct {
	mapShape
	Shade *countryRow
}

type overviewData struct {
	Stats     detente.Stats
	HasTense  bool
	Pairs     []pairRow
	Alerts    []detente.Alert
	Events    []eventView
	Map       *mapView
	Countries []countryRow // by index, highest first; those without data last
	MapDays   int
	AsOf      time.Time
	MorePairs int // ranked pairs not in the overview's list
}

func (s *Server) overview(w nethttp.ResponseWriter, r *nethttp.Request) {
	ctx := r.Context()
	asOf, err := s.asOf(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	var d overviewData
	d.MapDays = mapDays
	d.AsOf = asOf
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		d.Stats, err = s.cfg.Reader.Stats(gctx)
		return err
	})
	g.Go(func() error {
		page, err := s.cfg.Reader.Events(gctx, detente.EventFilter{To: asOf, Limit: overviewEvents})
		if err != nil {
			return err
		}
		d.Events, err = s.withSentences(gctx, page.Events)
		return err
	})
	if t := s.cfg.Tension; t != nil {
		d.HasTense = true
		g.Go(func() (err error) {
			d.Alerts, err = t.Alerts(gctx, detente.AlertFilter{Until: asOf, Limit: overviewAlerts})
			return err
		})
		g.Go(func() error { return s.rankedPairs(gctx, t, &d) })
	}
	if err := g.Wait(); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "overview", page{Title: "Overview", Nav: "overview", AsOf: asOf, Data: d})
}

// rankedPairs fills the pair ranking with sparklines, the country shading
// and the map.
func (s *Server) rankedPairs(ctx context.Context, t detente.TensionReader, d *overviewData) error {
	all, err := t.Pairs(ctx, detente.PairFilter{AsOf: d.AsOf, Limit: maxLimit})
	if err != nil {
		return err
	}
	top := all[:min(len(all), overviewPairs)]
	d.Pairs = make([]pairRow, len(top))
	d.MorePairs = len(all) - len(top)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallelReads)
	for i, p := range top {
		g.Go(func() error {
			to := d.AsOf
			pts, err := t.Series(gctx, detente.SeriesFilter{Pair: p.Pair, From: to.AddDate(0, 0, 1-sparkDays), To: to})
			if err != nil {
				return err
			}
			d.Pairs[i] = pairRow{PairSummary: p, Spark: newSparkline(pts)}
			return nil
		})
	}
	g.Go(func() (err error) {
		d.Countries, err = s.countryRows(gctx, t, pairCountries(all), d.AsOf, mapDays)
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	byCode := map[string]*countryRow{}
	for i, c := range d.Countries {
		byCode[c.Code] = &d.Countries[i]
	}
	if wm := s.pages.world; wm != nil {
		m := &mapView{W: wm.Width, H: wm.Height, Source: wm.Source}
		for _, sh := range wm.Shapes {
			m.Shapes = append(m.Shapes, shadedShape{mapShape: sh, Shade: byCode[sh.Code]})
		}
		d.Map = m
	}
	return nil
}

// shadeClass buckets a country index (100 is the country's baseline) into
// the map's five shades.
func shadeClass(v float64) string {
	switch {
	case v < 80:
		return "m0"
	case v < 120:
		return "m1"
	case v < 160:
		return "m2"
	case v < 250:
		return "m3"
	default:
		return "m4"
	}
}

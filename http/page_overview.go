package http

import (
	"context"
	"sort"
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

// countryShade is one country's recent index on the map or in its list.
type countryShade struct {
	Code  string
	Name  string
	Index float64
	Class string // m0 … m4
}

// mapView is the overview's map: shapes with their shading.
type mapView struct {
	W, H   int
	Source string
	Shapes []shadedShape
}

type shadedShape struct {
	mapShape
	Shade *countryShade
}

type overviewData struct {
	Stats     detente.Stats
	HasTense  bool
	Pairs     []pairRow
	Alerts    []detente.Alert
	Events    []eventView
	Map       *mapView
	Countries []countryShade // by index, highest first
	MapDays   int
}

func (s *Server) overview(w nethttp.ResponseWriter, r *nethttp.Request) {
	ctx := r.Context()
	var d overviewData
	d.MapDays = mapDays
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		d.Stats, err = s.cfg.Reader.Stats(gctx)
		return err
	})
	g.Go(func() error {
		page, err := s.cfg.Reader.Events(gctx, detente.EventFilter{Limit: overviewEvents})
		if err != nil {
			return err
		}
		d.Events, err = s.withSentences(gctx, page.Events)
		return err
	})
	if t := s.cfg.Tension; t != nil {
		d.HasTense = true
		g.Go(func() (err error) {
			d.Alerts, err = t.Alerts(gctx, detente.AlertFilter{Limit: overviewAlerts})
			return err
		})
		g.Go(func() error { return s.rankedPairs(gctx, t, &d) })
	}
	if err := g.Wait(); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "overview", page{Title: "Overview", Nav: "overview", Data: d})
}

// rankedPairs fills the pair ranking with sparklines, the country shading
// and the map.
func (s *Server) rankedPairs(ctx context.Context, t detente.TensionReader, d *overviewData) error {
	all, err := t.Pairs(ctx, detente.PairFilter{Limit: maxLimit})
	if err != nil {
		return err
	}
	top := all[:min(len(all), overviewPairs)]
	d.Pairs = make([]pairRow, len(top))
	var last time.Time
	seen := map[string]bool{}
	var codes []string
	for _, p := range all {
		if p.LastDay.After(last) {
			last = p.LastDay
		}
		for _, c := range []string{p.Pair.A, p.Pair.B} {
			if !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	shades := make([]*countryShade, len(codes))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallelReads)
	for i, p := range top {
		g.Go(func() error {
			to := p.LastDay.UTC()
			pts, err := t.Series(gctx, detente.SeriesFilter{Pair: p.Pair, From: to.AddDate(0, 0, 1-sparkDays), To: to})
			if err != nil {
				return err
			}
			d.Pairs[i] = pairRow{PairSummary: p, Spark: newSparkline(pts)}
			return nil
		})
	}
	for i, c := range codes {
		g.Go(func() error {
			to := last.UTC()
			pts, err := t.CountryIndex(gctx, detente.CountryFilter{Country: c, From: to.AddDate(0, 0, 1-mapDays), To: to})
			if err != nil {
				return err
			}
			shades[i] = shadeOf(c, pts)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	byCode := map[string]*countryShade{}
	for _, sh := range shades {
		if sh != nil {
			byCode[sh.Code] = sh
			d.Countries = append(d.Countries, *sh)
		}
	}
	sort.Slice(d.Countries, func(i, j int) bool { return d.Countries[i].Index > d.Countries[j].Index })
	if wm := s.pages.world; wm != nil {
		m := &mapView{W: wm.Width, H: wm.Height, Source: wm.Source}
		for _, sh := range wm.Shapes {
			m.Shapes = append(m.Shapes, shadedShape{mapShape: sh, Shade: byCode[sh.Code]})
		}
		d.Map = m
	}
	return nil
}

// shadeOf is a country's mean index over the days it has articles, nil
// when it has none.
func shadeOf(code string, pts []detente.CountryPoint) *countryShade {
	var sum float64
	n := 0
	for _, p := range pts {
		if p.Articles > 0 {
			sum += p.Index
			n++
		}
	}
	if n == 0 {
		return nil
	}
	v := sum / float64(n)
	return &countryShade{Code: code, Name: countryName(code), Index: v, Class: shadeClass(v)}
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

package http

import (
	nethttp "net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/detente-project/detente"
)

// tension returns the configured tension reader, or answers 404 and
// returns nil when there is none.
func (s *Server) tension(w nethttp.ResponseWriter, r *nethttp.Request) detente.TensionReader {
	if s.cfg.Tension == nil {
		writeError(w, r, s.log, detente.Errorf(detente.ENOTFOUND, "this server measures no tension"))
	}
	return s.cfg.Tension
}

// seriesRange reads from, to and interval. Without to, the range ends on
// asOf; without from, it starts defaultLookbackDays before its end and
// trim is true: the caller drops the days before the first data.
func (s *Server) seriesRange(q url.Values, asOf time.Time) (from, to time.Time, iv detente.Interval, trim bool, err error) {
	if from, to, err = parseRange(q); err != nil {
		return
	}
	if to.IsZero() {
		to = asOf
		if !from.IsZero() && to.Before(from) {
			to = from
		}
	}
	if from.IsZero() {
		from, trim = to.AddDate(0, 0, 1-defaultLookbackDays), true
	}
	switch v := q.Get("interval"); v {
	case "", "day":
		iv = detente.Day
	case "week":
		iv = detente.Week
	default:
		err = invalid("interval %q: want day or week", truncate(v))
	}
	return
}

type pairsJSON struct {
	AsOf   string                `json:"as_of"`
	Offset int                   `json:"offset"`
	Pairs  []detente.PairSummary `json:"pairs"`
}

// pairFilter reads country, directed, offset, limit and as_of.
func (s *Server) pairFilter(r *nethttp.Request) (detente.PairFilter, error) {
	q := r.URL.Query()
	var f detente.PairFilter
	var err error
	if c := q.Get("country"); c != "" {
		if f.Country, err = parseCountry(c); err != nil {
			return f, err
		}
	}
	if f.Limit, err = parseLimit(q.Get("limit")); err != nil {
		return f, err
	}
	if f.Offset, err = parseOffset(q.Get("offset")); err != nil {
		return f, err
	}
	if f.Directed, err = parseBool("directed", q.Get("directed")); err != nil {
		return f, err
	}
	f.AsOf, err = s.asOf(r)
	return f, err
}

func (s *Server) pairs(w nethttp.ResponseWriter, r *nethttp.Request) {
	t := s.tension(w, r)
	if t == nil {
		return
	}
	f, err := s.pairFilter(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	ps, err := t.Pairs(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, pairsJSON{AsOf: f.AsOf.Format(dayLayout), Offset: f.Offset, Pairs: nonNil(ps)})
}

type seriesJSON struct {
	Pair     detente.Pair           `json:"pair"`
	AsOf     string                 `json:"as_of"`
	From     string                 `json:"from"`
	To       string                 `json:"to"`
	Interval detente.Interval       `json:"interval"`
	Points   []detente.TensionPoint `json:"points"`
}

func (s *Server) series(w nethttp.ResponseWriter, r *nethttp.Request) {
	t := s.tension(w, r)
	if t == nil {
		return
	}
	asOf, err := s.asOf(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	f, pts, err := s.readSeries(r, t, asOf)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, seriesJSON{
		Pair: f.Pair, AsOf: asOf.Format(dayLayout), From: f.From.Format(dayLayout), To: f.To.Format(dayLayout),
		Interval: f.Interval, Points: nonNil(pts),
	})
}

// readSeries reads the series of the request's pair and range, ending on
// asOf by default; a range without from starts at the pair's first data
// and f.From says so.
func (s *Server) readSeries(r *nethttp.Request, t detente.TensionReader, asOf time.Time) (detente.SeriesFilter, []detente.TensionPoint, error) {
	var f detente.SeriesFilter
	var err error
	if f.Pair, err = parsePair(r.PathValue("pair")); err != nil {
		return f, nil, err
	}
	var trim bool
	if f.From, f.To, f.Interval, trim, err = s.seriesRange(r.URL.Query(), asOf); err != nil {
		return f, nil, err
	}
	if err := f.Validate(); err != nil {
		return f, nil, invalid("%s", detente.ErrorMessage(err))
	}
	pts, err := t.Series(r.Context(), f)
	if err != nil {
		return f, nil, err
	}
	if trim {
		pts = fromFirstData(pts, func(p detente.TensionPoint) bool { return p.Events > 0 })
		if len(pts) > 0 {
			f.From = pts[0].Day.UTC()
		}
	}
	return f, pts, nil
}

type countryIndexJSON struct {
	Country  string                 `json:"country"`
	Name     string                 `json:"name"`
	AsOf     string                 `json:"as_of"`
	From     string                 `json:"from"`
	To       string                 `json:"to"`
	Interval detente.Interval       `json:"interval"`
	Points   []detente.CountryPoint `json:"points"`
}

func (s *Server) countryIndex(w nethttp.ResponseWriter, r *nethttp.Request) {
	t := s.tension(w, r)
	if t == nil {
		return
	}
	asOf, err := s.asOf(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	f, pts, err := s.readCountryIndex(r, t, asOf)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, countryIndexJSON{
		Country: f.Country, Name: countryName(f.Country), AsOf: asOf.Format(dayLayout), From: f.From.Format(dayLayout),
		To: f.To.Format(dayLayout), Interval: f.Interval, Points: nonNil(pts),
	})
}

// readCountryIndex reads the index of the request's country and range,
// ending on asOf by default; a range without from starts at the country's
// first data and f.From says so.
func (s *Server) readCountryIndex(r *nethttp.Request, t detente.TensionReader, asOf time.Time) (detente.CountryFilter, []detente.CountryPoint, error) {
	var f detente.CountryFilter
	var err error
	if f.Country, err = parseCountry(r.PathValue("country")); err != nil {
		return f, nil, err
	}
	var trim bool
	if f.From, f.To, f.Interval, trim, err = s.seriesRange(r.URL.Query(), asOf); err != nil {
		return f, nil, err
	}
	if err := f.Validate(); err != nil {
		return f, nil, invalid("%s", detente.ErrorMessage(err))
	}
	pts, err := t.CountryIndex(r.Context(), f)
	if err != nil {
		return f, nil, err
	}
	if trim {
		pts = fromFirstData(pts, func(p detente.CountryPoint) bool { return p.Articles > 0 })
		if len(pts) > 0 {
			f.From = pts[0].Day.UTC()
		}
	}
	return f, pts, nil
}

type alertsJSON struct {
	Alerts []detente.Alert `json:"alerts"`
}

// alertFilter reads pair, direction, since, limit and as_of: alerts
// detected after the as-of day are not shown.
func (s *Server) alertFilter(r *nethttp.Request) (detente.AlertFilter, error) {
	q := r.URL.Query()
	var f detente.AlertFilter
	var err error
	if f.Until, err = s.asOf(r); err != nil {
		return f, err
	}
	if v := q.Get("pair"); v != "" {
		if f.Pair, err = parsePair(v); err != nil {
			return f, err
		}
	}
	switch d := detente.Direction(q.Get("direction")); d {
	case "", detente.Escalation, detente.Deescalation:
		f.Direction = d
	default:
		return f, invalid("direction %q: want escalation or de-escalation", truncate(string(d)))
	}
	if f.Since, err = parseDay("since", q.Get("since")); err != nil {
		return f, err
	}
	f.Limit, err = parseLimit(q.Get("limit"))
	return f, err
}

func (s *Server) alerts(w nethttp.ResponseWriter, r *nethttp.Request) {
	t := s.tension(w, r)
	if t == nil {
		return
	}
	f, err := s.alertFilter(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	as, err := t.Alerts(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, alertsJSON{Alerts: nonNil(as)})
}

func parseBool(name, v string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, invalid("%s %q: want true or false", name, truncate(v))
	}
	return b, nil
}

// nonNil turns a nil slice into an empty one, so that JSON shows [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// countryName returns a country's short English name, or its code.
func countryName(code string) string {
	if c, ok := countries[code]; ok {
		return c.Name
	}
	return code
}

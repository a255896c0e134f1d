package http

import (
	nethttp "net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/detente-project/detente"
)

// defaultSeriesDays is the span of a series asked for without dates.
const defaultSeriesDays = 90

// tension returns the configured tension reader, or answers 404 and
// returns nil when there is none.
func (s *Server) tension(w nethttp.ResponseWriter, r *nethttp.Request) detente.TensionReader {
	if s.cfg.Tension == nil {
		writeError(w, r, s.log, detente.Errorf(detente.ENOTFOUND, "this server measures no tension"))
	}
	return s.cfg.Tension
}

// seriesRange reads from, to and interval; without dates it gives the
// defaultSeriesDays days up to end (today when end is zero).
func (s *Server) seriesRange(q url.Values, end time.Time) (from, to time.Time, iv detente.Interval, err error) {
	if from, to, err = parseRange(q); err != nil {
		return
	}
	if end.IsZero() {
		end = s.cfg.Now().UTC().Truncate(24 * time.Hour)
	}
	switch {
	case from.IsZero() && to.IsZero():
		to = end
		from = to.AddDate(0, 0, 1-defaultSeriesDays)
	case from.IsZero():
		from = to.AddDate(0, 0, 1-defaultSeriesDays)
	case to.IsZero():
		to = from.AddDate(0, 0, defaultSeriesDays-1)
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
	Pairs []detente.PairSummary `json:"pairs"`
}

func (s *Server) pairs(w nethttp.ResponseWriter, r *nethttp.Request) {
	t := s.tension(w, r)
	if t == nil {
		return
	}
	q := r.URL.Query()
	var f detente.PairFilter
	var err error
	if c := q.Get("country"); c != "" {
		f.Country, err = parseCountry(c)
	}
	if err == nil {
		f.Limit, err = parseLimit(q.Get("limit"))
	}
	if err == nil {
		f.Directed, err = parseBool("directed", q.Get("directed"))
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	ps, err := t.Pairs(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, pairsJSON{Pairs: nonNil(ps)})
}

type seriesJSON struct {
	Pair     detente.Pair           `json:"pair"`
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
	f, err := s.seriesFilter(r, time.Time{})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	pts, err := t.Series(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, seriesJSON{
		Pair: f.Pair, From: f.From.Format(dayLayout), To: f.To.Format(dayLayout),
		Interval: f.Interval, Points: nonNil(pts),
	})
}

// seriesFilter reads a pair's series request; end is the default last day.
func (s *Server) seriesFilter(r *nethttp.Request, end time.Time) (detente.SeriesFilter, error) {
	var f detente.SeriesFilter
	var err error
	if f.Pair, err = parsePair(r.PathValue("pair")); err != nil {
		return f, err
	}
	if f.From, f.To, f.Interval, err = s.seriesRange(r.URL.Query(), end); err != nil {
		return f, err
	}
	if err := f.Validate(); err != nil {
		return f, invalid("%s", detente.ErrorMessage(err))
	}
	return f, nil
}

type countryIndexJSON struct {
	Country  string                 `json:"country"`
	Name     string                 `json:"name"`
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
	f, err := s.countryFilter(r, time.Time{})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	pts, err := t.CountryIndex(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, countryIndexJSON{
		Country: f.Country, Name: countryName(f.Country), From: f.From.Format(dayLayout),
		To: f.To.Format(dayLayout), Interval: f.Interval, Points: nonNil(pts),
	})
}

// countryFilter reads a country index request; end is the default last day.
func (s *Server) countryFilter(r *nethttp.Request, end time.Time) (detente.CountryFilter, error) {
	var f detente.CountryFilter
	var err error
	if f.Country, err = parseCountry(r.PathValue("country")); err != nil {
		return f, err
	}
	if f.From, f.To, f.Interval, err = s.seriesRange(r.URL.Query(), end); err != nil {
		return f, err
	}
	if err := f.Validate(); err != nil {
		return f, invalid("%s", detente.ErrorMessage(err))
	}
	return f, nil
}

type alertsJSON struct {
	Alerts []detente.Alert `json:"alerts"`
}

// alertFilter reads pair, direction, since and limit.
func alertFilter(q url.Values) (detente.AlertFilter, error) {
	var f detente.AlertFilter
	var err error
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
	f, err := alertFilter(r.URL.Query())
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

package http

import (
	"context"
	nethttp "net/http"
	"time"
)

// defaultLookbackDays is how far before its last day a series asked for
// without from starts at most; it starts at its first data when later.
const defaultLookbackDays = 365

// asOf is the day that every window of a request ends on: the as_of query
// parameter; else the request's own last day (to), which ends its window;
// else the day of the newest event in the store, so that a corpus of last
// year reads as of its own last day rather than of today (today when the
// store holds no event).
func (s *Server) asOf(r *nethttp.Request) (time.Time, error) {
	q := r.URL.Query()
	if v := q.Get("as_of"); v != "" {
		return parseDay("as_of", v)
	}
	if to, err := parseDay("to", q.Get("to")); err == nil && !to.IsZero() {
		return to, nil
	}
	return s.latestDay(r.Context())
}

// latestDay is the day of the newest event in the store, today when none.
func (s *Server) latestDay(ctx context.Context) (time.Time, error) {
	d, err := s.cfg.Reader.NewestDay(ctx)
	if err != nil {
		return d, err
	}
	if d.IsZero() {
		d = s.cfg.Now().UTC().Truncate(24 * time.Hour)
	}
	return d, nil
}

// fromFirstData drops the points of a series before its first point with
// data (has reports whether a point has any), so that a chart starts where
// the evidence does rather than drawing a flat prior over empty months.
// A series with no data at all is returned whole.
func fromFirstData[T any](pts []T, has func(T) bool) []T {
	for i, p := range pts {
		if has(p) {
			return pts[i:]
		}
	}
	return pts
}

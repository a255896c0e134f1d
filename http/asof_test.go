package http

import (
	"strings"
	"testing"
	"time"
)

// TestAsOf checks that every window ends on one day: the newest event's
// by default, however late the wall clock, or the as_of parameter's.
func TestAsOf(t *testing.T) {
	later := func() time.Time { return time.Date(2031, 3, 4, 12, 0, 0, 0, time.UTC) }
	ts, _ := testServer(t, Config{Now: later})
	const last = "2025-07-29" // the fixture's newest event

	var s seriesJSON
	getJSON(t, ts, "/api/v1/pairs/IRN-USA/series", &s)
	if s.AsOf != last || s.To != last || s.From != "2025-06-01" || len(s.Points) != 59 || s.Points[0].Events == 0 {
		t.Errorf("default series: as of %s, %s..%s, %d points (first with %d events); want as of %s, 2025-06-01..%s, 59 points starting at the first data",
			s.AsOf, s.From, s.To, len(s.Points), s.Points[0].Events, last, last)
	}
	getJSON(t, ts, "/api/v1/pairs/IRN-USA/series?as_of=2025-07-01", &s)
	if s.AsOf != "2025-07-01" || s.To != "2025-07-01" || s.From != "2025-06-01" {
		t.Errorf("series as of 2025-07-01: as of %s, %s..%s", s.AsOf, s.From, s.To)
	}
	var ci countryIndexJSON
	getJSON(t, ts, "/api/v1/countries/TWN/index", &ci)
	if ci.To != last || ci.From != "2025-06-01" || ci.Points[0].Articles == 0 {
		t.Errorf("default country index: %s..%s, first point %+v", ci.From, ci.To, ci.Points[0])
	}

	var ps pairsJSON
	getJSON(t, ts, "/api/v1/pairs", &ps)
	if ps.AsOf != last || len(ps.Pairs) < 3 {
		t.Fatalf("pairs as of %s: %d pairs", ps.AsOf, len(ps.Pairs))
	}
	var second pairsJSON
	getJSON(t, ts, "/api/v1/pairs?offset=1&limit=1", &second)
	if len(second.Pairs) != 1 || second.Pairs[0].Pair != ps.Pairs[1].Pair || second.Offset != 1 {
		t.Errorf("offset 1, limit 1: %+v, want %s", second, ps.Pairs[1].Pair)
	}
	getJSON(t, ts, "/api/v1/pairs?as_of=2025-06-10", &ps)
	for _, p := range ps.Pairs {
		if p.LastDay.After(time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)) || p.AsOf.Format(dayLayout) != "2025-06-10" {
			t.Errorf("pairs as of 2025-06-10: %+v", p)
		}
	}
	var as alertsJSON
	getJSON(t, ts, "/api/v1/alerts", &as)
	if len(as.Alerts) == 0 {
		t.Fatal("the fixture has no alert")
	}
	first := as.Alerts[len(as.Alerts)-1].Detected
	getJSON(t, ts, "/api/v1/alerts?as_of="+first.AddDate(0, 0, -1).Format(dayLayout), &as)
	if len(as.Alerts) != 0 {
		t.Errorf("alerts as of the day before the first detection: %+v", as.Alerts)
	}
	if status, _, _ := get(t, ts, "/api/v1/pairs?as_of=yesterday"); status != 400 {
		t.Errorf("as_of=yesterday: status %d, want 400", status)
	}

	for _, path := range []string{"/", "/pairs", "/countries", "/pairs/IRN-USA", "/countries/IRN", "/search?q=talks", "/events/nope"} {
		for _, q := range []struct{ query, want string }{{"", last}, {"as_of=2025-07-01", "2025-07-01"}} {
			p := path
			if q.query != "" {
				p += map[bool]string{true: "&", false: "?"}[strings.Contains(p, "?")] + q.query
			}
			_, _, b := get(t, ts, p)
			if want := `Data as of <time datetime="` + q.want + `">`; !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %q", p, want)
			}
		}
	}
}

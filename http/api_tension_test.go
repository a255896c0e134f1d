package http

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/tension"
)

func TestTensionAPI(t *testing.T) {
	ts, _ := testServer(t, Config{})

	var pairs pairsJSON
	getJSON(t, ts, "/api/v1/pairs", &pairs)
	keys := map[string]bool{}
	for i, p := range pairs.Pairs {
		keys[p.Pair.Key()] = true
		if i == 0 {
			continue
		}
		prev := pairs.Pairs[i-1]
		if p.Alerted && !prev.Alerted || p.Alerted == prev.Alerted && p.Score > prev.Score {
			t.Errorf("pairs not ranked alerts first, then by score: %+v after %+v", p, prev)
		}
	}
	for _, want := range []string{"IRN-USA", "IRN-ISR", "CHN-TWN"} {
		if !keys[want] {
			t.Errorf("pairs lack %s: %v", want, keys)
		}
	}
	getJSON(t, ts, "/api/v1/pairs?country=CHN", &pairs)
	if len(pairs.Pairs) != 1 || pairs.Pairs[0].Pair.Key() != "CHN-TWN" {
		t.Errorf("pairs of CHN: %+v", pairs.Pairs)
	}

	// A series has one point per day, in either order of the pair.
	for _, tc := range []struct {
		path, pair, from, to string
		points               int
	}{
		{"/api/v1/pairs/USA-IRN/series?from=2025-06-01&to=2025-06-30", "IRN-USA", "2025-06-01", "2025-06-30", 30},
		{"/api/v1/pairs/IRN-USA/series?from=2025-06-02&to=2025-06-29&interval=week", "IRN-USA", "2025-06-02", "2025-06-29", 4},
		{"/api/v1/pairs/ISR-IRN/series?from=2025-07-10", "IRN-ISR", "2025-07-10", "2025-07-29", 20},
	} {
		var s seriesJSON
		getJSON(t, ts, tc.path, &s)
		if s.Pair.Key() != tc.pair {
			t.Errorf("%s: pair %s, want %s", tc.path, s.Pair, tc.pair)
		}
		if s.From != tc.from || s.To != tc.to || len(s.Points) != tc.points {
			t.Errorf("%s: %s..%s with %d points, want %s..%s with %d", tc.path, s.From, s.To, len(s.Points), tc.from, tc.to, tc.points)
		}
	}
	var s seriesJSON
	getJSON(t, ts, "/api/v1/pairs/IRN-USA/series?from=2025-06-01&to=2025-06-30", &s)
	counted := 0
	for _, p := range s.Points {
		counted += p.Events
	}
	// Every other day one counted talk or accusation, plus the Oman story's
	// event between OMN and USA, which is not this pair's.
	if counted != 15 {
		t.Errorf("IRN-USA June: %d counted events, want 15", counted)
	}

	var ci countryIndexJSON
	getJSON(t, ts, "/api/v1/countries/IRN/index?from=2025-06-01&to=2025-07-30", &ci)
	if ci.Country != "IRN" || ci.Name != "Iran" || len(ci.Points) != 60 {
		t.Errorf("IRN index: %s %s, %d points", ci.Country, ci.Name, len(ci.Points))
	}

	var as alertsJSON
	getJSON(t, ts, "/api/v1/alerts", &as)
	for _, a := range as.Alerts {
		if a.Direction != detente.Escalation && a.Direction != detente.Deescalation {
			t.Errorf("alert %+v", a)
		}
	}
	getJSON(t, ts, "/api/v1/alerts?direction=de-escalation", &as)
	for _, a := range as.Alerts {
		if a.Direction != detente.Deescalation {
			t.Errorf("direction filter let through %+v", a)
		}
	}
}

func TestAtom(t *testing.T) {
	ts, _ := testServer(t, Config{})
	for _, path := range []string{"/api/v1/alerts.atom", "/api/v1/pairs/USA-IRN/alerts.atom"} {
		status, h, b := get(t, ts, path)
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("%s: status %d, type %q", path, status, h.Get("Content-Type"))
		}
		var feed atomFeed
		if err := xml.Unmarshal(b, &feed); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.ID == "" || feed.Updated == "" || feed.Title == "" {
			t.Errorf("%s: feed %+v", path, feed)
		}
		for _, e := range feed.Entries {
			if e.ID == "" || e.Title == "" || e.Updated == "" || len(e.Links) == 0 {
				t.Errorf("%s: entry %+v", path, e)
			}
		}
	}
}

func TestSubscriptions(t *testing.T) {
	ts, _ := testServer(t, Config{Token: "tok"})
	post := func(body string) (int, []byte) {
		status, _, b := do(t, ts, "POST", "/api/v1/subscriptions", "tok", strings.NewReader(body))
		return status, b
	}
	for _, tc := range []struct {
		body   string
		status int
		msg    string
	}{
		{`{"pair":"IRN-USA","url":"ftp://127.0.0.1/hook"}`, 400, "http"},
		{`{"pair":"IRN-IRN","url":"http://127.0.0.1:9/hook"}`, 400, "itself"},
		{`{"url":"http://127.0.0.1:9/hook","extra":1}`, 400, "unknown field"},
		{`{"pair":"IRN-USA"}`, 400, "url is required"},
		{`not json`, 400, "request body"},
		{`{"url":"http://127.0.0.1:9/a"} {"url":"http://127.0.0.1:9/b"}`, 400, "one JSON object"},
		{`{"url":"` + strings.Repeat("a", maxBody) + `"}`, 400, "larger"},
	} {
		status, b := post(tc.body)
		if status != tc.status {
			t.Errorf("%.60s: status %d, want %d: %s", tc.body, status, tc.status, b)
			continue
		}
		if e := apiError(t, b); !strings.Contains(e.Message, tc.msg) {
			t.Errorf("%.60s: message %q, want %q", tc.body, e.Message, tc.msg)
		}
	}

	status, b := post(`{"pair":"USA-IRN","url":"http://127.0.0.1:9/hook"}`)
	if status != 201 {
		t.Fatalf("create: %d %s", status, b)
	}
	var created detente.Subscription
	decode(t, b, &created)
	if created.ID == "" || created.Secret == "" || created.Pair.Key() != "IRN-USA" {
		t.Fatalf("created %+v", created)
	}
	status, _, b = do(t, ts, "GET", "/api/v1/subscriptions", "tok", nil)
	var list subscriptionsJSON
	decode(t, b, &list)
	if status != 200 || len(list.Subscriptions) != 1 || list.Subscriptions[0].Secret != "" {
		t.Errorf("list: %d %s", status, b)
	}
	status, _, b = do(t, ts, "GET", "/api/v1/subscriptions/"+created.ID, "tok", nil)
	if status != 200 || strings.Contains(string(b), created.Secret) {
		t.Errorf("get: %d %s", status, b)
	}
	if status, _, b = do(t, ts, "DELETE", "/api/v1/subscriptions/"+created.ID, "tok", nil); status != 204 {
		t.Errorf("delete: %d %s", status, b)
	}
	for _, method := range []string{"GET", "DELETE"} {
		if status, _, b = do(t, ts, method, "/api/v1/subscriptions/"+created.ID, "tok", nil); status != 404 {
			t.Errorf("%s after delete: %d %s", method, status, b)
		}
	}
}

// TestWithoutTension serves a store's events alone: the tension endpoints
// answer 404 and the pages still work.
func TestWithoutTension(t *testing.T) {
	st, _ := fixtureStore(t)
	ts, _ := testServer(t, Config{Reader: st, Token: "tok"})
	for _, path := range []string{"/api/v1/pairs", "/api/v1/pairs/USA-IRN/series", "/api/v1/countries/IRN/index", "/api/v1/alerts", "/api/v1/alerts.atom"} {
		status, _, b := get(t, ts, path)
		if e := apiError(t, b); status != 404 || e.Code != detente.ENOTFOUND {
			t.Errorf("%s: %d %+v", path, status, e)
		}
	}
	if status, _, b := do(t, ts, "GET", "/api/v1/subscriptions", "tok", nil); status != 404 {
		t.Errorf("subscriptions: %d %s", status, b)
	}
	for _, path := range []string{"/", "/pairs/IRN-USA", "/countries/IRN"} {
		if status, _, _ := get(t, ts, path); status != 200 {
			t.Errorf("%s: %d", path, status)
		}
	}
}

func TestAlertTitle(t *testing.T) {
	start := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		pair detente.Pair
		dir  detente.Direction
		want string
	}{
		{detente.NewPair("USA", "IRN", false), detente.Escalation, "Escalation between Iran and the United States from 2026-06-30"},
		{detente.NewPair("USA", "IRN", true), detente.Escalation, "Escalation by the United States towards Iran from 2026-06-30"},
		{detente.NewPair("GBR", "OMN", true), detente.Deescalation, "De-escalation by the United Kingdom towards Oman from 2026-06-30"},
	} {
		if got := alertTitle(detente.Alert{Pair: tc.pair, Direction: tc.dir, Start: start}); got != tc.want {
			t.Errorf("alertTitle(%s %s) = %q, want %q", tc.pair, tc.dir, got, tc.want)
		}
	}
}

func TestAlertPage(t *testing.T) {
	ts, _ := testServer(t, Config{})
	var as alertsJSON
	getJSON(t, ts, "/api/v1/alerts", &as)
	if len(as.Alerts) == 0 {
		t.Fatal("the fixture has no alert")
	}
	// Each alert page names the threshold its test used: a new pair's,
	// against the neutral level, or a settled pair's, against its own.
	for _, a := range as.Alerts {
		status, _, b := get(t, ts, "/alerts/"+a.ID)
		body := string(b)
		threshold := "threshold (5.5"
		if tension.Appeared(a) {
			threshold = "threshold for new pairs (5.0"
		}
		for _, want := range []string{"Change started", `<time datetime="` + a.Start.Format(dayLayout) + `">`,
			"Detected", `<time datetime="` + a.Detected.Format(dayLayout) + `">`, "Why then", threshold, "Events behind the alert", `href="/events/`} {
			if !strings.Contains(body, want) {
				t.Errorf("alert page of %s %s (before %.2f) lacks %q", a.Pair, a.Direction, a.Before, want)
			}
		}
		if status != 200 {
			t.Errorf("alert page: status %d", status)
		}
		checkPage(t, body)
	}
	if status, _, _ := get(t, ts, "/alerts/nope"); status != 404 {
		t.Errorf("unknown alert: status %d, want 404", status)
	}
	_, _, b := get(t, ts, "/api/v1/alerts.atom")
	if !strings.Contains(string(b), `href="/alerts/`+as.Alerts[0].ID+`"`) || !strings.Contains(string(b), "days after it started") {
		t.Errorf("the Atom entries do not link to the alert pages or say when the change started")
	}
}

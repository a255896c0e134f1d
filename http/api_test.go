package http

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	nethttp "net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
)

// testServer serves cfg on a real listener on 127.0.0.1. Without a Reader
// it reads, measures tension and keeps subscriptions in the fixture store.
func testServer(t *testing.T, cfg Config) (*httptest.Server, []detente.Document) {
	t.Helper()
	var docs []detente.Document
	if cfg.Reader == nil {
		var st *sqlite.Store
		st, docs = fixtureStore(t)
		cfg.Reader, cfg.Tension, cfg.Subscriptions = st, st, st
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ts := httptest.NewServer(NewServer(cfg).Handler())
	t.Cleanup(ts.Close)
	return ts, docs
}

// get fetches path and returns the status, headers and body.
func do(t *testing.T, ts *httptest.Server, method, path, token string, body io.Reader) (int, nethttp.Header, []byte) {
	t.Helper()
	req, err := nethttp.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func get(t *testing.T, ts *httptest.Server, path string) (int, nethttp.Header, []byte) {
	return do(t, ts, "GET", path, "", nil)
}

// apiError decodes an error body, failing when it has not the documented
// shape.
func apiError(t *testing.T, b []byte) errorDetail {
	t.Helper()
	var e errorBody
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body %s: want {\"error\":{\"code\",\"message\"}} (%v)", b, err)
	}
	return e.Error
}

func TestAPIValidation(t *testing.T) {
	ts, _ := testServer(t, Config{})
	bogus := "Zm9vAWJhcg" // base64 of "foo\x01bar": well-formed, not a cursor the store made
	for _, tc := range []struct {
		path   string
		status int
		code   string
		inMsg  string
	}{
		{"/api/v1/events?source=iran", 400, detente.EINVALID, "source"},
		{"/api/v1/events?pair=USA-USA", 400, detente.EINVALID, "itself"},
		{"/api/v1/events?pair=USA-XYZ", 400, detente.EINVALID, "XYZ"},
		{"/api/v1/events?pair=USAIRN", 400, detente.EINVALID, "pair"},
		{"/api/v1/events?from=2025-13-01", 400, detente.EINVALID, "from"},
		{"/api/v1/events?from=2025-06-10&to=2025-06-01", 400, detente.EINVALID, "backwards"},
		{"/api/v1/events?from=2010-01-01&to=2025-01-01", 400, detente.EINVALID, "ten years"},
		{"/api/v1/events?limit=0", 400, detente.EINVALID, "limit"},
		{"/api/v1/events?limit=501", 400, detente.EINVALID, "limit"},
		{"/api/v1/events?limit=ten", 400, detente.EINVALID, "limit"},
		{"/api/v1/events?cursor=%3Cscript%3E", 400, detente.EINVALID, "cursor"},
		{"/api/v1/events?cursor=" + bogus, 400, detente.EINVALID, "cursor"},
		{"/api/v1/events?include=all", 400, detente.EINVALID, "include"},
		{"/api/v1/events?quad=5", 400, detente.EINVALID, "quad"},
		{"/api/v1/events?root=4", 400, detente.EINVALID, "root"},
		{"/api/v1/events?q=" + strings.Repeat("x", 201), 400, detente.EINVALID, "longer"},
		{"/api/v1/articles?limit=1000", 400, detente.EINVALID, "limit"},
		{"/api/v1/articles?to=yesterday", 400, detente.EINVALID, "to"},
		{"/api/v1/events/nope", 404, detente.ENOTFOUND, ""},
		{"/api/v1/articles/nope", 404, detente.ENOTFOUND, ""},
		{"/api/v1/pairs?country=XYZ", 400, detente.EINVALID, "XYZ"},
		{"/api/v1/pairs?directed=maybe", 400, detente.EINVALID, "directed"},
		{"/api/v1/pairs/USA-USA/series", 400, detente.EINVALID, "itself"},
		{"/api/v1/pairs/USA-ZZZ/series", 400, detente.EINVALID, "ZZZ"},
		{"/api/v1/pairs/USA/series", 400, detente.EINVALID, "pair"},
		{"/api/v1/pairs/USA-IRN/series?from=2025-07-01&to=2025-06-01", 400, detente.EINVALID, "backwards"},
		{"/api/v1/pairs/USA-IRN/series?from=2010-01-01&to=2025-06-01", 400, detente.EINVALID, "ten years"},
		{"/api/v1/pairs/USA-IRN/series?interval=month", 400, detente.EINVALID, "interval"},
		{"/api/v1/pairs/USA-IRN/alerts.atom?x=1", 400, detente.EINVALID, "unknown query parameter"},
		{"/api/v1/pairs/IRN-IRN/alerts.atom", 400, detente.EINVALID, "itself"},
		{"/api/v1/countries/XYZ/index", 400, detente.EINVALID, "XYZ"},
		{"/api/v1/countries/irn/index", 400, detente.EINVALID, "irn"},
		{"/api/v1/countries/IRN/index?from=2025-13-01", 400, detente.EINVALID, "from"},
		{"/api/v1/alerts?direction=up", 400, detente.EINVALID, "direction"},
		{"/api/v1/alerts?pair=IRN-XYZ", 400, detente.EINVALID, "XYZ"},
		{"/api/v1/alerts?since=June", 400, detente.EINVALID, "since"},
		{"/api/v1/nothing", 404, detente.ENOTFOUND, "no endpoint"},
		{"/api/v2/events", 404, detente.ENOTFOUND, "no endpoint"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			status, h, b := get(t, ts, tc.path)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, b)
			}
			if status == 200 {
				return
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			e := apiError(t, b)
			if e.Code != tc.code || !strings.Contains(e.Message, tc.inMsg) {
				t.Errorf("error %+v, want code %s and message with %q", e, tc.code, tc.inMsg)
			}
		})
	}
}

func TestAPIReads(t *testing.T) {
	ts, docs := testServer(t, Config{})
	var st detente.Stats
	getJSON(t, ts, "/api/v1/stats", &st)
	if st.Articles != len(docs) || st.Events == 0 || st.Sentences == 0 || st.Stories == 0 {
		t.Errorf("stats %+v for %d documents", st, len(docs))
	}
	var health map[string]string
	getJSON(t, ts, "/api/v1/health", &health)
	if health["status"] != "ok" || health["version"] != detente.Version {
		t.Errorf("health %v", health)
	}

	// Events of a pair on a day.
	var evs eventsJSON
	getJSON(t, ts, "/api/v1/events?pair=IRN-USA&from=2025-06-01&to=2025-06-01", &evs)
	if len(evs.Events) != 1 || evs.Events[0].Code != "046" || evs.Events[0].Date != "2025-06-01" {
		t.Fatalf("events of USA-IRN on 2025-06-01: %+v", evs.Events)
	}
	e := evs.Events[0]
	if e.Source.Text != "U.S. envoys" || e.Trigger.Text != "met" || e.Quad != 1 || e.Mediators == nil {
		t.Errorf("event %+v", e)
	}
	// The negated statement is left out unless asked for.
	getJSON(t, ts, "/api/v1/events?pair=IRN-USA&from=2025-06-01&to=2025-06-01&include=uncounted", &evs)
	if len(evs.Events) != 2 {
		t.Errorf("with uncounted: %d events, want 2", len(evs.Events))
	}
	// Filters by root, quad, source, agent and text.
	for _, tc := range []struct {
		query string
		check func(eventJSON) bool
	}{
		{"root=19", func(e eventJSON) bool { return e.Root == "19" }},
		{"quad=4", func(e eventJSON) bool { return e.Quad == 4 }},
		{"source=CHN", func(e eventJSON) bool { return e.Source.Country == "CHN" }},
		{"agent=MIL", func(e eventJSON) bool { return e.Source.Agent == "MIL" || e.Target.Agent == "MIL" }},
		{"code=043", func(e eventJSON) bool { return e.Code == "043" && e.NumSources == 3 }},
		{"pair=USA>IRN", func(e eventJSON) bool { return e.Source.Country == "USA" && e.Target.Country == "IRN" }},
		{"q=drills", func(e eventJSON) bool { return e.Code == "152" }},
	} {
		getJSON(t, ts, "/api/v1/events?"+tc.query, &evs)
		if len(evs.Events) == 0 {
			t.Errorf("%s: no events", tc.query)
		}
		for _, e := range evs.Events {
			if !tc.check(e) {
				t.Errorf("%s: event %s %s→%s %s does not match", tc.query, e.ID, e.Source.Code, e.Target.Code, e.Code)
			}
		}
	}

	// Paging with the cursor visits every event once.
	seen := map[string]bool{}
	next, pages := "", 0
	for {
		getJSON(t, ts, "/api/v1/events?limit=7&cursor="+url.QueryEscape(next), &evs)
		pages++
		for _, e := range evs.Events {
			if seen[e.ID] {
				t.Fatalf("event %s on two pages", e.ID)
			}
			seen[e.ID] = true
		}
		if next = evs.Next; next == "" || pages > 100 {
			break
		}
	}
	var all eventsJSON
	getJSON(t, ts, "/api/v1/events?limit=500", &all)
	if len(seen) != len(all.Events) || pages < 2 {
		t.Errorf("paging saw %d events in %d pages, one page of 500 has %d", len(seen), pages, len(all.Events))
	}

	// One event, one article with its sentences and events.
	var one eventJSON
	getJSON(t, ts, "/api/v1/events/"+e.ID, &one)
	if one.ID != e.ID || one.ArticleID != e.ArticleID {
		t.Errorf("event by id: %+v", one)
	}
	var art articleJSON
	getJSON(t, ts, "/api/v1/articles/"+e.ArticleID, &art)
	if art.ID != e.ArticleID || len(art.Sentences) != 2 || len(art.Events) == 0 || art.Body == "" {
		t.Errorf("article: %d sentences, %d events, body %q", len(art.Sentences), len(art.Events), art.Body)
	}
	var arts articlesJSON
	getJSON(t, ts, "/api/v1/articles?limit=2", &arts)
	if len(arts.Articles) != 2 || arts.Next == "" || arts.Articles[0].Body != "" {
		t.Errorf("articles page: %d articles, next %q", len(arts.Articles), arts.Next)
	}
	getJSON(t, ts, "/api/v1/articles?story=oman-talks", &arts)
	if len(arts.Articles) != 3 {
		t.Errorf("story oman-talks: %d articles, want 3", len(arts.Articles))
	}
}

// getJSON fetches path, wants 200 and decodes the body into v.
func getJSON(t *testing.T, ts *httptest.Server, path string, v any) {
	t.Helper()
	status, h, b := get(t, ts, path)
	if status != nethttp.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, status, b)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: content type %q", path, ct)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v: %s", path, err, b)
	}
}

func TestAuth(t *testing.T) {
	pushed := 0
	push := nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		pushed++
		w.WriteHeader(nethttp.StatusAccepted)
	})
	open, _ := testServer(t, Config{Push: push})
	guarded, _ := testServer(t, Config{Push: push, Token: "s3cret"})
	for _, tc := range []struct {
		name   string
		ts     *httptest.Server
		method string
		path   string
		token  string
		status int
	}{
		{"no token configured: push disabled", open, "POST", "/api/v1/articles", "s3cret", 403},
		{"no token configured: subscriptions disabled", open, "GET", "/api/v1/subscriptions", "", 403},
		{"missing token", guarded, "POST", "/api/v1/articles", "", 401},
		{"wrong token", guarded, "POST", "/api/v1/articles", "guess", 401},
		{"wrong token on delete", guarded, "DELETE", "/api/v1/subscriptions/x", "guess", 401},
		{"right token: push", guarded, "POST", "/api/v1/articles", "s3cret", 202},
		{"right token: subscriptions", guarded, "GET", "/api/v1/subscriptions", "s3cret", 200},
		{"reads stay open", guarded, "GET", "/api/v1/stats", "", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := pushed
			status, h, b := do(t, tc.ts, tc.method, tc.path, tc.token, strings.NewReader("{}"))
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, b)
			}
			if status >= 400 {
				apiError(t, b)
			}
			if status == 401 && h.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if got := pushed - before; (status == 202) != (got == 1) {
				t.Errorf("push handler ran %d times for status %d", got, status)
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	ts, _ := testServer(t, Config{Token: "tok"})
	for _, tc := range []struct{ method, path, allow string }{
		{"DELETE", "/api/v1/events", "GET"},
		{"POST", "/api/v1/stats", "GET"},
		{"PUT", "/api/v1/subscriptions", "GET, POST"},
	} {
		status, h, b := do(t, ts, tc.method, tc.path, "tok", nil)
		if status != 405 || h.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d, Allow %q: %s", tc.method, tc.path, status, h.Get("Allow"), b)
			continue
		}
		if e := apiError(t, b); e.Code != "method_not_allowed" {
			t.Errorf("%s %s: %+v", tc.method, tc.path, e)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts, _ := testServer(t, Config{})
	for _, path := range []string{"/", "/api/v1/stats", "/api/v1/events?limit=0", "/assets/app.js", "/no/such/page", "/metrics"} {
		_, h, _ := get(t, ts, path)
		if got := h.Get("Content-Security-Policy"); got != csp {
			t.Errorf("%s: CSP %q", path, got)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %s", want)
		}
	}
	if strings.Contains(csp, "unsafe") {
		t.Errorf("CSP allows unsafe code: %s", csp)
	}
}

// TestInternalError reads from a closed store: the client sees only
// "internal error", the log has the detail.
func TestInternalError(t *testing.T) {
	st, _ := fixtureStore(t)
	st.Close()
	var log bytes.Buffer
	ts, _ := testServer(t, Config{Reader: st, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	status, _, b := get(t, ts, "/api/v1/stats")
	if status != 500 {
		t.Fatalf("status %d: %s", status, b)
	}
	if e := apiError(t, b); e.Code != detente.EINTERNAL || e.Message != "internal error" {
		t.Errorf("error %+v", e)
	}
	if !strings.Contains(log.String(), "closed") || !strings.Contains(log.String(), "stage=http") {
		t.Errorf("log lacks the detail: %s", log.String())
	}
}

func TestStatusOf(t *testing.T) {
	for code, want := range map[string]int{
		detente.EINVALID: 400, detente.ENOTFOUND: 404, detente.EUNAUTHORIZED: 401,
		detente.ECONFLICT: 409, errForbidden: 403, detente.EINTERNAL: 500, "": 500, "other": 500,
	} {
		if got := statusOf(code); got != want {
			t.Errorf("statusOf(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestMetrics(t *testing.T) {
	ts, _ := testServer(t, Config{})
	get(t, ts, "/api/v1/events/nope")
	get(t, ts, "/api/v1/stats")
	_, _, b := get(t, ts, "/metrics")
	for _, want := range []string{
		`detente_http_request_duration_seconds_bucket{code="404",route="GET /api/v1/events/{id}"`,
		`detente_http_request_duration_seconds_count{code="200",route="GET /api/v1/stats"} 1`,
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func decode(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
}

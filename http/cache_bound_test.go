package http

import (
	"fmt"
	nethttp "net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The cache holds at most its byte bound of answers, however many distinct
// URLs are asked for, and keys on the parameters the endpoint reads, in a
// fixed order, so that reordered or repeated parameters share one entry.
func TestResponseCacheBoundAndKey(t *testing.T) {
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	var calls atomic.Int64
	const bound = 64 << 10
	c := newResponseCache(time.Minute, bound, func() time.Time { return now })
	body := strings.Repeat("x", 1<<10)
	h := c.wrap(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		calls.Add(1)
		fmt.Fprint(w, body)
	}, []string{"country", "limit"})
	get := func(url string) {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest("GET", url, nil))
		if rec.Code != nethttp.StatusOK || rec.Body.Len() != len(body) {
			t.Fatalf("%s: %d with %d bytes", url, rec.Code, rec.Body.Len())
		}
	}
	for i := range 1000 {
		get(fmt.Sprintf("/pairs?limit=%d", i))
		if c.bytes > bound {
			t.Fatalf("after %d URLs the cache holds %d bytes, bound %d", i+1, c.bytes, bound)
		}
	}
	if len(c.entries) == 0 {
		t.Error("nothing cached")
	}

	calls.Store(0)
	for _, url := range []string{
		"/pairs?country=usa&limit=5",
		"/pairs?limit=5&country=usa",
		"/pairs?limit=5&country=usa&limit=7",
		"/pairs?limit=5&country=usa&country=",
	} {
		get(url)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("four spellings of one query computed %d times, want once", n)
	}
}

// The cached endpoints refuse query parameters they do not read, with a
// 400 naming the parameter, instead of keeping an answer per junk value.
func TestCachedEndpointsRefuseUnknownParameters(t *testing.T) {
	ts, _ := testServer(t, Config{CacheTTL: time.Minute})
	for _, path := range []string{
		"/api/v1/pairs?junk=1",
		"/api/v1/pairs/USA-IRN/series?from=2025-06-01&x=" + strings.Repeat("a", 1000),
		"/api/v1/countries/IRN/index?foo=bar",
		"/api/v1/alerts?limit=3&sort=new",
		"/api/v1/alerts.atom?n=1",
		"/api/v1/pairs/USA-IRN/alerts.atom?n=1",
	} {
		status, _, body := do(t, ts, "GET", path, "", nil)
		if status != nethttp.StatusBadRequest || !strings.Contains(string(body), "unknown query parameter") {
			t.Errorf("GET %.60s: %d %s, want 400 naming the parameter", path, status, body)
		}
	}
	for _, path := range []string{
		"/api/v1/pairs?country=IRN&limit=5&directed=true",
		"/api/v1/pairs/USA-IRN/series?from=2025-06-01&to=2025-06-30&interval=week",
		"/api/v1/alerts?pair=USA-IRN&direction=escalation&since=2025-01-01&limit=3",
		"/api/v1/alerts.atom",
	} {
		if status, _, body := do(t, ts, "GET", path, "", nil); status != nethttp.StatusOK {
			t.Errorf("GET %s: %d %s", path, status, body)
		}
	}
}

package http

import (
	nethttp "net/http"
	"strings"
	"testing"
)

// Odd requests get a 4xx that says what is wrong, never a 500, an empty
// 200 or a directory listing; a wrong method on a page is a 405 with the
// methods it takes.
func TestOddRequestsGetClearAnswers(t *testing.T) {
	ts, _ := testServer(t, Config{CacheTTL: 0})
	for _, tc := range []struct {
		method, path string
		status       int
		contains     string
		allow        string
	}{
		{"GET", "/api/v1/pairs/USA-IRN/series?from=9999-12-31", 400, "9999-12-31", ""},
		{"GET", "/api/v1/articles?to=9999-12-31", 400, "9999-12-31", ""},
		{"GET", "/api/v1/events?from=0001-01-01", 400, "0001-01-01", ""},
		{"GET", "/assets/%ff", 404, "", ""},
		{"GET", "/assets/", 404, "", ""},
		{"POST", "/", 405, "", "GET"},
		{"DELETE", "/pairs/USA-IRN", 405, "", "GET"},
		{"PUT", "/search", 405, "", "GET"},
	} {
		status, h, body := do(t, ts, tc.method, tc.path, "", nil)
		if status != tc.status || !strings.Contains(string(body), tc.contains) {
			t.Errorf("%s %s: %d %.200s, want %d containing %q", tc.method, tc.path, status, body, tc.status, tc.contains)
		}
		if tc.allow != "" && !strings.Contains(h.Get("Allow"), tc.allow) {
			t.Errorf("%s %s: Allow %q, want %s", tc.method, tc.path, h.Get("Allow"), tc.allow)
		}
	}
	if status, _, body := do(t, ts, "GET", "/assets/style.css", "", nil); status != nethttp.StatusOK || len(body) == 0 {
		t.Errorf("GET /assets/style.css: %d with %d bytes", status, len(body))
	}
}

package http

import (
	"io"
	"log/slog"
	nethttp "net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/detente-project/detente"
)

// BenchmarkPages measures the server's time to answer each dashboard page
// and the main API reads over the demo database, without the network: the
// part of first paint that the server owns.
func BenchmarkPages(b *testing.B) {
	st := demoStore(b)
	h := NewServer(Config{Reader: st, Tension: st, Subscriptions: st,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).Handler()
	page, err := st.Events(b.Context(), eventFilterOf(b, "pair=IRN-USA&limit=1"))
	if err != nil || len(page.Events) == 0 {
		b.Fatalf("demo events: %v", err)
	}
	for _, p := range []struct{ name, path string }{
		{"overview", "/"},
		{"pair", "/pairs/IRN-USA"},
		{"event", "/events/" + page.Events[0].ID},
		{"search", "/search?q=talks"},
		{"country", "/countries/IRN"},
		{"api-series-year", "/api/v1/pairs/IRN-USA/series?from=2025-10-01&to=2026-09-30"},
		{"api-events", "/api/v1/events?pair=IRN-USA&limit=100"},
		{"api-pairs", "/api/v1/pairs"},
	} {
		b.Run(p.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", p.path, nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != nethttp.StatusOK {
					b.Fatalf("%s: %d", p.path, w.Code)
				}
			}
		})
	}
}

func eventFilterOf(b *testing.B, q string) detente.EventFilter {
	b.Helper()
	v, err := url.ParseQuery(q)
	if err != nil {
		b.Fatal(err)
	}
	f, err := parseEventFilter(v)
	if err != nil {
		b.Fatal(err)
	}
	return f
}

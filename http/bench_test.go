package http

import (
	"fmt"
	"io"
	"log/slog"
	nethttp "net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

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

// BenchmarkSeriesConcurrent asks for a one-year pair series from 64
// concurrent clients over HTTP on 127.0.0.1 and reports the 99th
// percentile latency (the API's target is under 50 ms).
func BenchmarkSeriesConcurrent(b *testing.B) {
	for _, ttl := range []time.Duration{0, 2 * time.Second} {
		b.Run(fmt.Sprintf("cache=%s", ttl), func(b *testing.B) { benchSeriesConcurrent(b, ttl) })
	}
}

func benchSeriesConcurrent(b *testing.B, ttl time.Duration) {
	st := demoStore(b)
	ts := httptest.NewServer(NewServer(Config{Reader: st, Tension: st, CacheTTL: ttl,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).Handler())
	defer ts.Close()
	client := &nethttp.Client{Transport: &nethttp.Transport{MaxIdleConnsPerHost: 64}}
	url := ts.URL + "/api/v1/pairs/IRN-USA/series?from=2025-10-01&to=2026-09-30"
	var mu sync.Mutex
	var all []time.Duration
	b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			start := time.Now()
			resp, err := client.Get(url)
			if err != nil {
				b.Error(err)
				return
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != nethttp.StatusOK {
				b.Errorf("status %d, %v", resp.StatusCode, err)
				return
			}
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		all = append(all, mine...)
		mu.Unlock()
	})
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
}

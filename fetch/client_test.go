package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// testOptions allow loopback (httptest servers) and keep waits short.
func testOptions() Options {
	return Options{
		AllowPrivate:  true,
		HostInterval:  -1,
		BackoffBase:   time.Millisecond,
		BackoffMax:    2 * time.Second,
		Timeout:       10 * time.Second,
		HeaderTimeout: 2 * time.Second,
		Logger:        slog.New(slog.DiscardHandler),
	}
}

// counter counts requests per path.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) add(p string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[p]++
	return c.n[p]
}

func (c *counter) get(p string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[p]
}

// hostile serves the misbehaving endpoints the client must survive. Every
// loop is bounded by a count and by the request's context.
func hostile(t *testing.T, hits *counter) *httptest.Server {
	t.Helper()
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 50 { // 50 MB of zeros, about 50 KB compressed
		_, _ = zw.Write(zeros)
	}
	_ = zw.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		hits.add(r.URL.Path)
		fmt.Fprint(w, "User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n")
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		hits.add(r.URL.Path)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-UA", r.Header.Get("User-Agent"))
		fmt.Fprint(w, "<html><body><p>hello</p></body></html>")
	})
	mux.HandleFunc("/private/page", func(w http.ResponseWriter, r *http.Request) { hits.add(r.URL.Path) })
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write(bomb.Bytes())
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, "<p>compressed</p>")
		_ = zw.Close()
	})
	mux.HandleFunc("/truncated-gzip", func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		fmt.Fprint(zw, strings.Repeat("<p>compressed</p>", 1000))
		_ = zw.Close()
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(b.Bytes()[:b.Len()/2])
	})
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 500 {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("<p>more</p>"), 3000)
		for range 10000 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "999999999")
		_, _ = w.Write([]byte("short"))
	})
	mux.HandleFunc("/storm", func(w http.ResponseWriter, r *http.Request) {
		hits.add(r.URL.Path)
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if hits.add(r.URL.Path) < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok at last")
	})
	mux.HandleFunc("/too-many", func(w http.ResponseWriter, r *http.Request) {
		if hits.add(r.URL.Path) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "thanks for waiting")
	})
	mux.HandleFunc("/go-away", func(w http.ResponseWriter, r *http.Request) {
		hits.add(r.URL.Path)
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "come back tomorrow", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) {
		hits.add(r.URL.Path)
		http.NotFound(w, r)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<p>caf\xe9 d\xe9j\xe0 vu</p>"))
	})
	mux.HandleFunc("/etag", func(w http.ResponseWriter, r *http.Request) {
		hits.add(r.URL.Path)
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2026 15:04:05 GMT")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<rss/>")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestGet(t *testing.T) {
	hits := &counter{}
	srv := hostile(t, hits)
	opts := testOptions()
	opts.MaxBytes = 1 << 20
	opts.MinRate = 1000
	opts.RateWindow = 200 * time.Millisecond
	opts.HeaderTimeout = 300 * time.Millisecond
	c := New(opts)
	tests := []struct {
		path     string
		want     error  // error kind, nil for success
		status   int    // status carried by the error, or of the response
		body     string // expected body on success
		requests int    // requests the path should see, 0 to skip
	}{
		{path: "/page", status: 200, body: "<html><body><p>hello</p></body></html>", requests: 1},
		{path: "/gzip", status: 200, body: "<p>compressed</p>"},
		{path: "/moved", status: 200, body: "<html><body><p>hello</p></body></html>"},
		{path: "/latin1", status: 200, body: "<p>caf\xe9 d\xe9j\xe0 vu</p>"},
		{path: "/flaky", status: 200, body: "ok at last", requests: 3},
		{path: "/too-many", status: 200, body: "thanks for waiting", requests: 2},
		{path: "/private/page", want: ErrDisallowed, requests: -1},
		{path: "/bomb", want: ErrTooLarge},
		{path: "/endless", want: ErrTooLarge},
		{path: "/big-declared", want: ErrTooLarge},
		{path: "/trickle", want: ErrTooSlow},
		{path: "/stall", want: ErrTooSlow},
		{path: "/loop", want: ErrRedirects},
		{path: "/storm", status: 500, requests: 3},
		{path: "/go-away", status: 503, requests: 1},
		{path: "/missing", status: 404, requests: 1},
		{path: "/slow-headers"},
		{path: "/truncated-gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			u := srv.URL + tt.path
			resp, err := c.Get(context.Background(), u, Validators{})
			if tt.body != "" {
				if err != nil {
					t.Fatalf("Get: %v", err)
				}
				if string(resp.Body) != tt.body || resp.Status != tt.status {
					t.Errorf("got %d %q, want %d %q", resp.Status, resp.Body, tt.status, tt.body)
				}
			} else {
				if err == nil {
					t.Fatalf("Get succeeded, want an error")
				}
				if tt.want != nil && !errors.Is(err, tt.want) {
					t.Errorf("err = %v, want %v", err, tt.want)
				}
				var fe *Error
				if !errors.As(err, &fe) || fe.Status != tt.status {
					t.Errorf("err = %#v, want *Error with status %d", err, tt.status)
				}
				if !strings.Contains(err.Error(), srv.URL) {
					t.Errorf("error %q does not name the URL", err)
				}
			}
			switch {
			case tt.requests > 0 && hits.get(tt.path) != tt.requests:
				t.Errorf("%s served %d requests, want %d", tt.path, hits.get(tt.path), tt.requests)
			case tt.requests < 0 && hits.get(tt.path) != 0:
				t.Errorf("%s was requested despite robots.txt", tt.path)
			}
		})
	}
	if n := hits.get("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
}

func TestUserAgent(t *testing.T) {
	srv := hostile(t, &counter{})
	resp, err := New(testOptions()).Get(context.Background(), srv.URL+"/page", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	want := "detente/0.1.0 (+https://github.com/detente-project/detente)"
	if got := resp.Header.Get("X-UA"); got != want {
		t.Errorf("User-Agent = %q, want %q", got, want)
	}
}

func TestConditionalGet(t *testing.T) {
	hits := &counter{}
	srv := hostile(t, hits)
	c := New(testOptions())
	ctx := context.Background()
	first, err := c.Get(ctx, srv.URL+"/etag", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	want := Validators{ETag: `"v1"`, LastModified: "Mon, 02 Jan 2026 15:04:05 GMT"}
	if first.NotModified || first.Validators != want || string(first.Body) != "<rss/>" {
		t.Fatalf("first = %+v", first)
	}
	second, err := c.Get(ctx, srv.URL+"/etag", first.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || second.Status != 304 || len(second.Body) != 0 || second.Validators != want {
		t.Errorf("second = %+v, want 304 with the same validators", second)
	}
}

func TestRefusedSchemes(t *testing.T) {
	c := New(testOptions())
	for _, u := range []string{"ftp://example.org/x", "file:///etc/passwd", "gopher://x", "javascript:alert(1)", "/relative"} {
		_, err := c.Get(context.Background(), u, Validators{})
		if !errors.Is(err, ErrScheme) || !strings.Contains(err.Error(), u) {
			t.Errorf("Get(%q) = %v, want ErrScheme naming the URL", u, err)
		}
	}
}

func TestHostInterval(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
	}))
	defer srv.Close()
	opts := testOptions()
	opts.IgnoreRobots = true
	opts.HostInterval = 150 * time.Millisecond
	c := New(opts)
	start := time.Now()
	for range 3 {
		if _, err := c.Get(context.Background(), srv.URL+"/", Validators{}); err != nil {
			t.Fatal(err)
		}
	}
	// The limiter spaces the starts of requests, so the third cannot
	// arrive before two intervals have passed.
	mu.Lock()
	defer mu.Unlock()
	if len(times) != 3 {
		t.Fatalf("%d requests", len(times))
	}
	if span := times[2].Sub(start); span < 300*time.Millisecond {
		t.Errorf("third request arrived %s after the first started, want at least 300ms", span)
	}
}

func TestRobotsUnavailable(t *testing.T) {
	var robots, pages atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robots.Add(1)
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		pages.Add(1)
	}))
	defer srv.Close()
	opts := testOptions()
	opts.Attempts = 2
	c := New(opts)
	_, err := c.Get(context.Background(), srv.URL+"/news", Validators{})
	if err == nil || !strings.Contains(err.Error(), "robots.txt unavailable") {
		t.Errorf("err = %v, want robots.txt unavailable", err)
	}
	if pages.Load() != 0 || robots.Load() != 2 {
		t.Errorf("pages %d, robots %d requests; want 0 and 2", pages.Load(), robots.Load())
	}
}

func TestCancelledContext(t *testing.T) {
	srv := hostile(t, &counter{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(testOptions()).Get(ctx, srv.URL+"/page", Validators{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestErrorNamesRequestAndRedirect(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/gone", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	opts := testOptions()
	opts.IgnoreRobots = true
	_, err := New(opts).Get(context.Background(), srv.URL+"/old", Validators{})
	want := fmt.Sprintf("fetch %s/old: status 404: redirected to %s/gone", srv.URL, srv.URL)
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

func TestMetrics(t *testing.T) {
	hits := &counter{}
	srv := hostile(t, hits)
	reg := prometheus.NewRegistry()
	m, err := NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions()
	opts.MaxBytes = 1 << 20
	opts.Metrics = m
	c := New(opts)
	for _, p := range []string{"/page", "/etag", "/storm", "/bomb", "/private/page", "/missing"} {
		_, _ = c.Get(context.Background(), srv.URL+p, Validators{})
	}
	_, _ = c.Get(context.Background(), srv.URL+"/etag", Validators{ETag: `"v1"`})
	want := map[string]float64{"ok": 3, "not_modified": 1, "http_error": 2, "too_large": 1, "disallowed": 1}
	got := gather(t, reg)
	for result, n := range want {
		if v := got["detente_fetch_requests_total{result="+result+"}"]; v != n {
			t.Errorf("requests{result=%q} = %v, want %v", result, v, n)
		}
	}
	if v := got["detente_fetch_retries_total"]; v != 2 {
		t.Errorf("retries = %v, want 2 (the 500 storm)", v)
	}
	if got["detente_fetch_bytes_total"] == 0 {
		t.Error("no bytes counted")
	}
}

// gather reads every counter of reg as name{label=value} → value.
func gather(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			name := f.GetName()
			for _, l := range m.GetLabel() {
				name += "{" + l.GetName() + "=" + l.GetValue() + "}"
			}
			out[name] = m.GetCounter().GetValue()
		}
	}
	return out
}

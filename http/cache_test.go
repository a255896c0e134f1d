package http

import (
	"context"
	"fmt"
	nethttp "net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

func TestResponseCache(t *testing.T) {
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	var calls atomic.Int64
	c := newResponseCache(2*time.Second, 1<<20, func() time.Time { return now })
	h := c.wrap(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		n := calls.Add(1)
		if r.URL.Query().Get("bad") != "" {
			nethttp.Error(w, "bad", nethttp.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"call":%d}`, n)
	}, []string{"bad", "x"})
	get := func(url string) (int, string) {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest("GET", url, nil))
		return rec.Code, rec.Body.String()
	}

	if _, body := get("/a"); body != `{"call":1}` {
		t.Fatalf("first answer %s", body)
	}
	if _, body := get("/a"); body != `{"call":1}` {
		t.Errorf("within the TTL the cached answer is served, got %s", body)
	}
	if _, body := get("/a?x=1"); body != `{"call":2}` {
		t.Errorf("another query is another entry, got %s", body)
	}
	now = now.Add(2 * time.Second)
	if _, body := get("/a"); body != `{"call":3}` {
		t.Errorf("after the TTL the answer is computed again, got %s", body)
	}
	for i := range 2 {
		if code, _ := get("/a?bad=1"); code != nethttp.StatusBadRequest {
			t.Fatalf("try %d: status %d, want 400", i, code)
		}
	}
	if calls.Load() != 5 {
		t.Errorf("%d calls: errors must not be cached", calls.Load())
	}
}

// Concurrent misses of one URL run the handler once.
func TestResponseCacheSharesConcurrentMisses(t *testing.T) {
	var calls atomic.Int64
	release := make(chan struct{})
	c := newResponseCache(time.Minute, 16, time.Now)
	h := c.wrap(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		calls.Add(1)
		<-release
		w.Write([]byte("ok"))
	}, nil)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			h(rec, httptest.NewRequest("GET", "/series", nil))
			if rec.Body.String() != "ok" {
				t.Errorf("body %q", rec.Body.String())
			}
		}()
	}
	time.Sleep(50 * time.Millisecond) // let the requests pile up on the first
	close(release)
	wg.Wait()
	if n := calls.Load(); n > 2 {
		t.Errorf("handler ran %d times for 20 concurrent requests of one URL", n)
	}
}

// While one request computes an expired answer anew, the others are
// served the expired one instead of waiting, unless it is twice the TTL
// old.
func TestResponseCacheServesStaleWhileComputing(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	var calls atomic.Int64
	started, release := make(chan struct{}, 1), make(chan struct{})
	c := newResponseCache(2*time.Second, 1<<20, clock)
	h := c.wrap(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		n := calls.Add(1)
		if n > 1 {
			started <- struct{}{}
			<-release
		}
		fmt.Fprintf(w, "answer %d", n)
	}, nil)
	get := func() string {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest("GET", "/overview", nil))
		return rec.Body.String()
	}
	if body := get(); body != "answer 1" {
		t.Fatalf("first answer %q", body)
	}
	advance(3 * time.Second) // expired, under twice the TTL
	done := make(chan string)
	go func() { done <- get() }()
	<-started
	var once sync.Once
	defer once.Do(func() { close(release) })
	stale := make(chan string)
	go func() { stale <- get() }()
	select {
	case body := <-stale:
		if body != "answer 1" {
			t.Errorf("while the answer is computed anew: %q, want the expired answer 1", body)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a request waited for the answer being computed; want the expired one at once")
	}
	advance(2 * time.Second) // now twice the TTL old: wait for the new one
	waited := make(chan string)
	go func() { waited <- get() }()
	select {
	case body := <-waited:
		t.Errorf("an answer twice the TTL old was served (%q); want a wait for the new one", body)
	case <-time.After(50 * time.Millisecond):
	}
	once.Do(func() { close(release) })
	if body := <-done; body != "answer 2" {
		t.Errorf("the request that computed got %q, want answer 2", body)
	}
	if body := <-waited; body != "answer 2" {
		t.Errorf("the request that waited got %q, want answer 2", body)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("handler ran %d times, want 2", n)
	}
}

// countingTension counts the pair rankings and series a server asks its
// store for.
type countingTension struct {
	detente.TensionReader
	pairs atomic.Int64
}

func (c *countingTension) Pairs(ctx context.Context, f detente.PairFilter) ([]detente.PairSummary, error) {
	c.pairs.Add(1)
	return c.TensionReader.Pairs(ctx, f)
}

func (c *countingTension) Series(ctx context.Context, f detente.SeriesFilter) ([]detente.TensionPoint, error) {
	c.pairs.Add(1)
	return c.TensionReader.Series(ctx, f)
}

// The overview and the country index, which rank every pair, and a pair's
// and a country's page are served from the cache within its TTL, keyed on
// the as-of day and range they read; other query parameters neither split
// the cache nor change the page.
func TestPagesServedFromCache(t *testing.T) {
	st, _ := fixtureStore(t)
	ct := &countingTension{TensionReader: st}
	ts, _ := testServer(t, Config{Reader: st, Tension: ct, Subscriptions: st, CacheTTL: time.Minute})
	for _, path := range []string{"/", "/countries", "/pairs", "/countries/IRN", "/pairs/IRN-USA"} {
		before := ct.pairs.Load()
		status, _, first := do(t, ts, "GET", path, "", nil)
		if status != nethttp.StatusOK || ct.pairs.Load() == before {
			t.Fatalf("GET %s: %d, %d rankings or series asked; want a page built from the store", path, status, ct.pairs.Load()-before)
		}
		asked := ct.pairs.Load()
		for _, again := range []string{path, path + "?utm_source=mail"} {
			if _, _, body := do(t, ts, "GET", again, "", nil); string(body) != string(first) {
				t.Errorf("GET %s within the TTL: another page", again)
			}
		}
		if ct.pairs.Load() != asked {
			t.Errorf("GET %s again within the TTL asked the store for %d more rankings or series, want none", path, ct.pairs.Load()-asked)
		}
		if status, _, _ := do(t, ts, "GET", path+"?as_of=2026-08-01", "", nil); status != nethttp.StatusOK || ct.pairs.Load() == asked {
			t.Errorf("GET %s as of another day: %d, served from the cache", path, status)
		}
	}
}

package http

import (
	"context"
	"fmt"
	nethttp "net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
)

// A heavy request waits while the slots are taken and runs when one is
// freed; a light one runs at once meanwhile; a heavy request whose client
// leaves while it waits never runs and takes no slot.
func TestLimiterLetsLightRequestsPass(t *testing.T) {
	l := newLimiter(1)
	var entered atomic.Int32
	release := make(chan struct{})
	in := make(chan struct{}, 4)
	h := l.wrap(func(r *nethttp.Request) bool { return r.URL.Query().Get("heavy") != "" },
		func(w nethttp.ResponseWriter, r *nethttp.Request) {
			if r.URL.Query().Get("heavy") == "" {
				w.Write([]byte("light"))
				return
			}
			entered.Add(1)
			in <- struct{}{}
			<-release
		})
	ts := httptest.NewServer(h)
	defer ts.Close()
	get := func(ctx context.Context, path string) error {
		req, err := nethttp.NewRequestWithContext(ctx, "GET", ts.URL+path, nil)
		if err != nil {
			return err
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	// Bounds the test, not a measure: a hung limiter fails it.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	first := make(chan error, 1)
	go func() { first <- get(ctx, "/?heavy=1") }()
	<-in
	second := make(chan error, 1)
	go func() { second <- get(ctx, "/?heavy=2") }()
	if err := get(ctx, "/"); err != nil {
		t.Fatalf("light request while the slot is taken: %v", err)
	}
	if n := entered.Load(); n != 1 {
		t.Fatalf("%d heavy requests running with one slot, want 1", n)
	}
	gone, leave := context.WithCancel(ctx)
	leave()
	h(httptest.NewRecorder(), httptest.NewRequest("GET", "/?heavy=3", nil).WithContext(gone))
	release <- struct{}{}
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	<-in
	release <- struct{}{}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	if n := entered.Load(); n != 2 {
		t.Errorf("%d heavy requests ran, want 2: the one whose client left must not", n)
	}
}

// With no bound every request runs at once.
func TestLimiterUnbounded(t *testing.T) {
	l := newLimiter(-1)
	release := make(chan struct{})
	in := make(chan struct{}, 3)
	h := l.wrap(always, func(w nethttp.ResponseWriter, r *nethttp.Request) {
		in <- struct{}{}
		<-release
	})
	for range 3 {
		go h(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	}
	for range 3 {
		<-in
	}
	close(release)
}

// Warm asks the store for the ranking of both kinds of pairs, and says
// which when the store fails.
func TestWarm(t *testing.T) {
	st, _ := fixtureStore(t)
	s := NewServer(Config{Reader: st, Tension: st})
	if err := s.Warm(context.Background()); err != nil {
		t.Fatalf("Warm: %v", err)
	}
	st.Close()
	err := s.Warm(context.Background())
	if err == nil || !strings.Contains(err.Error(), "warm the ranking of pairs") {
		t.Fatalf("Warm over a closed store: %v, want the ranking's error", err)
	}
	if err := NewServer(Config{Reader: st}).Warm(context.Background()); err != nil {
		t.Errorf("Warm without tension: %v, want nothing to do", err)
	}
}

// heldSearches is a store whose sentence searches wait, once they have
// said so on in, until release is closed.
type heldSearches struct {
	*sqlite.Store
	in      chan struct{}
	release chan struct{}
}

func (h heldSearches) SearchSentences(ctx context.Context, q string, f detente.EventFilter, limit int) ([]detente.SentenceHit, error) {
	h.in <- struct{}{}
	<-h.release
	return h.Store.SearchSentences(ctx, q, f, limit)
}

// TestChartsQueueApartFromSearches checks that a pair's and a country's
// page wait their turn apart from searches: with one slot for each queue
// and a search holding the searches' slot, the pages are answered, and
// another search waits until the first is done.
func TestChartsQueueApartFromSearches(t *testing.T) {
	st, _ := fixtureStore(t)
	held := heldSearches{Store: st, in: make(chan struct{}, 2), release: make(chan struct{})}
	ts := httptest.NewServer(NewServer(Config{Reader: held, Tension: st, HeavyRequests: 1}).Handler())
	defer ts.Close()
	var released sync.Once
	release := func() { released.Do(func() { close(held.release) }) }
	// On failure too: the server closes only once its searches are done.
	defer release()
	// Bounds the test, not a measure: a page queued behind the search
	// would hang until released, and fails it.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	get := func(ctx context.Context, path string) (int, error) {
		req, err := nethttp.NewRequestWithContext(ctx, "GET", ts.URL+path, nil)
		if err != nil {
			return 0, err
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			return 0, err
		}
		return resp.StatusCode, resp.Body.Close()
	}
	searches := make(chan error, 2)
	search := func() {
		code, err := get(ctx, "/search?q=talks")
		if err == nil && code != 200 {
			err = fmt.Errorf("search: status %d", code)
		}
		searches <- err
	}
	go search()
	<-held.in
	go search()
	for _, path := range []string{"/pairs/IRN-USA", "/countries/IRN"} {
		pageCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		code, err := get(pageCtx, path)
		cancel()
		if err != nil || code != 200 {
			t.Fatalf("%s while a search holds the searches' one slot: status %d, %v; want 200 at once", path, code, err)
		}
	}
	select {
	case <-held.in:
		t.Fatal("a second search ran while the first held the searches' one slot")
	case <-time.After(100 * time.Millisecond):
	}
	release()
	for range 2 {
		if err := <-searches; err != nil {
			t.Fatal(err)
		}
	}
}

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

	"github.com/prometheus/client_golang/prometheus"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
)

// waitFor polls cond until it holds; bounds the wait, not a measure.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 10_000 {
		if cond() {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("%s: never", what)
}

// queued starts a read of class c that waits for its turn in s, notes
// its name on ran when let in (or its error), and ends its turn at once.
// It returns once the read waits.
func queued(t *testing.T, s *scheduler, ctx context.Context, name string, c class, ran chan<- string) {
	t.Helper()
	before := waitingReads(s)
	go func() {
		if err := s.acquire(ctx, c); err != nil {
			ran <- name + ": " + err.Error()
			return
		}
		ran <- name
		s.release()
	}()
	waitFor(t, name+" waits", func() bool { return waitingReads(s) > before })
}

// waitingReads says how many reads wait for their turn in s.
func waitingReads(s *scheduler) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waiters()
}

// order ends a read's turn, lets the n reads noted on ran in and returns
// their names in order.
func order(s *scheduler, ran <-chan string, n int) string {
	s.release()
	var names []string
	for range n {
		names = append(names, <-ran)
	}
	return strings.Join(names, ", ")
}

// clock is a scheduler's clock that a test sets.
type clock struct{ at atomic.Int64 }

func (c *clock) now() time.Time          { return time.Unix(0, c.at.Load()) }
func (c *clock) advance(d time.Duration) { c.at.Add(int64(d)) }

// tick is a clock that moves on a nanosecond each time it is read.
func (c *clock) tick() time.Time { return time.Unix(0, c.at.Add(1)) }

// clocked returns a scheduler of n turns on a clock the test sets.
func clocked(n int) (*scheduler, *clock) {
	s, c := newScheduler(n, nil), new(clock)
	s.now = c.now
	return s, c
}

// Reads that have waited alike are let in by class, API reads first, then
// pages, then searches, whatever order they came in; a class in the order
// it came.
func TestSchedulerByClass(t *testing.T) {
	s, clock := clocked(1)
	if err := s.acquire(context.Background(), readClass); err != nil {
		t.Fatal(err)
	}
	ran := make(chan string, 4)
	queued(t, s, context.Background(), "search", searchClass, ran)
	queued(t, s, context.Background(), "page", pageClass, ran)
	queued(t, s, context.Background(), "read", readClass, ran)
	queued(t, s, context.Background(), "second page", pageClass, ran)
	clock.advance(10 * time.Millisecond)
	if got, want := order(s, ran, 4), "read, page, second page, search"; got != want {
		t.Errorf("let in %s, want %s", got, want)
	}
	waitFor(t, "every turn ended", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.running == 0
	})
}

// A read goes first that has waited a larger part of its class's budget:
// a search that has waited 240 ms (0.8 of 300) before an API read that
// has waited 30 (0.6 of 50), and the read before a page that has waited
// 100 (0.5 of 200).
func TestSchedulerByPartOfBudget(t *testing.T) {
	s, clock := clocked(1)
	if err := s.acquire(context.Background(), readClass); err != nil {
		t.Fatal(err)
	}
	ran := make(chan string, 3)
	queued(t, s, context.Background(), "search", searchClass, ran)
	clock.advance(140 * time.Millisecond)
	queued(t, s, context.Background(), "page", pageClass, ran)
	clock.advance(70 * time.Millisecond)
	queued(t, s, context.Background(), "read", readClass, ran)
	clock.advance(30 * time.Millisecond)
	if got, want := order(s, ran, 3), "search, read, page"; got != want {
		t.Errorf("let in %s, want %s", got, want)
	}
}

// A read whose client leaves while it waits never runs and takes no turn
// from those behind it.
func TestSchedulerLeavesGoneClients(t *testing.T) {
	s := newScheduler(1, nil)
	if err := s.acquire(context.Background(), readClass); err != nil {
		t.Fatal(err)
	}
	ran := make(chan string, 2)
	gone, leave := context.WithCancel(context.Background())
	queued(t, s, gone, "gone", readClass, ran)
	queued(t, s, context.Background(), "stayed", searchClass, ran)
	leave()
	if got, want := <-ran, "gone: "+context.Canceled.Error(); got != want {
		t.Fatalf("first out %q, want %q", got, want)
	}
	if n := waitingReads(s); n != 1 {
		t.Fatalf("%d reads wait after one left, want 1", n)
	}
	if got := order(s, ran, 1); got != "stayed" {
		t.Fatalf("then %q, want the read that stayed", got)
	}
}

// Under many reads at once, some of whose clients leave as their turn
// comes, never more than the bound run, and every turn is handed back:
// a turn given to a client that had just left passes on.
func TestSchedulerBoundUnderChurn(t *testing.T) {
	const bound, reads = 3, 2000
	s := newScheduler(bound, nil)
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for i := range reads {
		wg.Go(func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if i%3 == 0 {
				// Leaves about when its turn might come.
				go func() {
					time.Sleep(time.Duration(i%7) * 10 * time.Microsecond)
					cancel()
				}()
			}
			c := class(i) % classes
			if s.acquire(ctx, c) != nil {
				return
			}
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(20 * time.Microsecond)
			running.Add(-1)
			s.release()
		})
	}
	wg.Wait()
	if m := most.Load(); m > bound {
		t.Errorf("%d reads ran at once, want at most %d", m, bound)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running != 0 || s.waiters() != 0 {
		t.Errorf("after all: %d turns held, %d waiting; want none", s.running, s.waiters())
	}
	for c, q := range s.waiting {
		if len(q) != 0 {
			t.Errorf("class %d holds %d waiters after all", c, len(q))
		}
	}
}

// With no bound every read runs at once.
func TestSchedulerUnbounded(t *testing.T) {
	s := newScheduler(-1, nil)
	release := make(chan struct{})
	in := make(chan struct{}, 3)
	h := s.wrap(asSearch, func(w nethttp.ResponseWriter, r *nethttp.Request) {
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

// heldReads is a store whose sentence searches wait, once they have said
// so on in, until release is closed, and which notes the order in which
// searches and counts of the store ran.
type heldReads struct {
	*sqlite.Store
	in      chan struct{}
	release chan struct{}
	mu      *sync.Mutex
	order   *[]string
}

func (h heldReads) note(what string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.order = append(*h.order, what)
}

func (h heldReads) SearchSentences(ctx context.Context, q string, f detente.EventFilter, limit int) ([]detente.SentenceHit, error) {
	h.note("search " + q)
	h.in <- struct{}{}
	<-h.release
	return h.Store.SearchSentences(ctx, q, f, limit)
}

func (h heldReads) Stats(ctx context.Context) (detente.Stats, error) {
	h.note("stats")
	return h.Store.Stats(ctx)
}

// TestReadsOvertakeWaitingSearches checks the server's turns: with one
// read at a time and a search running, an API read that comes after a
// second search, and has waited about as long (the scheduler's clock
// moves a nanosecond a reading), is let in before it; the second search
// runs after it.
func TestReadsOvertakeWaitingSearches(t *testing.T) {
	st, _ := fixtureStore(t)
	var order []string
	held := heldReads{Store: st, in: make(chan struct{}, 2), release: make(chan struct{}), mu: new(sync.Mutex), order: &order}
	reg := prometheus.NewRegistry()
	srv := NewServer(Config{Reader: held, Tension: st, Reads: 1, Registerer: reg, Gatherer: reg})
	srv.turns.now = new(clock).tick
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	var released sync.Once
	release := func() { released.Do(func() { close(held.release) }) }
	// On failure too: the server closes only once its searches are done.
	defer release()
	// Bounds the test, not a measure.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	done := make(chan error, 3)
	get := func(path string) {
		req, err := nethttp.NewRequestWithContext(ctx, "GET", ts.URL+path, nil)
		if err != nil {
			done <- err
			return
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			done <- err
			return
		}
		if resp.StatusCode != 200 {
			err = fmt.Errorf("%s: status %d", path, resp.StatusCode)
		}
		resp.Body.Close()
		done <- err
	}
	go get("/search?q=talks")
	<-held.in
	go get("/search?q=nuclear")
	waitFor(t, "the second search waits", func() bool { return waitingReads(srv.turns) == 1 })
	go get("/api/v1/stats")
	waitFor(t, "the read waits", func() bool { return waitingReads(srv.turns) == 2 })
	release()
	for range 3 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if got, want := strings.Join(order, ", "), "search talks, stats, search nuclear"; got != want {
		t.Errorf("the store ran %s, want %s", got, want)
	}
	// Each read's wait is recorded by class: the first search's none,
	// the others' as long as the first search was held.
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	waits := map[string]string{}
	for _, f := range families {
		if f.GetName() != "detente_http_read_wait_seconds" {
			continue
		}
		for _, m := range f.GetMetric() {
			h := m.GetHistogram()
			waits[m.GetLabel()[0].GetValue()] = fmt.Sprintf("%d waited %t", h.GetSampleCount(), h.GetSampleSum() > 0)
		}
	}
	if got, want := fmt.Sprint(waits), "map[read:1 waited true search:2 waited true]"; got != want {
		t.Errorf("waits recorded %s, want %s", got, want)
	}
}

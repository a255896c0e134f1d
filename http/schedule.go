package http

import (
	"context"
	nethttp "net/http"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// class is a kind of read by the latency the project holds it to (the
// targets of bench scale): an API read 50 ms, a dashboard page 200 ms, a
// search 300 ms, as budget holds them.
type class int

const (
	readClass   class = iota // an API read: an article, an event, a list, a series, a ranking
	pageClass                // a dashboard page
	searchClass              // a search, of the API or the search page
	classes
)

// readsPerCore is how many reads run at once for each core by default:
// on the 2-core development machine (bench scale, 1 M events on
// PostgreSQL, 64 clients, runs interleaved, the shortest budget always
// first as the scheduler then let reads in), four at once served 692–851
// requests/s with 3–7 of the 20 endpoints over their targets, three
// 697–758 with 5–6, six 506–904 with 7–14.
const readsPerCore = 2

// budget is each class's latency target, the scale by which its reads'
// waits are weighed against each other's (scheduler.next).
var budget = [classes]time.Duration{readClass: 50 * time.Millisecond, pageClass: 200 * time.Millisecond, searchClass: 300 * time.Millisecond}

// scheduler runs a bounded number of reads at once and lets the waiting
// ones in by how much of their class's budget they have waited (next),
// each class in the order it came. Unbounded, 64 clients' reads all ran
// beside each other and queued where nobody chose the order: for the
// CPU, and for the store's connections, which database/sql hands to a
// random waiter, once for each statement of a request; a cheap read then
// waited behind searches as long as they did. Ordered by deadline (a
// read's arrival plus its budget), every class ran late alike when the
// reads asked more than the machine had: the budgets were small against
// the waits, so the order was nearly that of arrival. The shortest budget
// always first kept the cheap reads far within theirs and put every
// wait on the searches. This order meets every budget where the machine
// can (bench scale, 1 M events, PostgreSQL and SQLite); where it cannot,
// every class is late in proportion, where that one kept the cheap reads
// within theirs (10 M events on PostgreSQL: API reads' p99 76-82 ms
// against 26-35, searches' 0.42-0.57 s against 0.87-1.23).
type scheduler struct {
	mu      sync.Mutex
	running int
	limit   int // 0: no bound
	waiting [classes][]*waiter
	waited  *prometheus.HistogramVec // by class's name; nil: not recorded
	now     func() time.Time         // the clock
}

// classNames label the classes in metrics.
var classNames = [classes]string{"read", "page", "search"}

// newScheduler returns a scheduler that runs n reads at once;
// readsPerCore for each of runtime.GOMAXPROCS(0) for 0, any number for a
// negative n. It records on waited, when not nil, how long each read
// waited, by class.
func newScheduler(n int, waited *prometheus.HistogramVec) *scheduler {
	if n == 0 {
		n = readsPerCore * runtime.GOMAXPROCS(0)
	}
	return &scheduler{limit: max(n, 0), waited: waited, now: time.Now}
}

// waiter is a read waiting for its turn.
type waiter struct {
	since time.Time
	turn  chan struct{} // closed when the read may run
	let   bool          // let in; under the scheduler's lock
}

// acquire waits until a read of class c may run, or ctx is done; on nil
// the caller must release.
func (s *scheduler) acquire(ctx context.Context, c class) error {
	s.mu.Lock()
	if s.limit == 0 || (s.running < s.limit && s.waiters() == 0) {
		s.running++
		s.mu.Unlock()
		s.observe(c, 0)
		return nil
	}
	w := &waiter{since: s.now(), turn: make(chan struct{})}
	s.waiting[c] = append(s.waiting[c], w)
	s.mu.Unlock()
	select {
	case <-w.turn:
		s.observe(c, s.now().Sub(w.since))
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		if !w.let {
			s.waiting[c] = slices.DeleteFunc(s.waiting[c], func(v *waiter) bool { return v == w })
			s.mu.Unlock()
			return ctx.Err()
		}
		s.mu.Unlock()
		// Let in as the client left: pass the turn on.
		s.release()
		return ctx.Err()
	}
}

// waiters says how many reads wait, in all classes; under s.mu.
func (s *scheduler) waiters() int {
	n := 0
	for _, q := range s.waiting {
		n += len(q)
	}
	return n
}

// observe records that a read of class c waited d for its turn.
func (s *scheduler) observe(c class, d time.Duration) {
	if s.waited != nil {
		s.waited.WithLabelValues(classNames[c]).Observe(d.Seconds())
	}
}

// release ends a read's turn and lets the next one in.
func (s *scheduler) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w := s.next(); w != nil {
		w.let = true
		close(w.turn)
		return
	}
	s.running--
}

// next takes the waiter to let in next, nil for none: of the first
// waiter of each class, the one that has waited the largest part of its
// class's budget, the shorter budget first where two have waited as
// much. Under more reads than the turns serve, each class then waits in
// proportion to its budget: a search waits six times as long as an API
// read, not behind every one of them, and none waits for ever.
func (s *scheduler) next() *waiter {
	now := s.now()
	take, most := class(-1), -1.0
	for c := range classes {
		if q := s.waiting[c]; len(q) > 0 {
			if part := float64(now.Sub(q[0].since)) / float64(budget[c]); part > most {
				take, most = c, part
			}
		}
	}
	if take < 0 {
		return nil
	}
	q := s.waiting[take]
	w := q[0]
	q[0] = nil
	s.waiting[take] = q[1:]
	return w
}

// wrap runs next in its turn, of the class classOf gives the request.
func (s *scheduler) wrap(classOf func(*nethttp.Request) class, next nethttp.HandlerFunc) nethttp.HandlerFunc {
	if s.limit == 0 {
		return next
	}
	return func(w nethttp.ResponseWriter, r *nethttp.Request) {
		if s.acquire(r.Context(), classOf(r)) != nil {
			// The client is gone; nobody reads an answer.
			return
		}
		defer s.release()
		next(w, r)
	}
}

// asRead, asPage and asSearch put every request of a route in one class.
func asRead(*nethttp.Request) class   { return readClass }
func asPage(*nethttp.Request) class   { return pageClass }
func asSearch(*nethttp.Request) class { return searchClass }

// readOrSearch puts a list request that searches text with the searches,
// others with the reads.
func readOrSearch(r *nethttp.Request) class {
	if r.URL.Query().Get("q") != "" {
		return searchClass
	}
	return readClass
}

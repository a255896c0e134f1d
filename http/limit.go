package http

import (
	nethttp "net/http"
	"runtime"
)

// limiter lets a bounded number of heavy requests run at once.
type limiter struct {
	slots chan struct{} // nil: no bound
}

// newLimiter returns a limiter of n slots; heavyPerCore for each of
// runtime.GOMAXPROCS(0) for 0, none for a negative n.
func newLimiter(n int) *limiter {
	if n == 0 {
		n = heavyPerCore * runtime.GOMAXPROCS(0)
	}
	if n < 0 {
		return &limiter{}
	}
	return &limiter{slots: make(chan struct{}, n)}
}

// heavyPerCore is how many heavy requests of a kind run at once for each
// core by default. With searches of a few milliseconds, two a core let
// them take their share of the cores from the cheap requests that run
// beside them, where one a core left them queueing: bench scale at 1 M
// events on SQLite, 64 clients, alternately four times, the searches'
// p99 231-283 ms against 344-370 ms, 2,170-2,222 requests/s against
// 2,147-2,260, every endpoint under its target. When searches cost tens
// of milliseconds more slots made no difference.
const heavyPerCore = 2

// wrap runs next for a request that heavy says is heavy only when a slot
// is free, waiting for one while the client waits; other requests run at
// once.
func (l *limiter) wrap(heavy func(*nethttp.Request) bool, next nethttp.HandlerFunc) nethttp.HandlerFunc {
	if l.slots == nil {
		return next
	}
	return func(w nethttp.ResponseWriter, r *nethttp.Request) {
		if !heavy(r) {
			next(w, r)
			return
		}
		select {
		case l.slots <- struct{}{}:
		case <-r.Context().Done():
			// The client is gone; nobody reads an answer.
			return
		}
		defer func() { <-l.slots }()
		if r.Context().Err() != nil {
			return
		}
		next(w, r)
	}
}

// always says every request of a route is heavy: the search page, a
// pair's and a country's page.
func always(*nethttp.Request) bool { return true }

// searching says a list request is heavy when it searches text.
func searching(r *nethttp.Request) bool { return r.URL.Query().Get("q") != "" }

package http

import (
	nethttp "net/http"
	"runtime"
)

// limiter lets a bounded number of heavy requests run at once.
type limiter struct {
	slots chan struct{} // nil: no bound
}

// newLimiter returns a limiter of n slots; runtime.GOMAXPROCS(0) for 0,
// none for a negative n.
func newLimiter(n int) *limiter {
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if n < 0 {
		return &limiter{}
	}
	return &limiter{slots: make(chan struct{}, n)}
}

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

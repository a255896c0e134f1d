package http

import (
	"crypto/subtle"
	"errors"
	"log/slog"
	nethttp "net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/detente-project/detente"
)

// csp is the Content-Security-Policy of every response: only the server's
// own scripts, styles and images, no inline code, no framing.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// secure sets the security headers of every response.
func secure(next nethttp.Handler) nethttp.Handler {
	return nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	nethttp.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = nethttp.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() nethttp.ResponseWriter { return s.ResponseWriter }

// metrics records request latency by route pattern and status code, and
// how long reads waited for their turn.
type metrics struct {
	latency *prometheus.HistogramVec
	wait    *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	latency, err := register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "detente_http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by route pattern and status code.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route", "code"}))
	if err != nil {
		return nil, err
	}
	wait, err := register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "detente_http_read_wait_seconds",
		Help:    "Time a read of the store waited for its turn (--reads-at-once), by class: read, page or search.",
		Buckets: []float64{.0001, .001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"class"}))
	if err != nil {
		return nil, err
	}
	return &metrics{latency: latency, wait: wait}, nil
}

// register registers c on reg, or returns the collector of the same
// description that an earlier server registered there.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) (C, error) {
	err := reg.Register(c)
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if old, ok := are.ExistingCollector.(C); ok {
			return old, nil
		}
	}
	return c, err
}

// instrument wraps the mux: it records each request's latency under the
// pattern that routed it, not the raw path, which would explode the label
// set.
func (m *metrics) instrument(mux *nethttp.ServeMux) nethttp.Handler {
	return nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		mux.ServeHTTP(rec, r) // sets r.Pattern to the pattern that routed it
		if rec.status == 0 {
			rec.status = nethttp.StatusOK
		}
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.latency.WithLabelValues(route, strconv.Itoa(rec.status)).Observe(time.Since(start).Seconds())
	})
}

// authorize guards write and admin endpoints: without a configured token
// they are disabled (403); with one, a request must carry it as a bearer
// token (else 401).
func authorize(token string, log *slog.Logger, next nethttp.Handler) nethttp.Handler {
	return nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		if token == "" {
			writeError(w, r, log, detente.Errorf(errForbidden, "write endpoints are disabled: the server has no DETENTE_TOKEN"))
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="detente"`)
			writeError(w, r, log, detente.Errorf(detente.EUNAUTHORIZED, "missing or wrong bearer token"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

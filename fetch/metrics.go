package fetch

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts what the client fetched, for /metrics.
type Metrics struct {
	requests *prometheus.CounterVec
	bytes    prometheus.Counter
	retries  prometheus.Counter
}

// NewMetrics registers the client's counters on reg:
// detente_fetch_requests_total{result}, detente_fetch_bytes_total and
// detente_fetch_retries_total. Results are ok, not_modified, http_error,
// blocked, disallowed, too_large, too_slow and error.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "detente_fetch_requests_total",
			Help: "Fetches by outcome, after retries.",
		}, []string{"result"}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "detente_fetch_bytes_total",
			Help: "Body bytes fetched, decompressed.",
		}),
		retries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "detente_fetch_retries_total",
			Help: "Attempts repeated after a server error, 429 or network failure.",
		}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.bytes, m.retries} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// done counts a finished Get.
func (m *Metrics) done(resp *Response, err error) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(result(resp, err)).Inc()
	if resp != nil {
		m.bytes.Add(float64(len(resp.Body)))
	}
}

func (m *Metrics) retry() {
	if m != nil {
		m.retries.Inc()
	}
}

// result names the outcome of a Get for the requests counter.
func result(resp *Response, err error) string {
	var fe *Error
	switch {
	case err == nil && resp.NotModified:
		return "not_modified"
	case err == nil:
		return "ok"
	case errors.Is(err, ErrBlocked):
		return "blocked"
	case errors.Is(err, ErrDisallowed):
		return "disallowed"
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrTooSlow):
		return "too_slow"
	case errors.As(err, &fe) && fe.Status != 0:
		return "http_error"
	}
	return "error"
}

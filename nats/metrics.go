package nats

import "github.com/prometheus/client_golang/prometheus"

// Metrics counts the work items workers settle, for /metrics.
type Metrics struct {
	items *prometheus.CounterVec
}

// NewMetrics registers detente_queue_items_total{outcome} on reg, outcome
// being acked, retried, released or terminated.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{items: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "detente_queue_items_total",
		Help: "Work items settled by this process's workers, by outcome.",
	}, []string{"outcome"})}
	if err := reg.Register(m.items); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Metrics) add(o outcome) {
	if m != nil {
		m.items.WithLabelValues(o.String()).Inc()
	}
}

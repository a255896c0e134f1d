package pipeline

import "github.com/prometheus/client_golang/prometheus"

// Stage names used in logs and metric labels.
const (
	stageExtract = "extract"
	stageSplit   = "split"
	stageCode    = "code"
	stageStore   = "store"
	stageTension = "tension"
)

// Metrics counts what flows through the pipeline, by stage, for /metrics.
type Metrics struct {
	items  *prometheus.CounterVec
	errors *prometheus.CounterVec
}

// NewMetrics registers the pipeline's counters on reg:
// detente_pipeline_items_total{stage,what} and
// detente_pipeline_errors_total{stage}.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "detente_pipeline_items_total",
			Help: "Documents, sentences, events and articles that passed each pipeline stage.",
		}, []string{"stage", "what"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "detente_pipeline_errors_total",
			Help: "Failures by pipeline stage.",
		}, []string{"stage"}),
	}
	for _, c := range []prometheus.Collector{m.items, m.errors} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Metrics) add(stage, what string, n int) {
	if m != nil && n > 0 {
		m.items.WithLabelValues(stage, what).Add(float64(n))
	}
}

func (m *Metrics) fail(stage string) {
	if m != nil {
		m.errors.WithLabelValues(stage).Inc()
	}
}

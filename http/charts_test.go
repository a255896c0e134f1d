package http

import (
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// TestLineChartText checks the paths and labels a chart is drawn with,
// to the character: coordinates with one decimal, the band as the upper
// bounds forward and the lower ones back, labels with the point's values.
func TestLineChartText(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	c := newLineChart([]seriesValue{
		{Day: day, Value: 0.5, Lower: -0.25, Upper: 1.125, Events: 3, Counts: [4]int{1, 0, 2, 0}},
		{Day: day.AddDate(0, 0, 1), Value: -1.3, Lower: -2, Upper: -0.004, Change: "escalation"},
		{Day: day.AddDate(0, 0, 2), Value: 2, Lower: 1, Upper: 3.5, Events: 12, Counts: [4]int{0, 5, 0, 7}},
	}, nil, 0, "events")
	if want := "M44.0 131.1L416.0 196.5L788.0 76.5"; c.Line != want {
		t.Errorf("line %q, want %q", c.Line, want)
	}
	if want := "M44.0 108.4L416.0 149.4L788.0 22.0L788.0 112.9L416.0 222.0L44.0 158.4Z"; c.Band != want {
		t.Errorf("band %q, want %q", c.Band, want)
	}
	var labels []string
	for _, p := range c.Points {
		labels = append(labels, p.Label)
	}
	for _, b := range c.Bars {
		labels = append(labels, b.Label)
	}
	want := []string{
		"2026-03-01: index 0.50 (-0.25 to 1.12), 3 events",
		"2026-03-02: index -1.30 (-2.00 to 0.00), 0 events, escalation begins",
		"2026-03-03: index 2.00 (1.00 to 3.50), 12 events",
		"2026-03-01: 1 verbal cooperation",
		"2026-03-01: 2 verbal conflict",
		"2026-03-03: 5 material cooperation",
		"2026-03-03: 7 material conflict",
	}
	if !slices.Equal(labels, want) {
		t.Errorf("labels\n%q\nwant\n%q", labels, want)
	}
	s := newSparkline([]detente.TensionPoint{{Index: 1}, {Index: -0.5}, {Index: 2.25}})
	if want := "M2.0 12.9L60.0 26.0L118.0 2.0"; s.Line != want {
		t.Errorf("sparkline %q, want %q", s.Line, want)
	}
}

package nats

import (
	"slices"
	"testing"
	"time"
)

// TestBackoff: the consumer's BackOff has one wait for each redelivery,
// never more than MaxDeliver-1 (the server refuses the consumer
// otherwise), and a retry after any delivery has a delay.
func TestBackoff(t *testing.T) {
	m, r := time.Minute, []time.Duration{5 * time.Minute, 15 * time.Minute}
	for _, tc := range []struct {
		maxDeliver int
		want       []time.Duration
	}{
		{1, nil},
		{2, []time.Duration{m}},
		{3, []time.Duration{m, r[0]}},
		{5, []time.Duration{m, r[0], r[1]}},
	} {
		c := Config{AckWait: m, Retry: r, MaxDeliver: tc.maxDeliver}
		if got := c.backoff(); !slices.Equal(got, tc.want) {
			t.Errorf("MaxDeliver %d: backoff %v, want %v", tc.maxDeliver, got, tc.want)
		}
		for d := uint64(1); d <= uint64(tc.maxDeliver)+1; d++ {
			if got := c.retryDelay(d); got <= 0 {
				t.Errorf("MaxDeliver %d: retry delay after delivery %d is %v", tc.maxDeliver, d, got)
			}
		}
	}
	want := []time.Duration{DefaultAckWait, 5 * time.Minute, 15 * time.Minute}
	if got := (Config{}).withDefaults().backoff(); !slices.Equal(got, want) {
		t.Errorf("default backoff %v, want %v", got, want)
	}
}

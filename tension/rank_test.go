package tension

import (
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// pairDays builds and computes a pair's days from a per-day function of
// Goldstein scores, as the updater stores them.
func pairDays(t *testing.T, a, b string, n int, day func(i int) []float64) []Day {
	t.Helper()
	days := series(n, day)
	pair := detente.NewPair(a, b, false)
	for i := range days {
		days[i].Pair = pair
		days[i].Sources = days[i].Events
	}
	out, _ := Compute(days, DefaultParams())
	return out
}

func TestRankPairs(t *testing.T) {
	const n = 120
	asOf := t0.AddDate(0, 0, n-1)
	// Calm for months, then a hostile last week of many reports: the
	// story an analyst must see first.
	story := pairDays(t, "IRN", "USA", n, func(i int) []float64 {
		if i >= n-5 {
			return []float64{-9, -9, -8, -10}
		}
		if i%3 == 0 {
			return []float64{3}
		}
		return nil
	})
	// One hostile report on a pair with no history: a larger move on the
	// index's scale but a single piece of evidence.
	lone := pairDays(t, "JPN", "KOR", n, func(i int) []float64 {
		if i == n-2 {
			return []float64{-10}
		}
		return nil
	})
	// A pair that swings every week: its last week's move is its usual.
	swing := pairDays(t, "IND", "PAK", n, func(i int) []float64 {
		if (i/7)%2 == 0 {
			return []float64{-8, -8}
		}
		return []float64{4, 4}
	})
	// An alert long ago and nothing since but an old event in the window.
	alerted := pairDays(t, "GBR", "IRN", n, func(i int) []float64 {
		if i == n-60 {
			return []float64{-7}
		}
		return nil
	})
	var days []Day
	for _, g := range [][]Day{alerted, swing, story, lone} {
		days = append(days, g...)
	}
	got := RankPairs(days, detente.PairFilter{}, asOf, map[string]bool{"GBR-IRN": true})
	var keys []string
	for _, s := range got {
		keys = append(keys, s.Pair.Key())
	}
	want := []string{"GBR-IRN", "IRN-USA", "JPN-KOR", "IND-PAK"}
	if len(keys) != len(want) {
		t.Fatalf("ranking %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Fatalf("ranking %v, want %v (scores %+v)", keys, want, got)
		}
	}
	s := got[1]
	if s.Events != 21 || s.Sources != 21 || s.Change <= 0 || !s.AsOf.Equal(asOf) || !s.LastDay.Equal(asOf) {
		t.Errorf("IRN-USA summary %+v: want 21 events and sources, a rise, as of and last day %s", s, asOf.Format(time.DateOnly))
	}
	if sw := got[3]; sw.Unusual > 2 {
		t.Errorf("IND-PAK swings weekly: unusual %.2f, want its usual move to score low", sw.Unusual)
	}
}

func TestRankPairsAsOf(t *testing.T) {
	const n = 100
	days := pairDays(t, "IRN", "USA", n, func(i int) []float64 {
		if i == 50 || i == 90 {
			return []float64{-9}
		}
		return nil
	})
	asOf := t0.AddDate(0, 0, 60)
	got := RankPairs(days, detente.PairFilter{}, asOf, nil)
	if len(got) != 1 {
		t.Fatalf("ranking %+v, want IRN-USA", got)
	}
	if s := got[0]; !s.LastDay.Equal(t0.AddDate(0, 0, 50)) || !s.AsOf.Equal(asOf) || s.Events != 0 {
		t.Errorf("as of day 60: %+v, want last day 50 and no event in the last 7 days (day 90 is after as of)", s)
	}
}

func TestPage(t *testing.T) {
	ranked := make([]detente.PairSummary, 5)
	for _, tt := range []struct{ offset, n, want int }{{0, 2, 2}, {4, 2, 1}, {5, 2, 0}, {9, 2, 0}} {
		if got := Page(ranked, tt.offset, tt.n); len(got) != tt.want {
			t.Errorf("Page(5 pairs, %d, %d) = %d pairs, want %d", tt.offset, tt.n, len(got), tt.want)
		}
	}
}

func TestAppeared(t *testing.T) {
	for _, tc := range []struct {
		dir    detente.Direction
		before float64
		want   bool
	}{
		{detente.Escalation, 0, true},
		{detente.Escalation, 1.2, false},
		{detente.Escalation, -0.4, false},
		{detente.Deescalation, 0, false},
		{detente.Deescalation, 4.1, false},
	} {
		if got := Appeared(detente.Alert{Direction: tc.dir, Before: tc.before}); got != tc.want {
			t.Errorf("Appeared(%s from %v) = %v, want %v", tc.dir, tc.before, got, tc.want)
		}
	}
}

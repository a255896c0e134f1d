package postgres

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// TestFirstSpan checks how many of the newest months the first span of a
// search reads, and the share of their rows it holds: as many as hold
// twice a page of its matches, spread as the index's rows are by month,
// past months that hold few; evenly without the statistics; every month
// when even they would not hold it. A span past a gap holds a small share
// of the rows for its months, and so is read in spans, not all at once.
func TestFirstSpan(t *testing.T) {
	even := map[int]float64{}
	for m := 101; m <= 110; m++ {
		even[m] = 0.1
	}
	gap := map[int]float64{110: 0.001} // a few pages, then three empty months
	for m := 101; m <= 106; m++ {
		gap[m] = 0.16
	}
	tests := []struct {
		name     string
		m        int
		shares   map[int]float64
		limit    int
		perMatch float64
		want     int
		held     float64
	}{
		{"no matches", 0, even, 50, 1, 1, 0.1},
		{"a page in a month", 10_000, even, 50, 1, 1, 0.1},
		{"a page in three months", 400, even, 50, 1, 3, 0.3},
		{"copies count less", 1_000, even, 50, 0.4, 3, 0.3},
		{"past a gap", 10_000, gap, 50, 1, 5, 0.161 / 0.961},
		{"past a gap, more", 1_000, gap, 50, 1, 5, 0.161 / 0.961},
		{"past a gap, two months", 500, gap, 50, 1, 6, 0.321 / 0.961},
		{"past a gap, most rows", 200, gap, 50, 1, 8, 0.641 / 0.961},
		{"no statistics", 400, nil, 50, 1, 3, 0.3},
		{"no statistics, a gap", 10_000, nil, 50, 1, 1, 0.1},
		{"no statistics, more than every month", 50, nil, 50, 1, 10, 1},
		{"more than every month", 50, even, 50, 1, 10, 1},
	}
	for _, tt := range tests {
		got, held := firstSpan(tt.m, tt.shares, 110, 101, tt.limit, tt.perMatch)
		if got != tt.want || math.Abs(held-tt.held) > 1e-9 {
			t.Errorf("%s: firstSpan(%d, ..., %d, %v) = %d months holding %.3f, want %d holding %.3f", tt.name, tt.m, tt.limit,
				tt.perMatch, got, held, tt.want, tt.held)
		}
		if all := tt.held > 0.5; atOnce(held) != all {
			t.Errorf("%s: atOnce(%.3f) = %v, want %v", tt.name, held, !all, all)
		}
	}
}

// TestSpansFirstForSentences checks when a dense search of sentences
// reads its newest months of matches rather than walking articles newest
// first, at the size of bench scale's store of ten million events (45.7 M
// sentences over 36 months): a word too rare for the planner's statistics
// (estimated at 50,278 matches) from its months, a common one (a million
// matches) by the walk; at a hundredth of that store, both by the walk.
func TestSpansFirstForSentences(t *testing.T) {
	tests := []struct {
		m, n int
		want bool
	}{
		{50_278, 45_700_000, true},
		{1_000_000, 45_700_000, false},
		{20_000, 457_000, false},
		{50_278, 457_000, false},
	}
	for _, tt := range tests {
		if got := spansFirst(tt.m, tt.n, 36, 51, sentenceWalkCost); got != tt.want {
			t.Errorf("spansFirst(%d matches of %d sentences) = %v, want %v", tt.m, tt.n, got, tt.want)
		}
	}
}

// TestEachSpan checks the spans of months a search reads: from the
// newest down, each twice the one before, monthSpans of them, cut at the
// oldest month, stopping where the reader has read enough, and none with
// a first span of no months.
func TestEachSpan(t *testing.T) {
	type span struct{ hi, lo int }
	tests := []struct {
		name                  string
		newest, oldest, first int
		enough                int // the span after which the reader has enough; 0: never
		want                  []span
		below                 int
	}{
		{"every span", 40, 1, 1, 0, []span{{40, 40}, {39, 38}, {37, 34}, {33, 26}}, 25},
		{"a longer first span", 40, 1, 3, 0, []span{{40, 38}, {37, 32}, {31, 20}, {19, 1}}, 0},
		{"enough after the second", 40, 1, 1, 2, []span{{40, 40}, {39, 38}}, 37},
		{"cut at the oldest month", 10, 5, 2, 0, []span{{10, 9}, {8, 5}}, 4},
		{"no first span", 40, 1, 0, 0, nil, 40},
	}
	for _, tc := range tests {
		var got []span
		below, enough, err := eachSpan(tc.newest, tc.oldest, tc.first, func(hi, lo int) (bool, error) {
			got = append(got, span{hi, lo})
			return len(got) == tc.enough, nil
		})
		if err != nil || enough != (tc.enough > 0) || below != tc.below || !slices.Equal(got, tc.want) {
			t.Errorf("%s: spans %v, below %d, enough %v, %v; want %v, below %d, enough %v",
				tc.name, got, below, enough, err, tc.want, tc.below, tc.enough > 0)
		}
	}
	boom := errors.New("boom")
	if _, _, err := eachSpan(40, 1, 1, func(int, int) (bool, error) { return false, boom }); !errors.Is(err, boom) {
		t.Errorf("a reader's error: got %v, want it returned", err)
	}
}

// TestSharesUpTo checks the shares of the months up to the newest asked
// for: the statistics' own, none for a month they lack, the mean of
// theirs for each month after they were taken up to the one they were
// read in, and none for a month after that, which holds only misdated
// articles.
func TestSharesUpTo(t *testing.T) {
	st := statShares{analyzed: 100, current: 102, shares: map[int]float64{98: 0.2, 99: 0.3, 100: 0.1}}
	got := st.upTo(110)
	want := map[int]float64{98: 0.2, 99: 0.3, 100: 0.1, 101: 0.2, 102: 0.2}
	if len(got) != len(want) {
		t.Errorf("shares %v, want %v", got, want)
	}
	for m, of := range want {
		if math.Abs(got[m]-of) > 1e-9 {
			t.Errorf("month %d: share %v, want %v (all %v)", m, got[m], of, got)
		}
	}
	if got := st.upTo(101); len(got) != 4 || got[102] != 0 {
		t.Errorf("up to month 101: %v, want the statistics' and 101's mean only", got)
	}
	if got := (statShares{analyzed: 100, current: 102}).upTo(110); len(got) != 0 {
		t.Errorf("no statistics: %v, want no shares", got)
	}
}

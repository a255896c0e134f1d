package postgres

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
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
		if all := tt.held > 0.2; atOnce(held) != all {
			t.Errorf("%s: atOnce(%.3f) = %v, want %v", tt.name, held, !all, all)
		}
	}
}

// TestSpansFirstForSentences checks when a dense search of sentences
// reads its first span of days of matches (firstSpan, taken as even)
// rather than walking articles newest first, at the size of bench scale's
// store of ten million events (45.7 M sentences over 1,095 days): a word
// too rare for the planner's statistics (estimated at 50,278 matches)
// from its days, and a common one of 200,000 matches too, whose newest
// day holds a page (its newest month, the shortest span before days,
// held 5,600 of its matches and it walked); one in every other sentence
// (a million matches) by the walk; at a hundredth of that store, both by
// the walk.
func TestSpansFirstForSentences(t *testing.T) {
	tests := []struct {
		m, n int
		want bool
	}{
		{50_278, 45_700_000, true},
		{200_000, 45_700_000, true},
		{1_000_000, 45_700_000, false},
		{20_000, 457_000, false},
		{50_278, 457_000, false},
	}
	for _, tt := range tests {
		_, held := firstSpan(tt.m, nil, 1095, 1, 51, 1)
		if got := spansFirst(held*float64(tt.m), tt.m, tt.n, 51, sentenceWalkCost); got != tt.want {
			t.Errorf("spansFirst(%d matches of %d sentences) = %v, want %v", tt.m, tt.n, got, tt.want)
		}
	}
}

// TestEachSpan checks the spans of days a search reads: from the newest
// down, each twice the one before, maxSpans of them, cut at the oldest
// day, stopping where the reader has read enough, and none with a first
// span of no days.
func TestEachSpan(t *testing.T) {
	type span struct{ hi, lo int }
	tests := []struct {
		name                  string
		newest, oldest, first int
		enough                int // the span after which the reader has enough; 0: never
		want                  []span
		below                 int
	}{
		{"every span", 600, 1, 1, 0, []span{{600, 600}, {599, 598}, {597, 594}, {593, 586}, {585, 570}, {569, 538}, {537, 474},
			{473, 346}, {345, 90}}, 89},
		{"a longer first span", 40, 1, 3, 0, []span{{40, 38}, {37, 32}, {31, 20}, {19, 1}}, 0},
		{"enough after the second", 40, 1, 1, 2, []span{{40, 40}, {39, 38}}, 37},
		{"cut at the oldest day", 10, 5, 2, 0, []span{{10, 9}, {8, 5}}, 4},
		{"no first span", 40, 1, 0, 0, nil, 40},
	}
	for _, tc := range tests {
		var got []span
		below, enough, err := eachSpan(tc.newest, tc.oldest, tc.first, nil, func(hi, lo int) (bool, error) {
			got = append(got, span{hi, lo})
			return len(got) == tc.enough, nil
		})
		if err != nil || enough != (tc.enough > 0) || below != tc.below || !slices.Equal(got, tc.want) {
			t.Errorf("%s: spans %v, below %d, enough %v, %v; want %v, below %d, enough %v",
				tc.name, got, below, enough, err, tc.want, tc.below, tc.enough > 0)
		}
	}
	boom := errors.New("boom")
	if _, _, err := eachSpan(40, 1, 1, nil, func(int, int) (bool, error) { return false, boom }); !errors.Is(err, boom) {
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

// TestDayLexemes checks the lexemes of a span of days, its months' before
// its days': a day's own within a month, a month's for each month the
// span holds whole, the days of the months it holds in part at either
// end, and the month's for more than maxDayLexemes days of one.
func TestDayLexemes(t *testing.T) {
	day := func(y int, m time.Month, d int) int { return dayOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC)) }
	month := func(y int, m time.Month) string { return "M" + strconv.Itoa(y*12+int(m)-1) }
	dl := func(y int, m time.Month, d int) string { return "D" + strconv.Itoa(day(y, m, d)) }
	tests := []struct {
		name   string
		hi, lo int
		want   []string
	}{
		{"one day", day(2026, 5, 2), day(2026, 5, 2), []string{dl(2026, 5, 2)}},
		{"days of one month", day(2026, 5, 3), day(2026, 5, 1), []string{dl(2026, 5, 3), dl(2026, 5, 2), dl(2026, 5, 1)}},
		{"a whole month", day(2026, 4, 30), day(2026, 4, 1), []string{month(2026, 4)}},
		{"a month and days either side", day(2026, 5, 2), day(2026, 3, 30),
			[]string{month(2026, 4), dl(2026, 5, 2), dl(2026, 5, 1), dl(2026, 3, 31), dl(2026, 3, 30)}},
		{"February of a leap year, and the year's turn", day(2024, 3, 1), day(2023, 12, 31),
			[]string{month(2024, 2), month(2024, 1), dl(2024, 3, 1), dl(2023, 12, 31)}},
		{"the most days of a month", day(2026, 5, 17), day(2026, 5, 11), []string{dl(2026, 5, 17), dl(2026, 5, 16), dl(2026, 5, 15),
			dl(2026, 5, 14), dl(2026, 5, 13), dl(2026, 5, 12), dl(2026, 5, 11)}},
		{"more days of a month", day(2026, 5, 17), day(2026, 5, 10), []string{month(2026, 5)}},
		{"more days of one month, fewer of the next", day(2026, 6, 2), day(2026, 5, 20), []string{month(2026, 5), dl(2026, 6, 2),
			dl(2026, 6, 1)}},
	}
	for _, tt := range tests {
		if got := dayLexemes(tt.hi, tt.lo); got != strings.Join(tt.want, " | ") {
			t.Errorf("%s: dayLexemes(%d, %d) = %q, want %q", tt.name, tt.hi, tt.lo, got, strings.Join(tt.want, " | "))
		}
	}
}

// TestSpreadOverDays checks each month's share spread evenly over its
// days between the oldest and the newest, so that the shares of a span of
// days add up as its months' do, and none for a month without a share.
func TestSpreadOverDays(t *testing.T) {
	day := func(m time.Month, d int) int { return dayOf(time.Date(2026, m, d, 0, 0, 0, 0, time.UTC)) }
	months := map[int]float64{2026*12 + 2: 0.3, 2026*12 + 3: 0.6} // March, April; none in May
	newest, oldest := day(5, 10), day(3, 22)                      // the newest ten days of May, of March the last ten
	shares := spreadOverDays(months, newest, oldest)
	sum := func(hi, lo int) float64 {
		all := 0.0
		for d := hi; d >= lo; d-- {
			all += shares[d]
		}
		return all
	}
	for _, c := range []struct {
		name   string
		hi, lo int
		want   float64
	}{
		{"March's days", day(3, 31), day(3, 22), 0.3},
		{"one of March's days", day(3, 25), day(3, 25), 0.03},
		{"April", day(4, 30), day(4, 1), 0.6},
		{"half of April", day(4, 30), day(4, 16), 0.3},
		{"May", day(5, 10), day(5, 1), 0},
		{"before the oldest", day(3, 21), day(3, 1), 0},
	} {
		if got := sum(c.hi, c.lo); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: shares add up to %.4f, want %.4f", c.name, got, c.want)
		}
	}
	if len(shares) != 40 {
		t.Errorf("%d days have a share, want the 40 of March and April between the oldest and the newest", len(shares))
	}
}

// TestMonthStart checks where a span of days reaches down to: its oldest
// day while it holds no more than maxDayLexemes days of that day's month,
// else the first of the month, which the month's lexeme reads anyway; and
// the spans of days eachSpan reads with it.
func TestMonthStart(t *testing.T) {
	day := func(m time.Month, d int) int { return dayOf(time.Date(2026, m, d, 0, 0, 0, 0, time.UTC)) }
	for _, c := range []struct {
		name         string
		hi, lo, want int
	}{
		{"seven days", day(5, 17), day(5, 11), day(5, 11)},
		{"eight days", day(5, 17), day(5, 10), day(5, 1)},
		{"four days of the month before", day(6, 20), day(5, 28), day(5, 28)},
		{"twelve days to the month's end", day(5, 31), day(5, 20), day(5, 1)},
	} {
		if got := monthStart(c.hi, c.lo); got != c.want {
			t.Errorf("%s: monthStart = %d, want %d", c.name, got, c.want)
		}
	}
	type span struct{ hi, lo int }
	var got []span
	below, _, err := eachSpan(day(5, 17), day(1, 1), 3, monthStart, func(hi, lo int) (bool, error) {
		got = append(got, span{hi, lo})
		return false, nil
	})
	want := []span{{day(5, 17), day(5, 15)}, {day(5, 14), day(5, 9)}, {day(5, 8), day(4, 27)}, {day(4, 26), day(4, 1)},
		{day(3, 31), day(2, 1)}, {day(1, 31), day(1, 1)}}
	if err != nil || !slices.Equal(got, want) || below != day(1, 1)-1 {
		t.Errorf("spans %v, below %d, %v; want %v, below %d", got, below, err, want, day(1, 1)-1)
	}
}

package tension

import (
	"math"
	"sort"
	"time"

	"github.com/detente-project/detente"
)

// Sizes of the pair ranking and of alert lists, and the days that ranking
// reads.
const (
	DefaultPairs  = 50
	MaxPairs      = 500
	DefaultAlerts = 100
	MaxAlerts     = 1000
	// RankDays is the ranking window: a pair is ranked when it has events
	// in the RankDays days up to the ranking day, its typical change is
	// measured over them, and an alert detected in them ranks it first.
	RankDays = 90
	// MinTypicalChange floors a pair's typical change over
	// detente.RecentDays (index units), so that a pair that never moved
	// is not infinitely surprised by its first small move.
	MinTypicalChange = 0.5
	// EvidenceHalf is the recent source weight at which a pair's change
	// counts half: a move made by one report weighs less than one made
	// by many.
	EvidenceHalf = 2.0
)

// RankWindow returns the first day of the ranking window ending on asOf.
func RankWindow(asOf time.Time) time.Time { return truncDay(asOf).AddDate(0, 0, -RankDays) }

// RankPairs ranks, as of a day, the pairs whose stored days (sorted by
// pair, then day; those of the window and the last one before it) are
// given and that f selects. alerted holds the keys of the pairs with an
// alert detected in the window. Pairs with an alert come first, then by
// Score, largest first, then by their latest day with data, newest first,
// then by key. The stores read the days and alerts;
// the ranking is the index's (docs/tension.md, "Ranking pairs").
func RankPairs(days []Day, f detente.PairFilter, asOf time.Time, alerted map[string]bool) []detente.PairSummary {
	p := DefaultParams()
	asOf = truncDay(asOf)
	out := []detente.PairSummary{}
	for i := 0; i < len(days); {
		j := i
		for j < len(days) && days[j].Pair == days[i].Pair {
			j++
		}
		pair, group := days[i].Pair, days[i:j]
		i = j
		if pair.Directed != f.Directed || (f.Country != "" && pair.A != f.Country && pair.B != f.Country) {
			continue
		}
		sum := summarise(pair, group, asOf, p)
		sum.Alerted = alerted[pair.Key()]
		out = append(out, sum)
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.Alerted != y.Alerted {
			return x.Alerted
		}
		if x.Score != y.Score {
			return x.Score > y.Score
		}
		if !x.LastDay.Equal(y.LastDay) {
			return x.LastDay.After(y.LastDay)
		}
		return x.Pair.Key() < y.Pair.Key()
	})
	return out
}

// summarise measures one pair's recent change against its own history.
func summarise(pair detente.Pair, group []Day, asOf time.Time, p Params) detente.PairSummary {
	pts := Fill(pair, group, RankWindow(asOf), asOf, p)
	n := len(pts)
	now, then := pts[n-1], pts[n-1-detente.RecentDays]
	sum := detente.PairSummary{Pair: pair, AsOf: asOf, Index: now.Index, Lower: now.Lower, Upper: now.Upper,
		Change: now.Index - then.Index}
	for _, d := range group {
		if !d.Day.After(asOf) {
			sum.LastDay = truncDay(d.Day)
		}
	}
	var sq float64
	k := 0
	for t := detente.RecentDays; t < n-detente.RecentDays; t++ {
		c := pts[t].Index - pts[t-detente.RecentDays].Index
		sq += c * c
		k++
	}
	typical := MinTypicalChange
	if k > 0 {
		typical = math.Max(typical, math.Sqrt(sq/float64(k)))
	}
	sum.Unusual = math.Abs(sum.Change) / typical
	var weight float64
	for _, pt := range pts[n-detente.RecentDays:] {
		sum.Events += pt.Events
		sum.Sources += pt.Sources
		weight += pt.Weighted
	}
	sum.Score = sum.Unusual * weight / (weight + EvidenceHalf)
	return sum
}

// CheckPairFilter returns an EINVALID *Error for an unknown country or a
// negative offset.
func CheckPairFilter(f detente.PairFilter) error {
	if f.Country != "" && !detente.IsCountry(f.Country) {
		return detente.Errorf(detente.EINVALID, "unknown country code %q", f.Country)
	}
	if f.Offset < 0 {
		return detente.Errorf(detente.EINVALID, "offset %d: want 0 or more", f.Offset)
	}
	return nil
}

// Page returns at most n pairs of a ranking from offset on.
func Page(ranked []detente.PairSummary, offset, n int) []detente.PairSummary {
	if offset >= len(ranked) {
		return []detente.PairSummary{}
	}
	ranked = ranked[offset:]
	return ranked[:min(len(ranked), n)]
}

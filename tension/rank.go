package tension

import (
	"math"
	"sort"

	"github.com/detente-project/detente"
)

// Sizes of the pair ranking and of alert lists, and the days that ranking
// reads.
const (
	DefaultPairs  = 50
	MaxPairs      = 500
	DefaultAlerts = 100
	MaxAlerts     = 1000
	// RankDays is how far before the latest stored day a pair must have
	// events to be ranked.
	RankDays = 90
	// FillDays is how many days before its last a ranked pair's days are
	// read.
	FillDays = 30
)

// RankPairs summarises the recent days of each pair (sorted by pair, then
// day) that f selects and ranks them by absolute change, largest first,
// then by pair key. The stores read the days; the ranking is the index's.
func RankPairs(days []Day, f detente.PairFilter) []detente.PairSummary {
	p := DefaultParams()
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
		lastDay := group[len(group)-1].Day
		pts := Fill(pair, group, lastDay.AddDate(0, 0, -detente.RecentDays), lastDay, p)
		now, then := pts[len(pts)-1], pts[0]
		sum := detente.PairSummary{Pair: pair, LastDay: lastDay, Index: now.Index, Lower: now.Lower,
			Upper: now.Upper, Change: now.Index - then.Index}
		for _, pt := range pts[1:] {
			sum.Events += pt.Events
		}
		out = append(out, sum)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if ca, cb := math.Abs(out[a].Change), math.Abs(out[b].Change); ca != cb {
			return ca > cb
		}
		return out[a].Pair.Key() < out[b].Pair.Key()
	})
	return out
}

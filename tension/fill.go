package tension

import (
	"time"

	"github.com/detente-project/detente"
)

// Fill returns one point per day from from to to (inclusive) of a pair's
// series, given its stored days (sorted by day; days without events are
// absent) that lie in the range or just before it. A day without events
// carries the index state of the last day before it forward: recent
// evidence fades with the index half-life, the index relaxes toward the
// pair's baseline, and the band widens. Before a pair's first event the
// index is neutral with the prior's band.
func Fill(pair detente.Pair, days []Day, from, to time.Time, p Params) []detente.TensionPoint {
	from, to = truncDay(from), truncDay(to)
	if to.Before(from) {
		return nil
	}
	ls := decay(p.HalfLife)
	out := make([]detente.TensionPoint, 0, daysBetween(from, to)+1)
	var prev *Day
	i := 0
	for t := from; !t.After(to); t = t.AddDate(0, 0, 1) {
		for i < len(days) && truncDay(days[i].Day).Before(t) {
			prev = &days[i]
			i++
		}
		if i < len(days) && truncDay(days[i].Day).Equal(t) {
			pt := days[i].TensionPoint
			pt.Pair, pt.Day = pair, t
			out = append(out, pt)
			continue
		}
		pt := detente.TensionPoint{Pair: pair, Day: t}
		st := State{Sigma: p.Sigma0}
		if prev != nil {
			st = prev.State
			s := pow(ls, daysBetween(truncDay(prev.Day), t))
			st.Sum, st.Weight, st.WeightSq = st.Sum*s, st.Weight*s, st.WeightSq*s
		}
		pt.Index, pt.Lower, pt.Upper = band(st, p)
		out = append(out, pt)
	}
	return out
}

// pow returns x to the n-th power for n ≥ 0.
func pow(x float64, n int) float64 {
	r := 1.0
	for ; n > 0; n-- {
		r *= x
	}
	return r
}

// Weekly groups daily points into ISO weeks, each dated by its Monday:
// counts and sums add up, stories add up over the days, the Goldstein mean
// is recomputed, the index and its band are the mean of the week's days,
// and Change is the week's first change.
func Weekly(points []detente.TensionPoint) []detente.TensionPoint {
	var out []detente.TensionPoint
	n := 0
	for _, pt := range points {
		monday := truncDay(pt.Day).AddDate(0, 0, -((int(pt.Day.Weekday()) + 6) % 7))
		if len(out) == 0 || !out[len(out)-1].Day.Equal(monday) {
			closeWeek(out, n)
			out = append(out, detente.TensionPoint{Pair: pt.Pair, Day: monday})
			n = 0
		}
		w := &out[len(out)-1]
		for q := range w.Counts {
			w.Counts[q] += pt.Counts[q]
		}
		w.Events += pt.Events
		w.Weighted += pt.Weighted
		w.GoldsteinSum += pt.GoldsteinSum
		w.Stories += pt.Stories
		w.Sources += pt.Sources
		w.Index += pt.Index
		w.Lower += pt.Lower
		w.Upper += pt.Upper
		if w.Change == "" {
			w.Change = pt.Change
		}
		n++
	}
	closeWeek(out, n)
	return out
}

// closeWeek turns the last week's sums of index values into means.
func closeWeek(weeks []detente.TensionPoint, n int) {
	if len(weeks) == 0 || n == 0 {
		return
	}
	w := &weeks[len(weeks)-1]
	w.Index /= float64(n)
	w.Lower /= float64(n)
	w.Upper /= float64(n)
	if w.Weighted > 0 {
		w.GoldsteinMean = w.GoldsteinSum / w.Weighted
	}
}

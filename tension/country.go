package tension

import (
	"math"
	"sort"
	"time"

	"github.com/detente-project/detente"
)

// RiskRoots are the CAMEO roots whose articles count as geopolitical risk
// in the country index: threats (13) and every root of material conflict —
// exhibit military posture (15), reduce relations (16: sanctions,
// embargoes), coerce (17: seizing a ship, a blockade), assault (18), fight
// (19) and use unconventional mass violence (20) — the threats, military
// moves and hostile acts of Caldara and Iacoviello.
var RiskRoots = []string{"13", "15", "16", "17", "18", "19", "20"}

// CountryDay is one day of a country's index as stored: the day's article
// counts, the discounted counts the index carries to later days, and the
// counts of the country's history up to the day. The index itself depends
// on the country's baseline, which moves as history grows, so it is
// derived when read (CountryFill), from the totals of the country's last
// stored day: one row, however long its history.
type CountryDay struct {
	Country       string
	Day           time.Time
	Articles      int     // articles with a counted event involving the country
	Risk          int     // of those, articles reporting a RiskRoots event
	RiskSum       float64 // discounted risk articles up to this day
	ArticlesSum   float64 // discounted articles up to this day
	RiskTotal     int     // risk articles up to this day, this day's included
	ArticlesTotal int     // articles up to this day, this day's included
}

// CountryState computes the discounted counts and the totals on each of a
// country's days (sorted by day; days with articles only).
func CountryState(days []CountryDay, p Params) []CountryDay {
	return countryState(nil, days, p)
}

// countryState is CountryState for days that follow prev, a stored day
// whose discounted counts and totals they carry on; nil for none.
func countryState(prev *CountryDay, days []CountryDay, p Params) []CountryDay {
	out := make([]CountryDay, len(days))
	copy(out, days)
	sort.Slice(out, func(i, j int) bool { return out[i].Day.Before(out[j].Day) })
	l := decay(p.CountryHalfLife)
	var rs, as float64
	var rt, at int
	if prev != nil {
		rs, as, rt, at = prev.RiskSum, prev.ArticlesSum, prev.RiskTotal, prev.ArticlesTotal
	}
	for i := range out {
		d := &out[i]
		switch {
		case i > 0:
			s := pow(l, daysBetween(truncDay(out[i-1].Day), truncDay(d.Day)))
			rs, as = rs*s, as*s
		case prev != nil:
			s := pow(l, daysBetween(truncDay(prev.Day), truncDay(d.Day)))
			rs, as = rs*s, as*s
		}
		rs += float64(d.Risk)
		as += float64(d.Articles)
		rt += d.Risk
		at += d.Articles
		d.RiskSum, d.ArticlesSum, d.RiskTotal, d.ArticlesTotal = rs, as, rt, at
	}
	return out
}

// CountryBaseline returns a country's baseline share of risk articles from
// its totals over its whole history, shrunk toward ShareBase.
func CountryBaseline(risk, articles int, p Params) float64 {
	return (p.ShareBase*p.ShareBasePrior + float64(risk)) / (p.ShareBasePrior + float64(articles))
}

// countryBand returns the posterior share of risk articles, Beta with a
// prior worth CountryPrior articles at the baseline, the index and its band
// (a normal approximation of the Beta, Z sds either side, floored at 0).
func countryBand(rs, as, base float64, p Params) (share, index, lower, upper float64) {
	a := p.CountryPrior*base + rs
	b := p.CountryPrior*(1-base) + (as - rs)
	share = a / (a + b)
	sd := math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)))
	scale := 100 / base
	return share, share * scale, max(0, share-p.Z*sd) * scale, (share + p.Z*sd) * scale
}

// CountryFill returns one point per day from from to to of a country's
// index, given its stored days in or just before the range and its
// baseline share (CountryBaseline). The share of a day is the discounted
// share of recent days shrunk toward the baseline, and the index is 100 ×
// share / baseline; days without articles carry the state forward,
// relaxing toward the baseline.
func CountryFill(country string, days []CountryDay, base float64, from, to time.Time, p Params) []detente.CountryPoint {
	from, to = truncDay(from), truncDay(to)
	if to.Before(from) {
		return nil
	}
	l := decay(p.CountryHalfLife)
	out := make([]detente.CountryPoint, 0, daysBetween(from, to)+1)
	var prev *CountryDay
	i := 0
	for t := from; !t.After(to); t = t.AddDate(0, 0, 1) {
		for i < len(days) && truncDay(days[i].Day).Before(t) {
			prev = &days[i]
			i++
		}
		pt := detente.CountryPoint{Country: country, Day: t}
		rs, as := 0.0, 0.0
		switch {
		case i < len(days) && truncDay(days[i].Day).Equal(t):
			pt.Articles, pt.Risk = days[i].Articles, days[i].Risk
			rs, as = days[i].RiskSum, days[i].ArticlesSum
		case prev != nil:
			s := pow(l, daysBetween(truncDay(prev.Day), t))
			rs, as = prev.RiskSum*s, prev.ArticlesSum*s
		}
		pt.Share, pt.Index, pt.Lower, pt.Upper = countryBand(rs, as, base, p)
		out = append(out, pt)
	}
	return out
}

// CountryWeekly groups a country's daily points into ISO weeks dated by
// their Monday: counts add up, share, index and band are the days' means.
func CountryWeekly(points []detente.CountryPoint) []detente.CountryPoint {
	var out []detente.CountryPoint
	var n float64
	flush := func() {
		if len(out) > 0 && n > 0 {
			w := &out[len(out)-1]
			w.Share, w.Index, w.Lower, w.Upper = w.Share/n, w.Index/n, w.Lower/n, w.Upper/n
		}
	}
	for _, pt := range points {
		monday := truncDay(pt.Day).AddDate(0, 0, -((int(pt.Day.Weekday()) + 6) % 7))
		if len(out) == 0 || !out[len(out)-1].Day.Equal(monday) {
			flush()
			out = append(out, detente.CountryPoint{Country: pt.Country, Day: monday})
			n = 0
		}
		w := &out[len(out)-1]
		w.Articles += pt.Articles
		w.Risk += pt.Risk
		w.Share += pt.Share
		w.Index += pt.Index
		w.Lower += pt.Lower
		w.Upper += pt.Upper
		n++
	}
	flush()
	return out
}

package tension

import "github.com/detente-project/detente"

// Series returns the series f asks for, one point per day or week, from a
// pair's stored days (sorted by day: those from f.From to f.To and the last
// one before), with the default parameters.
func Series(f detente.SeriesFilter, days []Day) []detente.TensionPoint {
	pts := Fill(f.Pair, days, f.From, f.To, DefaultParams())
	if f.Interval == detente.Week {
		pts = Weekly(pts)
	}
	return pts
}

// CountrySeries returns the risk index f asks for, one point per day or
// week, from a country's stored days (sorted by day: those from f.From to
// f.To and the last one before) and its risk and article totals over all
// days, with the default parameters.
func CountrySeries(f detente.CountryFilter, days []CountryDay, risk, articles int) []detente.CountryPoint {
	p := DefaultParams()
	pts := CountryFill(f.Country, days, CountryBaseline(risk, articles, p), f.From, f.To, p)
	if f.Interval == detente.Week {
		pts = CountryWeekly(pts)
	}
	return pts
}

package http

import (
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// TestCountryRows checks the country index's rows: the counts behind the
// figure, a reason where there is none, and an order that one article
// cannot top.
func TestCountryRows(t *testing.T) {
	day := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	// One risk article: a high index with a wide band.
	one := countryRowOf("ISR", []detente.CountryPoint{{Day: day, Articles: 1, Risk: 1, Index: 150, Lower: 60, Upper: 240}}, 30)
	// A month of coverage, many of it risk: a lower index, surer.
	many := countryRowOf("IRN", []detente.CountryPoint{
		{Day: day, Articles: 12, Risk: 6, Index: 130, Lower: 110, Upper: 150},
		{Day: day.AddDate(0, 0, 1), Articles: 10, Risk: 5, Index: 126, Lower: 106, Upper: 146},
	}, 30)
	none := countryRowOf("OMN", []detente.CountryPoint{{Day: day}}, 30)
	if many.Articles != 22 || many.Risk != 11 || many.Index != 128 || many.NoData != "" {
		t.Errorf("IRN row %+v: want 22 articles, 11 of them risk, index 128", many)
	}
	if none.NoData == "" || none.Articles != 0 {
		t.Errorf("OMN row %+v: want a reason for no data", none)
	}
	rows := []countryRow{none, one, many}
	sortCountries(rows)
	if rows[0].Code != "IRN" || rows[1].Code != "ISR" || rows[2].Code != "OMN" {
		t.Errorf("order %s %s %s, want IRN (surer) before ISR (one article), OMN (no data) last", rows[0].Code, rows[1].Code, rows[2].Code)
	}
}

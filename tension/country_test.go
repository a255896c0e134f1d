package tension

import (
	"testing"
	"time"
)

func TestCountryIndex(t *testing.T) {
	p := DefaultParams()
	var days []CountryDay
	for i := range 60 {
		risk := 1
		if i >= 40 {
			risk = 6
		}
		if i%7 == 6 {
			continue // a quiet day a week
		}
		days = append(days, CountryDay{Country: "IRN", Day: t0.AddDate(0, 0, i), Articles: 10, Risk: risk})
	}
	days = CountryState(days, p)
	var risk, articles int
	for _, d := range days {
		risk += d.Risk
		articles += d.Articles
	}
	base := CountryBaseline(risk, articles, p)
	pts := CountryFill("IRN", days, base, t0, t0.AddDate(0, 0, 89), p)
	if len(pts) != 90 {
		t.Fatalf("%d points, want 90", len(pts))
	}
	calm, tense, after := pts[35], pts[59], pts[89]
	if !(calm.Index < 100 && tense.Index > 150) {
		t.Errorf("index %.1f in calm days, %.1f in tense days: want below and well above 100", calm.Index, tense.Index)
	}
	if !(after.Articles == 0 && after.Index < tense.Index && after.Upper-after.Lower > tense.Upper-tense.Lower) {
		t.Errorf("30 days without articles: %+v; want the index back toward 100 with a wider band", after)
	}
	if q := pts[6]; q.Articles != 0 || q.Index == 0 {
		t.Errorf("quiet day %+v: want no articles and the carried index", q)
	}
	for _, pt := range pts {
		if pt.Lower < 0 || !(pt.Lower <= pt.Index && pt.Index <= pt.Upper) {
			t.Fatalf("day %s: index %.1f outside [%.1f, %.1f]", pt.Day, pt.Index, pt.Lower, pt.Upper)
		}
	}
	weeks := CountryWeekly(pts)
	if len(weeks) != 14 { // 2026-01-01 is a Thursday: 90 days touch 14 ISO weeks
		t.Fatalf("%d weeks, want 14", len(weeks))
	}
	var sum int
	for _, w := range weeks {
		sum += w.Articles
	}
	if sum != articles {
		t.Errorf("weeks hold %d articles, want %d", sum, articles)
	}
}

// TestRiskRoots checks which events make an article a risk article: a
// seized tanker or an embargo is a hostile act as much as a threat or a
// strike; talks and accusations are not.
func TestRiskRoots(t *testing.T) {
	risk := map[string]bool{}
	for _, r := range RiskRoots {
		risk[r] = true
	}
	for code, want := range map[string]bool{
		"171": true, "163": true, "138": true, "152": true, "190": true, "183": true, "202": true,
		"046": false, "112": false, "020": false, "0841": false, "128": false,
	} {
		if risk[code[:2]] != want {
			t.Errorf("CAMEO %s: risk %v, want %v", code, risk[code[:2]], want)
		}
	}
}

// TestCountryStateCarriesOn checks that the days after a stored day,
// computed from that day's discounted counts alone, are exactly those of
// the whole history computed at once: the incremental update reads no
// further back.
func TestCountryStateCarriesOn(t *testing.T) {
	p := DefaultParams()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var days []CountryDay
	for i := range 300 {
		if i%7 == 3 || i%11 == 5 {
			continue // days without articles
		}
		days = append(days, CountryDay{Country: "IRN", Day: t0.AddDate(0, 0, i), Articles: 1 + i%13, Risk: i % 5})
	}
	whole := CountryState(days, p)
	for _, k := range []int{1, 17, 100, len(days) - 1} {
		rest := countryState(&whole[k-1], days[k:], p)
		for i, d := range rest {
			if w := whole[k+i]; d != w {
				t.Fatalf("carried on from day %d: day %d = %+v, want %+v", k-1, k+i, d, w)
			}
		}
	}
}

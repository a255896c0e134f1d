package tensiontest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/tension"
)

// testCountryCounts checks the articles a store counts per country-day as
// it writes (the country index's input) against what a rebuild counts
// afresh from the stored events: an article counts once a country-day
// however many of its events involve the country, a copy of a story
// counts, an article written twice counts once, negated and hypothetical
// events do not count, and an event without a date counts on its
// article's day.
func testCountryCounts(t *testing.T, s Store) {
	ctx := context.Background()
	day := Day0
	risky := document("https://news.example/c/1", "story-c", day,
		event{"USAGOV", "IRNGOV", "190", -10, false}, event{"IRNGOV", "USAGOV", "043", 2.8, false})
	copied := document("https://wire.example/c/1", "story-c", day, event{"USAGOV", "IRNGOV", "190", -10, false})
	negated := document("https://news.example/c/2", "story-c2", day,
		event{"OMNGOV", "IRNGOV", "190", -10, true}, event{"USAGOV", "OMNGOV", "043", 2.8, false})
	hypothetical := document("https://news.example/c/3", "story-c3", day, event{"CHNGOV", "IRNGOV", "138", -7, false})
	hypothetical.Events[0].Hypothetical = true
	undated := document("https://news.example/c/4", "story-c4", day.AddDate(0, 0, 1), event{"CHNGOV", "USAGOV", "036", 4, false})
	undated.Events[0].Date = time.Time{}
	for _, batch := range [][]detente.Document{{risky, copied}, {risky, negated, hypothetical}, {undated, copied}} {
		if err := s.WriteDocuments(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	counts := func(when string) string {
		var out string
		for _, c := range []string{"USA", "IRN", "OMN", "CHN"} {
			ds, err := s.CountryCounts(ctx, c, []time.Time{day, day.AddDate(0, 0, 1), day.AddDate(0, 0, 2)})
			if err != nil {
				t.Fatalf("%s: CountryCounts(%s): %v", when, c, err)
			}
			for _, d := range ds {
				out += fmt.Sprintf("%s %s %d/%d; ", c, d.Day.Format(time.DateOnly), d.Risk, d.Articles)
			}
		}
		return out
	}
	want := "USA 2026-03-01 2/3; USA 2026-03-02 0/1; IRN 2026-03-01 2/2; OMN 2026-03-01 0/1; CHN 2026-03-02 0/1; "
	if got := counts("as written"); got != want {
		t.Errorf("counts as written (country day risk/articles):\n got %s\nwant %s", got, want)
	}
	if err := s.ResetTension(ctx); err != nil {
		t.Fatal(err)
	}
	if got := counts("recounted"); got != want {
		t.Errorf("counts recounted by a rebuild:\n got %s\nwant %s", got, want)
	}
	if got := strings.Join(tension.RiskRoots, ","); got != "13,15,16,17,18,19,20" {
		t.Errorf("RiskRoots = %s: the 0060 migrations count risk articles with 13,15,16,17,18,19,20; a new migration must count them again", got)
	}
}

// checkCountryTotals checks that each stored day of countries carries the
// country's totals of articles and of risk articles up to it, whatever
// order its days were written in: the reads take the baseline from the
// last day's.
func checkCountryTotals(t *testing.T, s Store, when string, countries []string) {
	t.Helper()
	for _, c := range countries {
		ds, err := s.CountryDaysFrom(context.Background(), c, time.Time{})
		if err != nil {
			t.Fatalf("%s: CountryDaysFrom(%s): %v", when, c, err)
		}
		if len(ds) == 0 {
			t.Errorf("%s: no stored day of %s", when, c)
		}
		risk, articles := 0, 0
		for _, d := range ds {
			risk, articles = risk+d.Risk, articles+d.Articles
			if d.RiskTotal != risk || d.ArticlesTotal != articles {
				t.Errorf("%s: %s on %s carries totals %d/%d, want the %d/%d of its days up to it",
					when, c, d.Day.Format(time.DateOnly), d.RiskTotal, d.ArticlesTotal, risk, articles)
				break
			}
		}
	}
}

// CheckCountryTotalsMigration stores ten years of days of two countries in
// s, and wants the store again returns, which migration 0280 filled
// afresh after again took s back to before it, to hold the same days:
// their totals, summed by the migration, those the tension package
// computed.
func CheckCountryTotalsMigration(t *testing.T, s Store, again func() Store) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 8))
	countries := []string{"IRN", "USA"}
	for _, c := range countries {
		var days []tension.CountryDay
		for d := range 3650 {
			if n := rng.IntN(8); n > 0 {
				days = append(days, tension.CountryDay{Country: c, Day: Day0.AddDate(0, 0, d), Articles: n, Risk: rng.IntN(n + 1)})
			}
		}
		if err := s.PutCountryDays(ctx, tension.CountryState(days, tension.DefaultParams())); err != nil {
			t.Fatal(err)
		}
	}
	stored := func(s Store) [][]tension.CountryDay {
		var out [][]tension.CountryDay
		for _, c := range countries {
			ds, err := s.CountryDaysFrom(ctx, c, time.Time{})
			if err != nil {
				t.Fatalf("CountryDaysFrom(%s): %v", c, err)
			}
			out = append(out, ds)
		}
		return out
	}
	want := stored(s)
	got := stored(again())
	for i, c := range countries {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("%s: %d days after the migration, want %d", c, len(got[i]), len(want[i]))
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("%s: after the migration\n %+v\nwant %+v", c, got[i][j], want[i][j])
			}
		}
	}
}

package tensiontest

import (
	"context"
	"fmt"
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

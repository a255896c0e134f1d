package tensiontest

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/tension"
)

// testLateDays ingests the storyline with its days in a shuffled order,
// so that updates change days in the middle of a pair's history and
// resume from the quiet day before them, and with a story between France
// and Germany whose earliest copy comes last, a day before the others, so
// that its event moves to that day and the day it left is emptied. The
// stored days, their carried state included, and the alerts must be those
// a rebuild computes from the stored events.
func testLateDays(t *testing.T, s Store) {
	ctx := context.Background()
	u := quietUpdater(s)
	days := Storyline()
	mover := func(day int, url string) []detente.Document {
		return []detente.Document{document(url, "story-mover", Day0.AddDate(0, 0, day),
			event{"FRAGOV", "DEUGOV", "036", 4, false})}
	}
	days = append(days, mover(51, "https://wire.example/mover/late"), mover(50, "https://wire.example/mover/early"))
	order := rand.New(rand.NewPCG(12, 0)).Perm(len(days) - 2)
	order = append(order, len(days)-2, len(days)-1) // the mover's copies last, the earliest after the other
	for _, i := range order {
		if err := s.WriteDocuments(ctx, days[i]); err != nil {
			t.Fatalf("WriteDocuments: %v", err)
		}
		var evs []detente.Event
		for _, d := range days[i] {
			evs = append(evs, d.Events...)
		}
		if err := u.Update(ctx, evs); err != nil {
			t.Fatalf("Update: %v", err)
		}
	}
	fraDeu := detente.NewPair("FRA", "DEU", false)
	pairs := []detente.Pair{irnUSA, detente.NewPair("USA", "IRN", true), detente.NewPair("IRN", "USA", true),
		detente.NewPair("OMN", "IRN", false), fraDeu, detente.NewPair("FRA", "DEU", true)}
	updated := storedTension(t, s, pairs)
	countries := []string{"USA", "IRN", "OMN", "FRA", "DEU"}
	checkCountryTotals(t, s, "after the updates", countries)
	if ds := updated[fraDeu.Key()].days; len(ds) != 1 || !ds[0].Day.Equal(Day0.AddDate(0, 0, 50)) {
		t.Errorf("%s: stored days %v, want only the day of the story's earliest copy", fraDeu, dayList(ds))
	}
	quiet := 0
	for _, d := range updated[irnUSA.Key()].days {
		if d.Carry != nil {
			quiet++
		}
	}
	if quiet == 0 {
		t.Errorf("%s: no stored day carries the detector's state; updates cannot resume", irnUSA)
	}
	if _, err := u.Rebuild(ctx, s); err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	rebuilt := storedTension(t, s, pairs)
	checkCountryTotals(t, s, "after a rebuild", countries)
	for _, p := range pairs {
		a, b := updated[p.Key()], rebuilt[p.Key()]
		if !reflect.DeepEqual(a.days, b.days) {
			t.Errorf("%s: the updates stored days %v, a rebuild %v", p, dayList(a.days), dayList(b.days))
			for i := range min(len(a.days), len(b.days)) {
				if !reflect.DeepEqual(a.days[i], b.days[i]) {
					t.Errorf("%s: first difference on %s:\nupdates %+v\nrebuild %+v", p, a.days[i].Day.Format(time.DateOnly), a.days[i], b.days[i])
					break
				}
			}
		}
		if !reflect.DeepEqual(a.alerts, b.alerts) {
			t.Errorf("%s: the updates stored alerts %+v, a rebuild %+v", p, a.alerts, b.alerts)
		}
	}
}

// pairTension is what the stores keep of a pair's tension.
type pairTension struct {
	days   []tension.Day
	alerts []detente.Alert
}

// storedTension reads every stored day and alert of pairs, the alerts
// without their creation time, which a rebuild keeps as stored.
func storedTension(t *testing.T, s Store, pairs []detente.Pair) map[string]pairTension {
	t.Helper()
	ctx := context.Background()
	out := map[string]pairTension{}
	for _, p := range pairs {
		ds, err := s.PairDaysFrom(ctx, p, time.Time{})
		if err != nil {
			t.Fatalf("PairDaysFrom: %v", err)
		}
		as, err := s.PairAlerts(ctx, p)
		if err != nil {
			t.Fatalf("PairAlerts: %v", err)
		}
		for i := range as {
			as[i].Created = time.Time{}
		}
		out[p.Key()] = pairTension{ds, as}
	}
	return out
}

func dayList(ds []tension.Day) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Day.Format(time.DateOnly)
	}
	return out
}

package tensiontest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/tension"
)

// testRankingFollowsWrites checks that the ranking of pairs follows every
// kind of write to the tension tables at once, though a store may keep
// the ranking between reads: deleted and restored days, alerts set,
// cleared and added, a reset; and the indexes of countries, a write of
// country days. And that a country's pairs and a page are the same pairs,
// in the same order, as the whole ranking has.
func testRankingFollowsWrites(t *testing.T, s Store) {
	ctx := context.Background()
	u := quietUpdater(s)
	ingest(t, s, u)
	omn := detente.NewPair("OMN", "IRN", false)

	whole := rankedKeys(t, s, detente.PairFilter{})
	if !slices.Contains(whole, omn.Key()) || !slices.Contains(whole, irnUSA.Key()) {
		t.Fatalf("ranking %v: want %s and %s", whole, omn, irnUSA)
	}
	for _, c := range []string{"OMN", "USA", "IRN"} {
		var want []string
		for _, k := range whole {
			if p, _ := detente.ParsePair(k); p.A == c || p.B == c {
				want = append(want, k)
			}
		}
		if got := rankedKeys(t, s, detente.PairFilter{Country: c}); !slices.Equal(got, want) {
			t.Errorf("pairs of %s: %v, want %v (the whole ranking's)", c, got, want)
		}
	}
	if got := rankedKeys(t, s, detente.PairFilter{Offset: 1, Limit: 1}); !slices.Equal(got, whole[1:2]) {
		t.Errorf("second page of one: %v, want %v", got, whole[1:2])
	}

	days, err := s.PairDaysFrom(ctx, omn, time.Time{})
	if err != nil || len(days) < 2 {
		t.Fatalf("days of %s: %d, %v; want 2 or more", omn, len(days), err)
	}
	// A pair of two days 95 days apart, ranked as of the day after the
	// second: its first day is before the window, and the window's days
	// up to the second carry its state.
	far := detente.NewPair("FRA", "DEU", false)
	farDays := []tension.Day{days[0], days[1]}
	for i, d := range []time.Time{Day0, Day0.AddDate(0, 0, 95)} {
		farDays[i].Pair, farDays[i].Day = far, d
	}
	if err := s.PutPairDays(ctx, farDays); err != nil {
		t.Fatal(err)
	}
	checkRankedFromHistory(t, s, far, Day0.AddDate(0, 0, 96))
	if err := s.DeletePairDays(ctx, far, []time.Time{farDays[0].Day, farDays[1].Day}); err != nil {
		t.Fatal(err)
	}

	var ds []time.Time
	for _, d := range days {
		ds = append(ds, d.Day)
	}
	if err := s.DeletePairDays(ctx, omn, ds); err != nil {
		t.Fatal(err)
	}
	if got := rankedKeys(t, s, detente.PairFilter{}); slices.Contains(got, omn.Key()) {
		t.Errorf("after deleting the days of %s: ranking %v still has it", omn, got)
	}
	if err := s.PutPairDays(ctx, days); err != nil {
		t.Fatal(err)
	}
	if got := rankedKeys(t, s, detente.PairFilter{}); !slices.Equal(got, whole) {
		t.Errorf("after restoring the days of %s: ranking %v, want %v", omn, got, whole)
	}

	alerts, err := s.PairAlerts(ctx, irnUSA)
	if err != nil || len(alerts) == 0 {
		t.Fatalf("alerts of %s: %d, %v; the storyline has some", irnUSA, len(alerts), err)
	}
	if !alerted(t, s, irnUSA) {
		t.Fatalf("%s not ranked as alerted before the alerts are cleared", irnUSA)
	}
	if _, err := s.SetPairAlerts(ctx, irnUSA, nil); err != nil {
		t.Fatal(err)
	}
	if alerted(t, s, irnUSA) {
		t.Errorf("%s ranked as alerted after its alerts were cleared", irnUSA)
	}
	if _, err := s.AddAlerts(ctx, alerts); err != nil {
		t.Fatal(err)
	}
	if !alerted(t, s, irnUSA) {
		t.Errorf("%s not ranked as alerted after its alerts were added back", irnUSA)
	}

	// The indexes of countries follow a write of a country's days: the
	// days of OMN doubled, its indexes are what CountryIndex computes.
	f := detente.CountryFilter{From: Day0, To: Day0.AddDate(0, 0, Days-1)}
	countries := []string{"IRN", "OMN"}
	before, err := s.CountryIndexes(ctx, f, countries)
	if err != nil {
		t.Fatal(err)
	}
	cds, err := s.CountryDaysFrom(ctx, "OMN", time.Time{})
	if err != nil || len(cds) == 0 {
		t.Fatalf("days of OMN: %d, %v", len(cds), err)
	}
	for i := range cds {
		cds[i].Articles, cds[i].Risk = 2*cds[i].Articles, 2*cds[i].Risk+1
	}
	if err := s.PutCountryDays(ctx, tension.CountryState(cds, tension.DefaultParams())); err != nil {
		t.Fatal(err)
	}
	after, err := s.CountryIndexes(ctx, f, countries)
	if err != nil {
		t.Fatal(err)
	}
	f.Country = "OMN"
	want, err := s.CountryIndex(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(before["OMN"], want) || !reflect.DeepEqual(after["OMN"], want) {
		t.Errorf("indexes of OMN after its days doubled: %+v, want CountryIndex's %+v (before: %+v)", after["OMN"], want, before["OMN"])
	}

	if err := s.ResetTension(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rankedKeys(t, s, detente.PairFilter{}); len(got) != 0 {
		t.Errorf("after a reset: ranking %v, want none", got)
	}
}

// checkRankedFromHistory checks that the figures the ranking as of asOf
// gives each pair, pair among them, are tension.RankPairs's of every day
// the store holds of the pairs, where the store reads only the window's
// days and the last one before it.
func checkRankedFromHistory(t *testing.T, s Store, pair detente.Pair, asOf time.Time) {
	t.Helper()
	ctx := context.Background()
	ps, err := s.Pairs(ctx, detente.PairFilter{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	var days []tension.Day
	for _, p := range ps {
		d, err := s.PairDaysFrom(ctx, p.Pair, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		days = append(days, d...)
	}
	want := map[string]detente.PairSummary{}
	for _, w := range tension.RankPairs(days, detente.PairFilter{}, asOf, nil) {
		want[w.Pair.Key()] = w
	}
	if _, ok := want[pair.Key()]; !ok {
		t.Errorf("ranking as of %s: %s missing", asOf.Format(time.DateOnly), pair)
	}
	for _, p := range ps {
		w := want[p.Pair.Key()]
		if p.Index != w.Index || p.Change != w.Change || p.Score != w.Score || !p.LastDay.Equal(w.LastDay) {
			t.Errorf("ranked %s as of %s: index %v, change %v, score %v, last day %s; from its whole history %v, %v, %v, %s",
				p.Pair, asOf.Format(time.DateOnly), p.Index, p.Change, p.Score, p.LastDay.Format(time.DateOnly),
				w.Index, w.Change, w.Score, w.LastDay.Format(time.DateOnly))
		}
	}
}

// rankedKeys returns the keys of the pairs Pairs(f) ranks, in order.
func rankedKeys(t *testing.T, s Store, f detente.PairFilter) []string {
	t.Helper()
	ps, err := s.Pairs(context.Background(), f)
	if err != nil {
		t.Fatalf("Pairs(%+v): %v", f, err)
	}
	var keys []string
	for _, p := range ps {
		keys = append(keys, p.Pair.Key())
	}
	return keys
}

// alerted reports whether the ranking marks pair as alerted.
func alerted(t *testing.T, s Store, pair detente.Pair) bool {
	t.Helper()
	ps, err := s.Pairs(context.Background(), detente.PairFilter{})
	if err != nil {
		t.Fatalf("Pairs: %v", err)
	}
	for _, p := range ps {
		if p.Pair == pair {
			return p.Alerted
		}
	}
	t.Fatalf("%s not ranked", pair)
	return false
}

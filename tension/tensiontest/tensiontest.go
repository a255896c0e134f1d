package tensiontest

import (
	"context"
	"log/slog"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/alert"
	"github.com/detente-project/detente/tension"
)

// Store is everything a tension store provides.
type Store interface {
	detente.DocumentWriter
	detente.Reader
	detente.TensionReader
	detente.SubscriptionService
	tension.Store
	alert.Store
	// AddAlerts stores alerts whose ID is not stored yet and returns them.
	AddAlerts(ctx context.Context, alerts []detente.Alert) ([]detente.Alert, error)
}

// Run runs the suite; open returns a fresh, empty store for each test.
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Storyline", func(t *testing.T) { testStoryline(t, open(t)) })
	t.Run("BadInput", func(t *testing.T) { testBadInput(t, open(t)) })
	t.Run("Outbox", func(t *testing.T) { testOutbox(t, open(t)) })
	t.Run("SetPairAlerts", func(t *testing.T) { testSetPairAlerts(t, open(t)) })
	t.Run("CountryCounts", func(t *testing.T) { testCountryCounts(t, open(t)) })
	t.Run("LateDays", func(t *testing.T) { testLateDays(t, open(t)) })
	t.Run("RankingFollowsWrites", func(t *testing.T) { testRankingFollowsWrites(t, open(t)) })
}

var irnUSA = detente.NewPair("USA", "IRN", false)

// quietUpdater is an updater of s with the default parameters, no
// notifier and no log.
func quietUpdater(s Store) *tension.Updater {
	return tension.NewUpdater(s, nil, tension.DefaultParams(), slog.New(slog.DiscardHandler))
}

// ingest writes the storyline day by day, updating after each batch as the
// pipeline does, and returns every event written.
func ingest(t *testing.T, s Store, u *tension.Updater) []detente.Event {
	t.Helper()
	ctx := context.Background()
	var all []detente.Event
	for _, docs := range Storyline() {
		if err := s.WriteDocuments(ctx, docs); err != nil {
			t.Fatalf("WriteDocuments: %v", err)
		}
		var evs []detente.Event
		for _, d := range docs {
			evs = append(evs, d.Events...)
		}
		if err := u.Update(ctx, evs); err != nil {
			t.Fatalf("Update: %v", err)
		}
		all = append(all, evs...)
	}
	return all
}

func testStoryline(t *testing.T, s Store) {
	ctx := context.Background()
	u := quietUpdater(s)
	all := ingest(t, s, u)

	alerts, err := s.Alerts(ctx, detente.AlertFilter{Pair: irnUSA})
	if err != nil {
		t.Fatalf("Alerts: %v", err)
	}
	checkStoryAlerts(t, s, alerts)

	// Updating again with every event changes nothing and alerts nothing,
	// and writes nothing: the rows it would write are those stored.
	before := series(t, s, irnUSA)
	w := &writeCounter{Store: s}
	if err := quietUpdater(w).Update(ctx, all); err != nil {
		t.Fatalf("Update again: %v", err)
	}
	if w.rows > 0 {
		t.Errorf("second update with the same events wrote %d rows of days, country days and alerts, want none", w.rows)
	}
	again, _ := s.Alerts(ctx, detente.AlertFilter{})
	if n, _ := s.Alerts(ctx, detente.AlertFilter{Pair: irnUSA}); len(n) != len(alerts) {
		t.Errorf("second update: %d alerts for %s, want %d", len(n), irnUSA, len(alerts))
	}
	samePoints(t, "after a second update", before, series(t, s, irnUSA))
	checkDayZero(t, before[0])

	// Rebuilding from the events gives the same series and alerts.
	n, err := u.Rebuild(ctx, s)
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	if n != len(again) {
		t.Errorf("Rebuild stored %d alerts, want %d", n, len(again))
	}
	samePoints(t, "after a rebuild", before, series(t, s, irnUSA))
	rebuilt, _ := s.Alerts(ctx, detente.AlertFilter{Pair: irnUSA})
	for i := range rebuilt {
		if i < len(alerts) && rebuilt[i].ID != alerts[i].ID {
			t.Errorf("rebuilt alert %d: %s, want %s", i, rebuilt[i].ID, alerts[i].ID)
		}
	}

	checkIndexes(t, s, before)
	checkPairs(t, s)
}

// checkStoryAlerts wants one escalation at the strikes and one
// de-escalation at the talks, with the events behind them.
func checkStoryAlerts(t *testing.T, s Store, alerts []detente.Alert) {
	t.Helper()
	if len(alerts) != 2 {
		t.Fatalf("%d alerts for %s, want 2: %+v", len(alerts), irnUSA, alerts)
	}
	for _, tt := range []struct {
		a     detente.Alert
		dir   detente.Direction
		start int
	}{{alerts[1], detente.Escalation, EscalationDay}, {alerts[0], detente.Deescalation, TalksDay}} {
		start := int(tt.a.Start.Sub(Day0).Hours() / 24)
		lag := int(tt.a.Detected.Sub(tt.a.Start).Hours() / 24)
		if tt.a.Direction != tt.dir || start < tt.start-2 || start > tt.start || lag < 0 || lag > 3 {
			t.Errorf("alert %s from day %d (detected %d days later), want %s from day %d", tt.a.Direction, start, lag, tt.dir, tt.start)
		}
		if (tt.dir == detente.Escalation) != (tt.a.Magnitude > 0) || tt.a.ID != detente.AlertID(irnUSA, tt.a.Direction, tt.a.Start) {
			t.Errorf("alert %+v: wrong sign of magnitude or ID", tt.a)
		}
		if len(tt.a.EventIDs) == 0 {
			t.Fatalf("alert %s without events", tt.a.Direction)
		}
		e, err := s.Event(context.Background(), tt.a.EventIDs[0])
		if err != nil {
			t.Fatalf("Event %s: %v", tt.a.EventIDs[0], err)
		}
		if detente.NewPair(e.Source.Country, e.Target.Country, false) != irnUSA || e.Date.Before(tt.a.Start) || e.Date.After(tt.a.Detected) {
			t.Errorf("alert %s: first event %s %s>%s on %s is not behind it", tt.a.Direction, e.Code, e.Source.Country, e.Target.Country, e.Date)
		}
		if (tt.dir == detente.Escalation) != (e.Goldstein < 0) {
			t.Errorf("alert %s: first event has Goldstein %.1f", tt.a.Direction, e.Goldstein)
		}
		got, err := s.Alert(context.Background(), tt.a.ID)
		if err != nil || got.ID != tt.a.ID || len(got.EventIDs) != len(tt.a.EventIDs) {
			t.Errorf("Alert(%s) = %+v, %v", tt.a.ID, got, err)
		}
	}
}

// checkDayZero checks the rollup of the first day: four counted events
// from four stories, one of them reported by three articles; the negated
// event and the two copies are not counted.
func checkDayZero(t *testing.T, p detente.TensionPoint) {
	t.Helper()
	w := 4 + math.Log(3) // three events of one source, one of three
	if p.Events != 4 || p.Stories != 4 || p.Sources != 6 || math.Abs(p.Weighted-w) > 1e-9 ||
		p.Counts != [4]int{3, 0, 1, 0} {
		t.Errorf("day 0: %+v, want 4 events (3 verbal coop, 1 verbal conflict), 4 stories, 6 sources, weight %.3f", p, w)
	}
	want := (1.9*(1+math.Log(3)) + 4 + 3.4 - 2) / w
	if math.Abs(p.GoldsteinMean-want) > 1e-9 {
		t.Errorf("day 0 Goldstein mean %.4f, want %.4f", p.GoldsteinMean, want)
	}
}

func series(t *testing.T, s Store, p detente.Pair) []detente.TensionPoint {
	t.Helper()
	pts, err := s.Series(context.Background(), detente.SeriesFilter{Pair: p, From: Day0, To: Day0.AddDate(0, 0, Days-1)})
	if err != nil {
		t.Fatalf("Series %s: %v", p, err)
	}
	if len(pts) != Days {
		t.Fatalf("Series %s: %d points, want %d", p, len(pts), Days)
	}
	return pts
}

func samePoints(t *testing.T, when string, a, b []detente.TensionPoint) {
	t.Helper()
	for i := range a {
		x, y := a[i], b[i]
		if x.Events != y.Events || x.Sources != y.Sources || math.Abs(x.Index-y.Index) > 1e-9 ||
			math.Abs(x.Upper-y.Upper) > 1e-9 || x.Change != y.Change {
			t.Fatalf("%s: day %d changed: %+v, was %+v", when, i, y, x)
		}
	}
}

// checkIndexes checks the index's course, weeks and the country index.
func checkIndexes(t *testing.T, s Store, pts []detente.TensionPoint) {
	t.Helper()
	ctx := context.Background()
	calm, war, peace := pts[EscalationDay-1], pts[TalksDay-1], pts[Days-1]
	if !(calm.Index < 0 && war.Index > 3 && peace.Index < 0) {
		t.Errorf("index before strikes %.2f, at their end %.2f, after talks %.2f: want <0, >3, <0", calm.Index, war.Index, peace.Index)
	}
	flags := 0
	for _, p := range pts {
		if p.Change != "" {
			flags++
		}
		if !(p.Lower <= p.Index && p.Index <= p.Upper) {
			t.Fatalf("day %s: index %.2f outside [%.2f, %.2f]", p.Day.Format(time.DateOnly), p.Index, p.Lower, p.Upper)
		}
	}
	if flags != 2 {
		t.Errorf("%d days flagged as change points, want 2", flags)
	}
	weeks, err := s.Series(ctx, detente.SeriesFilter{Pair: irnUSA, From: Day0, To: Day0.AddDate(0, 0, Days-1), Interval: detente.Week})
	if err != nil {
		t.Fatalf("weekly Series: %v", err)
	}
	events := 0
	for i, w := range weeks {
		events += w.Events
		if w.Day.Weekday() != time.Monday || (i > 0 && w.Day.Sub(weeks[i-1].Day) != 7*24*time.Hour) {
			t.Errorf("week %d dated %s", i, w.Day.Format(time.DateOnly))
		}
	}
	if want := 4 * Days; events != want {
		t.Errorf("weeks hold %d events, want %d", events, want)
	}
	cps, err := s.CountryIndex(ctx, detente.CountryFilter{Country: "IRN", From: Day0, To: Day0.AddDate(0, 0, Days-1)})
	if err != nil || len(cps) != Days {
		t.Fatalf("CountryIndex: %d points, %v", len(cps), err)
	}
	if c, w := cps[EscalationDay-1], cps[TalksDay-1]; !(w.Index > 100 && w.Index > 2*c.Index && c.Articles == 4 && w.Risk > 0) {
		t.Errorf("IRN risk index %.1f (%d/%d articles) in calm, %.1f (%d/%d) at war: want war above 100 and twice calm",
			c.Index, c.Risk, c.Articles, w.Index, w.Risk, w.Articles)
	}
	// Several countries at once, over ranges that start before, within
	// and after their data, are each what CountryIndex says.
	countries := []string{"IRN", "USA", "OMN", "FRA"}
	for _, f := range []detente.CountryFilter{
		{From: Day0, To: Day0.AddDate(0, 0, Days-1)},
		{From: Day0.AddDate(0, 0, EscalationDay), To: Day0.AddDate(0, 0, Days+5), Interval: detente.Week},
		{From: Day0.AddDate(0, 0, -10), To: Day0.AddDate(0, 0, 3)},
	} {
		all, err := s.CountryIndexes(ctx, f, countries)
		if err != nil {
			t.Fatalf("CountryIndexes(%+v): %v", f, err)
		}
		for _, c := range countries {
			f.Country = c
			one, err := s.CountryIndex(ctx, f)
			if err != nil {
				t.Fatalf("CountryIndex(%+v): %v", f, err)
			}
			if !reflect.DeepEqual(all[c], one) {
				t.Errorf("CountryIndexes(%+v)[%s] = %+v, want CountryIndex's %+v", f, c, all[c], one)
			}
		}
	}
	if _, err := s.CountryIndexes(ctx, detente.CountryFilter{From: Day0, To: Day0}, []string{"IRN", "XX"}); detente.ErrorCode(err) != detente.EINVALID {
		t.Errorf("CountryIndexes with country XX: error %v, want code %s", err, detente.EINVALID)
	}
}

// checkPairs checks the ranking of pairs.
func checkPairs(t *testing.T, s Store) {
	t.Helper()
	ctx := context.Background()
	for _, tt := range []struct {
		f    detente.PairFilter
		want []string
	}{
		{detente.PairFilter{}, []string{"IRN-USA", "IRN-OMN"}},
		{detente.PairFilter{Country: "OMN"}, []string{"IRN-OMN"}},
		{detente.PairFilter{Directed: true, Country: "USA"}, []string{"IRN>USA", "USA>IRN"}},
		{detente.PairFilter{Limit: 1}, []string{"IRN-USA"}},
	} {
		ps, err := s.Pairs(ctx, tt.f)
		if err != nil {
			t.Fatalf("Pairs(%+v): %v", tt.f, err)
		}
		got := map[string]bool{}
		for _, p := range ps {
			got[p.Pair.Key()] = true
		}
		if len(ps) != len(tt.want) {
			t.Errorf("Pairs(%+v) = %d pairs, want %v", tt.f, len(ps), tt.want)
		}
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("Pairs(%+v): %s missing", tt.f, w)
			}
		}
	}
	ps, _ := s.Pairs(ctx, detente.PairFilter{})
	if len(ps) > 0 && (ps[0].Pair != irnUSA || ps[0].LastAlert == nil || !ps[0].Alerted) {
		t.Errorf("top pair %+v: want %s with its last alert", ps[0], irnUSA)
	}
	for _, p := range ps {
		as, err := s.Alerts(ctx, detente.AlertFilter{Pair: p.Pair, Limit: 1})
		switch {
		case err != nil:
			t.Fatalf("Alerts of %s: %v", p.Pair, err)
		case len(as) == 0 && p.LastAlert != nil:
			t.Errorf("pair %s: last alert %+v, want none", p.Pair, p.LastAlert)
		case len(as) > 0 && (p.LastAlert == nil || p.LastAlert.Pair != p.Pair || !p.LastAlert.Detected.Equal(as[0].Detected)):
			t.Errorf("pair %s: last alert %+v, want one detected %s", p.Pair, p.LastAlert, as[0].Detected.Format(time.DateOnly))
		}
	}
	if len(ps) > 1 {
		if next, err := s.Pairs(ctx, detente.PairFilter{Offset: 1, Limit: 1}); err != nil || len(next) != 1 || next[0].Pair != ps[1].Pair {
			t.Errorf("Pairs(offset 1, limit 1) = %+v, %v: want %s", next, err, ps[1].Pair)
		}
	}
	// As of the day before the first event, nothing has happened yet; as
	// of the day before the escalation, no alert has been detected yet.
	if early, err := s.Pairs(ctx, detente.PairFilter{AsOf: Day0.AddDate(0, 0, -1)}); err != nil || len(early) != 0 {
		t.Errorf("Pairs as of the day before the corpus = %+v, %v: want none", early, err)
	}
	start := Day0.AddDate(0, 0, EscalationDay-1)
	mid, err := s.Pairs(ctx, detente.PairFilter{AsOf: start})
	if err != nil || len(mid) == 0 {
		t.Fatalf("Pairs as of the day before the escalation = %+v, %v: want IRN-USA", mid, err)
	}
	if !mid[0].AsOf.Equal(start) || mid[0].LastDay.After(start) || mid[0].LastAlert != nil && mid[0].LastAlert.Detected.After(start) {
		t.Errorf("Pairs as of %s: %+v, want nothing after that day", start.Format(time.DateOnly), mid[0])
	}
	if as, err := s.Alerts(ctx, detente.AlertFilter{Until: start}); err != nil || len(as) != 0 {
		t.Errorf("Alerts until the day before the escalation = %+v, %v: want none detected yet", as, err)
	}
}

// writeCounter is a Store that counts the rows its tension writes are
// given, and passes them on.
type writeCounter struct {
	Store
	rows int
}

func (w *writeCounter) PutPairDays(ctx context.Context, days []tension.Day) error {
	w.rows += len(days)
	return w.Store.PutPairDays(ctx, days)
}

func (w *writeCounter) DeletePairDays(ctx context.Context, pair detente.Pair, days []time.Time) error {
	w.rows += len(days)
	return w.Store.DeletePairDays(ctx, pair, days)
}

func (w *writeCounter) PutCountryDays(ctx context.Context, days []tension.CountryDay) error {
	w.rows += len(days)
	return w.Store.PutCountryDays(ctx, days)
}

func (w *writeCounter) SetPairAlerts(ctx context.Context, pair detente.Pair, alerts []detente.Alert) ([]detente.Alert, error) {
	w.rows += len(alerts) + 1 // setting none still deletes the pair's others
	return w.Store.SetPairAlerts(ctx, pair, alerts)
}

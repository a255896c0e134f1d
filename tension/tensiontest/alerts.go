package tensiontest

import (
	"context"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// testSetPairAlerts checks that SetPairAlerts leaves exactly the given
// alerts of a pair, updates those it knew keeping their creation time,
// reports only the new ones and leaves other pairs alone.
func testSetPairAlerts(t *testing.T, s Store) {
	ctx := context.Background()
	created := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	mk := func(pair detente.Pair, dir detente.Direction, start time.Time, magnitude float64) detente.Alert {
		a := detente.Alert{Pair: pair, Direction: dir, Start: start, Detected: start.AddDate(0, 0, 2),
			Magnitude: magnitude, EventIDs: []string{"e1"}, Created: created}
		a.ID = detente.AlertID(pair, dir, start)
		return a
	}
	other := detente.NewPair("CHN", "TWN", false)
	a := mk(irnUSA, detente.Escalation, Day0, 2)
	b := mk(irnUSA, detente.Deescalation, Day0.AddDate(0, 0, 30), -2)
	c := mk(other, detente.Escalation, Day0, 3)
	if added, err := s.SetPairAlerts(ctx, irnUSA, []detente.Alert{a, b}); err != nil || len(added) != 2 {
		t.Fatalf("first set: %d added, %v; want 2", len(added), err)
	}
	if added, err := s.SetPairAlerts(ctx, other, []detente.Alert{c}); err != nil || len(added) != 1 {
		t.Fatalf("other pair: %d added, %v; want 1", len(added), err)
	}
	b2 := b
	b2.Magnitude, b2.EventIDs, b2.Created = -3, []string{"e1", "e2"}, created.Add(time.Hour)
	added, err := s.SetPairAlerts(ctx, irnUSA, []detente.Alert{b2})
	if err != nil || len(added) != 0 {
		t.Fatalf("second set: %d added, %v; want none", len(added), err)
	}
	got, err := s.PairAlerts(ctx, irnUSA)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != b.ID || got[0].Magnitude != -3 || len(got[0].EventIDs) != 2 || !got[0].Created.Equal(created) {
		t.Errorf("alerts of %s after the second set: %+v; want only %s, updated, created %v", irnUSA, got, b.ID, created)
	}
	if kept, err := s.PairAlerts(ctx, other); err != nil || len(kept) != 1 {
		t.Errorf("alerts of %s: %d, %v; want its one alert untouched", other, len(kept), err)
	}
}

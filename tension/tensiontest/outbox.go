package tensiontest

import (
	"context"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/alert"
)

func testOutbox(t *testing.T, s Store) {
	ctx := context.Background()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	all := &detente.Subscription{URL: "http://127.0.0.1:1/all"}
	one := &detente.Subscription{Pair: irnUSA, URL: "https://127.0.0.1:1/pair", Secret: "s3cret-of-sixteen+"}
	other := &detente.Subscription{Pair: detente.NewPair("CHN", "TWN", false), URL: "http://127.0.0.1:1/other"}
	for _, sub := range []*detente.Subscription{all, one, other} {
		if err := s.CreateSubscription(ctx, sub); err != nil {
			t.Fatalf("CreateSubscription: %v", err)
		}
		if sub.ID == "" || sub.Secret == "" || sub.Created.IsZero() {
			t.Fatalf("created subscription %+v lacks ID, secret or time", sub)
		}
	}
	if one.Secret != "s3cret-of-sixteen+" {
		t.Errorf("given secret replaced by %q", one.Secret)
	}
	for _, dup := range []detente.Subscription{{Pair: one.Pair, URL: one.URL}, {URL: all.URL}} {
		if err := s.CreateSubscription(ctx, &dup); detente.ErrorCode(err) != detente.ECONFLICT {
			t.Errorf("second subscription of %v to %s: %v, want a conflict", dup.Pair, dup.URL, err)
		}
	}
	got, err := s.Subscription(ctx, one.ID)
	if err != nil || got.Pair != irnUSA || got.URL != one.URL || got.Secret != "" {
		t.Errorf("Subscription = %+v, %v; want it without its secret", got, err)
	}
	if list, err := s.Subscriptions(ctx); err != nil || len(list) != 3 {
		t.Errorf("Subscriptions: %d, %v", len(list), err)
	}

	// An alert made before a subscription existed is not delivered to it.
	early := detente.Alert{Pair: irnUSA, Direction: detente.Deescalation, Start: Day0, Detected: Day0.AddDate(0, 0, 1),
		Magnitude: -2, EventIDs: []string{"e0"}, Created: all.Created.Add(-time.Hour)}
	early.ID = detente.AlertID(early.Pair, early.Direction, early.Start)
	if n, err := s.EnqueueDeliveries(ctx, []detente.Alert{early}, now); err != nil || n != 0 {
		t.Errorf("EnqueueDeliveries of an alert older than every subscription: %d, %v; want none", n, err)
	}

	a := detente.Alert{Pair: irnUSA, Direction: detente.Escalation, Start: Day0, Detected: Day0.AddDate(0, 0, 2),
		Magnitude: 2.5, Before: -1, After: 1.5, EventIDs: []string{"e1", "e2"}, Created: time.Now().UTC()}
	a.ID = detente.AlertID(a.Pair, a.Direction, a.Start)
	if added, err := s.AddAlerts(ctx, []detente.Alert{a, a}); err != nil || len(added) != 1 {
		t.Fatalf("AddAlerts twice the same: %d added, %v", len(added), err)
	}
	for i, want := range []int{2, 0} {
		n, err := s.EnqueueDeliveries(ctx, []detente.Alert{a}, now)
		if err != nil || n != want {
			t.Fatalf("EnqueueDeliveries #%d: %d, %v; want %d", i+1, n, err, want)
		}
	}
	// A rebuild's reset keeps alerts and their deliveries.
	if err := s.ResetTension(ctx); err != nil {
		t.Fatalf("ResetTension: %v", err)
	}
	if kept, err := s.PairAlerts(ctx, irnUSA); err != nil || len(kept) != 1 || kept[0].ID != a.ID {
		t.Errorf("alerts after ResetTension: %+v, %v; want %s kept", kept, err, a.ID)
	}
	claimed, err := s.ClaimDeliveries(ctx, now, time.Minute, 10)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("ClaimDeliveries: %d, %v; want 2", len(claimed), err)
	}
	subs := map[string]alert.Delivery{}
	for _, d := range claimed {
		subs[d.Subscription.ID] = d
		if d.ID != alert.DeliveryID(a.ID, d.Subscription.ID) || d.Alert.ID != a.ID || d.Attempts != 0 ||
			len(d.Alert.EventIDs) != 2 || d.Subscription.Secret == "" {
			t.Errorf("claimed %+v", d)
		}
	}
	if _, ok := subs[other.ID]; ok || subs[one.ID].Subscription.Secret != "s3cret-of-sixteen+" {
		t.Errorf("claimed for the wrong subscriptions: %+v", subs)
	}
	if again, _ := s.ClaimDeliveries(ctx, now.Add(30*time.Second), time.Minute, 10); len(again) != 0 {
		t.Errorf("claimed %d deliveries still in flight", len(again))
	}
	if err := s.FinishDelivery(ctx, subs[all.ID].ID, now); err != nil {
		t.Fatalf("FinishDelivery: %v", err)
	}
	if err := s.FailDelivery(ctx, subs[one.ID].ID, now.Add(5*time.Minute), "status 500", false); err != nil {
		t.Fatalf("FailDelivery: %v", err)
	}
	if early, _ := s.ClaimDeliveries(ctx, now.Add(2*time.Minute), time.Minute, 10); len(early) != 0 {
		t.Errorf("claimed %d deliveries before they were due", len(early))
	}
	late, err := s.ClaimDeliveries(ctx, now.Add(6*time.Minute), time.Minute, 10)
	if err != nil || len(late) != 1 || late[0].Subscription.ID != one.ID || late[0].Attempts != 1 {
		t.Fatalf("retry: %+v, %v; want the failed delivery with one attempt made", late, err)
	}
	// A claim whose worker died is due again once its lease has run out.
	expired, _ := s.ClaimDeliveries(ctx, now.Add(8*time.Minute), time.Minute, 10)
	if len(expired) != 1 {
		t.Errorf("after the lease: %d deliveries, want 1", len(expired))
	}
	if err := s.FailDelivery(ctx, late[0].ID, now.Add(9*time.Minute), "gave up", true); err != nil {
		t.Fatalf("FailDelivery final: %v", err)
	}
	if none, _ := s.ClaimDeliveries(ctx, now.Add(time.Hour), time.Minute, 10); len(none) != 0 {
		t.Errorf("claimed %d deliveries that were done or given up", len(none))
	}
	if err := s.DeleteSubscription(ctx, all.ID); err != nil {
		t.Errorf("DeleteSubscription: %v", err)
	}
	if _, err := s.Subscription(ctx, all.ID); detente.ErrorCode(err) != detente.ENOTFOUND {
		t.Errorf("deleted subscription: %v", err)
	}
}

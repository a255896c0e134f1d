package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// The demo's Iran–United States story escalates from 06-30 and calms with
// the talks from 08-06: each change keeps its start and is alerted within
// a week of it (the escalation was alerted on 07-22 before the new-pair
// test was recalibrated, docs/tension.md).
func TestDemoAlertDates(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, stderr, err := runCmd("demo", "--ingest-only", "--db", db); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr)
	}
	ctx := context.Background()
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	alerts, err := st.Alerts(ctx, detente.AlertFilter{Pair: detente.NewPair("IRN", "USA", false)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[detente.Direction]detente.Alert{}
	for _, a := range alerts {
		got[a.Direction] = a
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, w := range []struct {
		dir                     detente.Direction
		start, earliest, latest string
	}{
		{detente.Escalation, "2026-06-30", "2026-06-30", "2026-07-07"},
		{detente.Deescalation, "2026-08-06", "2026-08-06", "2026-08-13"},
	} {
		a, ok := got[w.dir]
		switch {
		case !ok:
			t.Errorf("no IRN-USA %s alert; alerts %+v", w.dir, alerts)
		case !a.Start.Equal(day(w.start)):
			t.Errorf("IRN-USA %s starts %s, want %s", w.dir, a.Start.Format(time.DateOnly), w.start)
		case a.Detected.Before(day(w.earliest)) || a.Detected.After(day(w.latest)):
			t.Errorf("IRN-USA %s detected %s, want %s to %s", w.dir, a.Detected.Format(time.DateOnly), w.earliest, w.latest)
		}
	}
	if len(alerts) != 2 {
		t.Errorf("%d IRN-USA alerts, want the escalation and the de-escalation: %+v", len(alerts), alerts)
	}
}

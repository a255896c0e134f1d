package pipeline_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/tension"
)

// alertKeys lists a store's alerts by what they say, without their
// creation time: ID, direction, days, magnitude and events.
func alertKeys(t *testing.T, st interface {
	Alerts(context.Context, detente.AlertFilter) ([]detente.Alert, error)
}) []string {
	t.Helper()
	as, err := st.Alerts(context.Background(), detente.AlertFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, a := range as {
		keys = append(keys, fmt.Sprintf("%s %s %s %s→%s %.3f %v", a.ID, a.Pair.Key(), a.Direction,
			a.Start.Format("2006-01-02"), a.Detected.Format("2006-01-02"), a.Magnitude, a.EventIDs))
	}
	return keys
}

// The alerts stored are those of the final series, whatever the batching:
// pages stored one batch at a time give the alerts, IDs and events
// included, that a rebuild from the same events gives.
func TestAlertsIndependentOfBatching(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	var runs [][]string
	for _, batch := range []int{1, 7, 200} {
		st := openStore(t)
		cfg := standardConfig(t, st)
		cfg.BatchSize, cfg.TensionEvery, cfg.Workers = batch, 0, 1
		if _, err := pipeline.RunPages(ctx, newPipeline(t, cfg), pages); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, alertKeys(t, st))
		if _, err := tension.NewUpdater(st, nil, tension.DefaultParams(), nil).Rebuild(ctx, st); err != nil {
			t.Fatal(err)
		}
		rebuilt := alertKeys(t, st)
		if fmt.Sprint(rebuilt) != fmt.Sprint(runs[len(runs)-1]) {
			t.Errorf("batches of %d stored alerts\n%s\nrebuild stored\n%s", batch, join(runs[len(runs)-1]), join(rebuilt))
		}
	}
}

func join(keys []string) string {
	s := ""
	for _, k := range keys {
		s += "  " + k + "\n"
	}
	return s
}

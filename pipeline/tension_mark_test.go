package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/tension"
)

// A clean run whose last batch stores articles without events leaves no
// pending-tension mark: nothing is owed to tension, and the next run must
// not warn and rebuild everything.
func TestBatchWithoutEventsLeavesNoPendingMark(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	body := strings.Repeat("The weather in the valley stayed mild and the harvest came in early this year. ", 8)
	page := detente.Page{URL: "https://news.example/weather", Body: []byte(body), IsText: true,
		Fetched: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Offset: -1}
	sum, err := pipeline.RunPages(ctx, standard(t, st, pipeline.Options{}), []detente.Page{page})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 1 || sum.Events != 0 {
		t.Fatalf("stored %d articles with %d events, want 1 without events", sum.Articles, sum.Events)
	}
	if v, _, _ := st.GetState(ctx, "tension:pending"); string(v) == "1" {
		t.Errorf("pending mark set after a clean run that stored no events")
	}
	if marks, _ := st.StatesWithPrefix(ctx, "tension:pending/"); len(marks) != 0 {
		t.Errorf("pending marks %v after a clean run that stored no events", marks)
	}
}

// A rebuild that stops part-way (killed, or failing) leaves the pending
// mark, so the next run rebuilds tension instead of serving half-empty
// tables; a rebuild that completes clears it.
func TestRebuildKeepsMarkUntilDone(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	err := pipeline.RebuildTension(ctx, st, func(context.Context) error { return errors.New("killed") })
	if err == nil {
		t.Fatal("the rebuild's failure was not returned")
	}
	if v, _, _ := st.GetState(ctx, "tension:pending"); string(v) != "1" {
		t.Errorf("pending mark %q after a rebuild that stopped part-way, want 1", v)
	}
	if err := pipeline.RebuildTension(ctx, st, func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := st.GetState(ctx, "tension:pending"); ok {
		t.Errorf("pending mark %q after a rebuild that completed, want none", v)
	}
}

// recordingNotifier records the alerts it is handed.
type recordingNotifier struct{ alerts []detente.Alert }

func (n *recordingNotifier) Notify(_ context.Context, alerts []detente.Alert) error {
	n.alerts = append(n.alerts, alerts...)
	return nil
}

// Alerts that the recovery of an interrupted run finds are handed to the
// Notifier, as the interrupted update would have: subscribers get them.
func TestRecoveredAlertsAreNotified(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	if err := killedBeforeTension(t, st, pages); err == nil {
		t.Fatal("the broken tension update did not fail the run")
	}
	n := &recordingNotifier{}
	if _, err := pipeline.RunPages(ctx, standard(t, st, pipeline.Options{Notifier: n}), nil); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Alerts(ctx, detente.AlertFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) == 0 {
		t.Fatal("recovery stored no alerts")
	}
	if len(n.alerts) != len(stored) {
		t.Errorf("recovery stored %d alerts and notified %d", len(stored), len(n.alerts))
	}
}

// A run that dies with tension pending while another run goes on (two
// queue workers, one killed) has its tension repaired by the survivor: the
// store ends with the tension a rebuild from its events gives.
func TestDeadRunsTensionRepairedBySurvivor(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	pagesA, pagesB := pages[:len(pages)/2], pages[len(pages)/2:]
	const lease = 50 * time.Millisecond

	st := openStore(t)
	cfgB := standardConfig(t, st)
	cfgB.PendingLease, cfgB.FlushEvery = lease, 20*time.Millisecond
	b := newPipeline(t, cfgB)
	inB := make(chan detente.Page, len(pagesB))
	doneB := make(chan error, 1)
	go func() {
		_, err := b.Run(ctx, inB)
		doneB <- err
	}()
	for _, p := range pagesB {
		inB <- p
	}
	for deadline := time.Now().Add(30 * time.Second); stats(t, st).Articles < len(pagesB) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}

	cfgA := standardConfig(t, st)
	cfgA.Tension, cfgA.PendingLease = brokenTension{cfgA.Tension}, lease
	a := newPipeline(t, cfgA)
	if _, err := pipeline.RunPages(ctx, a, pagesA); err == nil {
		t.Fatal("the dying run did not fail")
	}
	time.Sleep(3 * lease)
	close(inB)
	if err := <-doneB; err != nil {
		t.Fatal(err)
	}
	got := alertKeys(t, st)
	gotPairs, _ := st.Pairs(ctx, detente.PairFilter{Limit: 1000})
	if _, err := tension.NewUpdater(st, nil, tension.DefaultParams(), nil).Rebuild(ctx, st); err != nil {
		t.Fatal(err)
	}
	if want := alertKeys(t, st); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("alerts after a run died and another went on:\n%s\na rebuild:\n%s", join(got), join(want))
	}
	if wantPairs, _ := st.Pairs(ctx, detente.PairFilter{Limit: 1000}); len(gotPairs) != len(wantPairs) {
		t.Errorf("%d pairs with tension, a rebuild has %d", len(gotPairs), len(wantPairs))
	}
}

// A long-running pipeline (a server between pushes, a worker between
// items) applies the tension of its last events once TensionEvery has
// passed, without waiting for more pages or for the end of its input.
func TestIdlePipelineAppliesTension(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := openStore(t)
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	cfg := standardConfig(t, st)
	cfg.TensionEvery, cfg.FlushEvery = 200*time.Millisecond, 50*time.Millisecond
	p := newPipeline(t, cfg)
	in := make(chan detente.Page)
	done := make(chan error, 1)
	go func() {
		_, err := p.Run(ctx, in)
		done <- err
	}()
	// The first 20 pages hold IRN–USA events; the input then stays open.
	pair := detente.NewPair("IRN", "USA", false)
	for _, pg := range pages[:20] {
		in <- pg
	}
	var days []tension.Day
	for tries := 0; tries < 100 && len(days) == 0; tries++ {
		time.Sleep(100 * time.Millisecond)
		if days, err = st.PairDaysFrom(ctx, pair, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if len(days) == 0 {
		t.Fatal("10s after its last page the idle pipeline had applied no tension for IRN–USA")
	}
	// Every page stored and its tension applied, the run owes nothing.
	marks, _ := st.StatesWithPrefix(ctx, "tension:pending/")
	for tries := 0; tries < 100 && len(marks) > 0; tries++ {
		time.Sleep(100 * time.Millisecond)
		marks, _ = st.StatesWithPrefix(ctx, "tension:pending/")
	}
	if len(marks) != 0 {
		t.Errorf("10s after its last page the idle pipeline still owes tension: %d pending marks", len(marks))
	}
	close(in)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// slowDedup is a Deduper whose first Assign runs before first, as a batch
// that outlasts its lease would let other runs do.
type slowDedup struct {
	pipeline.Deduper
	once  sync.Once
	first func()
}

func (d *slowDedup) Assign(ctx context.Context, arts []*detente.Article) error {
	d.once.Do(d.first)
	return d.Deduper.Assign(ctx, arts)
}

// A run whose batch outlasts its lease is taken for dead by another run,
// which repairs tension and clears the mark before that batch is stored.
// If the slow run then dies with the batch's tension unapplied, it marks
// its events again, so that the next run repairs them.
func TestSlowRunTakenForDeadStaysMarked(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	const lease = 50 * time.Millisecond
	st := openStore(t)
	repairer := newPipeline(t, standardConfig(t, st))
	cfg := standardConfig(t, st)
	cfg.Tension, cfg.PendingLease = brokenTension{cfg.Tension}, lease
	cfg.Dedup = &slowDedup{Deduper: cfg.Dedup, first: func() {
		time.Sleep(2 * lease)
		marks, err := st.StatesWithPrefix(ctx, "tension:pending/")
		if err != nil || len(marks) != 1 {
			t.Errorf("marks %v (%v) while the first batch is assigned, want the slow run's", marks, err)
		}
		// A run starting now repairs what it takes for a dead run's.
		if _, err := pipeline.RunPages(ctx, repairer, nil); err != nil {
			t.Error(err)
		}
	}}
	if _, err := pipeline.RunPages(ctx, newPipeline(t, cfg), pages[:20]); err == nil {
		t.Fatal("the dying run did not fail")
	}
	marks, err := st.StatesWithPrefix(ctx, "tension:pending/")
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) != 1 {
		t.Errorf("marks %v after the slow run died with its batch's tension unapplied, want its own", marks)
	}
}

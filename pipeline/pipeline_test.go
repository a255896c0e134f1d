package pipeline_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/sqlite"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "detente.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func standard(t *testing.T, st pipeline.Store, o pipeline.Options) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.NewStandard(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func stats(t *testing.T, st *sqlite.Store) detente.Stats {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The demo corpus goes through the real stages: every page becomes an
// article, wire copies share stories, the storyline's pair gets events, and
// a second run adds nothing.
func TestDemoCorpusIsIdempotent(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	sum, err := pipeline.RunPages(ctx, standard(t, st, pipeline.Options{}), pages)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 0 || sum.Articles != len(pages) {
		t.Fatalf("summary %+v, want %d articles and no failure", sum, len(pages))
	}
	first := stats(t, st)
	if first.Articles != len(pages) || first.Stories >= first.Articles || first.Events == 0 {
		t.Fatalf("stats %+v: want %d articles in fewer stories, with events", first, len(pages))
	}
	page, err := st.Events(ctx, detente.EventFilter{Pair: [2]string{"USA", "IRN"}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) < 10 {
		t.Errorf("USA–IRN has %d events, want the storyline's many", len(page.Events))
	}

	// The storyline: U.S.–Iran tension rises through July, so an escalation
	// alert starts before the talks are agreed on 6 August, and the talks
	// bring a de-escalation alert that starts in the days around them.
	alerts, err := st.Alerts(ctx, detente.AlertFilter{Pair: detente.NewPair("USA", "IRN", false), Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	talks := time.Date(2026, 8, 6, 0, 0, 0, 0, time.UTC)
	var escalation, deescalation bool
	for _, a := range alerts {
		t.Logf("%s %s from %s (%+.2f), detected %s", a.Pair, a.Direction, a.Start.Format(time.DateOnly), a.Magnitude, a.Detected.Format(time.DateOnly))
		switch {
		case a.Direction == detente.Escalation && a.Start.Before(talks):
			escalation = true
		case a.Direction == detente.Deescalation && a.Start.Sub(talks).Abs() <= 4*24*time.Hour:
			deescalation = true
		}
	}
	if !escalation || !deescalation {
		t.Errorf("IRN-USA alerts: escalation before the talks %v, de-escalation at the talks %v", escalation, deescalation)
	}

	// A fresh pipeline over the same store, as a second run would build.
	if _, err := pipeline.RunPages(ctx, standard(t, st, pipeline.Options{}), pages); err != nil {
		t.Fatal(err)
	}
	if again := stats(t, st); again != first {
		t.Errorf("second run changed the store: %+v, then %+v", first, again)
	}
}

// A page that fails extraction is reported with its URL and settled; the
// other pages are stored.
func TestFailedPageIsReportedAndOthersStored(t *testing.T) {
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	pages = pages[:3]
	bad := detente.Page{URL: "file:///corpus/broken.html", Body: []byte("\x00\x01\x02binary"), Offset: -1}
	var mu sync.Mutex
	var failed []string
	var settled int
	st := openStore(t)
	p := standard(t, st, pipeline.Options{
		OnError: func(input string, err error) {
			mu.Lock()
			defer mu.Unlock()
			failed = append(failed, input)
			if !strings.Contains(err.Error(), "broken.html") {
				t.Errorf("error %q does not name the page", err)
			}
		},
		OnDone: func(ps []detente.Page) { mu.Lock(); settled += len(ps); mu.Unlock() },
	})
	sum, err := pipeline.RunPages(context.Background(), p, append([]detente.Page{bad}, pages...))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || !slices.Equal(failed, []string{bad.URL}) {
		t.Errorf("failed %v (summary %+v), want only %s", failed, sum, bad.URL)
	}
	if settled != 4 {
		t.Errorf("OnDone settled %d pages, want 4", settled)
	}
	if got := stats(t, st).Articles; got != 3 {
		t.Errorf("stored %d articles, want 3", got)
	}
}

// Checkpoints advance to just past the last page of an origin once every
// page of it is stored, and Resume reads them back.
func TestCheckpointsAdvanceAfterStore(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	pages = pages[:10]
	for i := range pages {
		pages[i].Origin = "archive.warc.gz"
		pages[i].Offset = int64(1000 * (i + 1))
	}
	st := openStore(t)
	if _, err := pipeline.RunPages(ctx, standard(t, st, pipeline.Options{Workers: 4}), pages); err != nil {
		t.Fatal(err)
	}
	got, err := standard(t, st, pipeline.Options{}).Resume(ctx, "archive.warc.gz")
	if err != nil {
		t.Fatal(err)
	}
	if want := pages[len(pages)-1].Offset + 1; got != want {
		t.Errorf("checkpoint %d, want %d", got, want)
	}
	if raw, ok, _ := st.GetState(ctx, "checkpoint:archive.warc.gz"); !ok || string(raw) != strconv.FormatInt(got, 10) {
		t.Errorf("stored checkpoint %q", raw)
	}
}

// failingStore fails every write, as a full disk would.
type failingStore struct{ *sqlite.Store }

func (failingStore) WriteDocuments(context.Context, []detente.Document) error {
	return fmt.Errorf("disk full")
}

// A store failure stops the run with an error naming the failure, and no
// checkpoint moves past pages that were not stored.
func TestStoreFailureStopsRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	pages = pages[:4]
	for i := range pages {
		pages[i].Origin, pages[i].Offset = "a.warc", int64(i)
	}
	st := openStore(t)
	_, err = pipeline.RunPages(ctx, standard(t, failingStore{st}, pipeline.Options{}), pages)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the store's failure", err)
	}
	if _, ok, _ := st.GetState(ctx, "checkpoint:a.warc"); ok {
		t.Error("a checkpoint was saved although nothing was stored")
	}
}

// slowExtractor delays chosen pages, so that workers finish out of order.
type slowExtractor struct {
	detente.Extractor
	slow map[string]bool
}

func (x slowExtractor) Extract(ctx context.Context, p detente.Page) (detente.Article, error) {
	if x.slow[p.URL] {
		time.Sleep(30 * time.Millisecond)
	}
	return x.Extractor.Extract(ctx, p)
}

// Stories form the same way however the workers' timing falls: the writer
// takes pages in input order.
func TestStoriesIndependentOfWorkerTiming(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	storiesOf := func(slow map[string]bool) map[string]string {
		st := openStore(t)
		cfg, err := pipeline.StandardConfig(ctx, st, pipeline.Options{Workers: 4})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Extractor = slowExtractor{cfg.Extractor, slow}
		p, err := pipeline.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pipeline.RunPages(ctx, p, pages); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for cursor := ""; ; {
			page, err := st.Articles(ctx, detente.ArticleFilter{Cursor: cursor, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page.Articles {
				got[a.URL] = a.StoryID
			}
			if cursor = page.Next; cursor == "" {
				return got
			}
		}
	}
	// Slow down the first copy of every wire story, so that a later copy
	// would reach the story index first if the writer took pages as they
	// finish.
	slow := map[string]bool{}
	for i, p := range pages {
		if i%2 == 0 {
			slow[p.URL] = true
		}
	}
	want, got := storiesOf(nil), storiesOf(slow)
	if len(want) != len(pages) {
		t.Fatalf("stored %d articles, want %d", len(want), len(pages))
	}
	for url, story := range want {
		if got[url] != story {
			t.Errorf("%s: story %s with slow pages, %s without", url, got[url], story)
		}
	}
}

// brokenTension stores nothing of tension, as a run killed between
// storing events and updating tension would.
type brokenTension struct{ pipeline.TensionUpdater }

func (brokenTension) Update(context.Context, []detente.Event) error {
	return fmt.Errorf("killed")
}

// standardConfig is the standard configuration over st, for a test to
// adjust before newPipeline.
func standardConfig(t *testing.T, st pipeline.Store) pipeline.Config {
	t.Helper()
	cfg, err := pipeline.StandardConfig(context.Background(), st, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func newPipeline(t *testing.T, cfg pipeline.Config) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// killedBeforeTension runs pages into st through a pipeline whose tension
// update fails, as a run killed between storing events and updating
// tension would, and returns the run's error.
func killedBeforeTension(t *testing.T, st pipeline.Store, pages []detente.Page) error {
	t.Helper()
	cfg := standardConfig(t, st)
	cfg.Tension = brokenTension{cfg.Tension}
	_, err := pipeline.RunPages(context.Background(), newPipeline(t, cfg), pages)
	return err
}

// A run that stored events but stopped before their tension update leaves
// a mark, and the next run rebuilds tension from the store.
func TestPendingTensionIsRebuiltByNextRun(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	if err := killedBeforeTension(t, st, pages); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("err = %v, want the tension failure", err)
	}
	if marks, _ := st.StatesWithPrefix(ctx, "tension:pending/"); len(marks) != 1 {
		t.Fatalf("%d pending marks after a failed tension update, want 1", len(marks))
	}
	if pairs, err := st.Pairs(ctx, detente.PairFilter{}); err != nil || len(pairs) != 0 {
		t.Fatalf("pairs before recovery: %d (%v), want none", len(pairs), err)
	}

	if _, err := pipeline.RunPages(ctx, standard(t, st, pipeline.Options{}), nil); err != nil {
		t.Fatal(err)
	}
	if marks, _ := st.StatesWithPrefix(ctx, "tension:pending/"); len(marks) != 0 {
		t.Errorf("pending marks %v after recovery, want none", marks)
	}
	pairs, err := st.Pairs(ctx, detente.PairFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) == 0 {
		t.Error("recovery rebuilt no pair series")
	}
}

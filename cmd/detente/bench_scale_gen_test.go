package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/sqlite"
)

// BenchmarkScaleLoad writes 20,000 generated events into a new store as
// bench scale builds its store, through BulkLoad (bulk) and with every
// index kept up to date as rows come (indexed), by one writer and (on
// PostgreSQL) by four, and reports events/s.
func BenchmarkScaleLoad(b *testing.B) {
	ctx := context.Background()
	const events = 20_000
	open := map[string]func(b *testing.B) store{
		"sqlite": func(b *testing.B) store {
			st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "gen.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { st.Close() })
			return st
		},
		"postgres": func(b *testing.B) store { return pgtest.Open(b, "scaleload") },
	}
	for _, c := range []struct {
		db      string
		bulk    bool
		writers int
	}{{"sqlite", false, 1}, {"sqlite", true, 1}, {"postgres", false, 1}, {"postgres", true, 1}, {"postgres", true, 4}} {
		name := fmt.Sprintf("%s/indexed/writers=%d", c.db, c.writers)
		if c.bulk {
			name = fmt.Sprintf("%s/bulk/writers=%d", c.db, c.writers)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st := open[c.db](b)
				_, last := demo.Window()
				g := newScaleGen(1, last.AddDate(-3, 0, 1), 3*365)
				load := func() error {
					_, _, _, err := scaleLoad(ctx, st, g, events, c.writers, func(int) {}, nil)
					return err
				}
				b.StartTimer()
				var err error
				if c.bulk {
					err = st.BulkLoad(ctx, load)
				} else {
					err = load()
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(events*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// The stories of the last ingestedDays days are held back from the bulk
// load, and written after it they make the same store as one load of
// every story.
func TestScaleLoadHoldsRecentStories(t *testing.T) {
	ctx := context.Background()
	_, last := demo.Window()
	const events, days = 3000, 120
	start := last.AddDate(0, 0, -days)
	cutoff := start.AddDate(0, 0, days-ingestedDays)
	load := func(hold bool) map[string]detente.Event {
		st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gen.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		g := newScaleGen(1, start, days)
		var recent func([]detente.Document) bool
		if hold {
			recent = g.recent
		}
		var held [][]detente.Document
		var articles, written int
		if err := st.BulkLoad(ctx, func() error {
			articles, written, held, err = scaleLoad(ctx, st, g, events, 1, func(int) {}, recent)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if written < events || articles == 0 {
			t.Fatalf("scaleLoad generated %d events of %d articles, want at least %d events", written, articles, events)
		}
		if hold == (len(held) == 0) {
			t.Fatalf("hold %v: %d stories held", hold, len(held))
		}
		for _, story := range held {
			if story[0].Article.Published.Before(cutoff) {
				t.Errorf("held a story published %s, before the last %d days (from %s)", story[0].Article.Published, ingestedDays, cutoff)
			}
		}
		if err := writeStories(ctx, st, 1, storiesOf(held), func() {}); err != nil {
			t.Fatal(err)
		}
		got := map[string]detente.Event{}
		if err := st.EachEvent(ctx, detente.EventFilter{Uncounted: true}, func(e detente.Event) error {
			got[e.ID] = e
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	all, held := load(false), load(true)
	if len(all) != len(held) {
		t.Fatalf("%d events loaded at once, %d with the last days held back", len(all), len(held))
	}
	recent := 0
	for id, a := range all {
		h, ok := held[id]
		if !ok || h.NumSources != a.NumSources || h.StoryID != a.StoryID || !h.Date.Equal(a.Date) {
			t.Errorf("event %s: loaded at once %+v, with the last days held back %+v (stored: %v)", id, a, h, ok)
		}
		if !a.Date.Before(cutoff) {
			recent++
		}
	}
	if recent == 0 {
		t.Errorf("no event in the last %d days: the test holds nothing back", ingestedDays)
	}
}

// documentsTaken is a detente.DocumentWriter that keeps what it is given,
// in order.
type documentsTaken struct{ docs []detente.Document }

func (w *documentsTaken) WriteDocuments(_ context.Context, docs []detente.Document) error {
	w.docs = append(w.docs, docs...)
	return nil
}

// With --in-day-order the generator writes the same stories as without,
// dated in the order they are written over the whole span of days.
func TestScaleLoadInDayOrder(t *testing.T) {
	ctx := context.Background()
	_, last := demo.Window()
	const events, days = 3000, 60
	start := last.AddDate(0, 0, -days+1)
	load := func(inOrder bool) []detente.Document {
		g := newScaleGen(1, start, days)
		g.inOrder = inOrder
		var w documentsTaken
		if _, _, _, err := scaleLoad(ctx, &w, g, events, 1, func(int) {}, nil); err != nil {
			t.Fatal(err)
		}
		return w.docs
	}
	random, ordered := load(false), load(true)
	if len(random) != len(ordered) {
		t.Fatalf("%d documents on random days, %d in day order: want the same stories", len(random), len(ordered))
	}
	dayOf := func(d detente.Document) int { return int(d.Article.Published.Sub(start).Hours() / 24) }
	backwards := 0
	for i, d := range ordered {
		if d.Article.Body != random[i].Article.Body || d.Article.StoryID != random[i].Article.StoryID {
			t.Fatalf("document %d: %s in day order, %s on random days: want the same stories", i, d.Article.StoryID, random[i].Article.StoryID)
		}
		if i > 0 && dayOf(d) < dayOf(ordered[i-1]) {
			t.Errorf("document %d (%s) on day %d after one on day %d", i, d.Article.StoryID, dayOf(d), dayOf(ordered[i-1]))
		}
		if i > 0 && dayOf(random[i]) < dayOf(random[i-1]) {
			backwards++
		}
	}
	if first, final := dayOf(ordered[0]), dayOf(ordered[len(ordered)-1]); first != 0 || final != days-1 {
		t.Errorf("in day order the documents span days %d to %d, want 0 to %d", first, final, days-1)
	}
	if backwards == 0 {
		t.Error("on random days no document is dated before the one written before it")
	}
}

package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/storetest"
)

func TestIngestStepOutlastsTheCorpus(t *testing.T) {
	first, last := demo.Window()
	step := ingestStep()
	if step%(7*24*time.Hour) != 0 {
		t.Errorf("step %v is not whole weeks", step)
	}
	// A round's first page is past the last page of the round before by
	// more than the story index's window.
	if gap := first.Add(step).Sub(last.Add(24 * time.Hour)); gap <= 72*time.Hour {
		t.Errorf("step %v leaves %v between rounds, want more than the story index's 72h", step, gap)
	}
}

func TestFirstRound(t *testing.T) {
	first, last := demo.Window()
	step := ingestStep()
	for _, c := range []struct {
		name   string
		newest time.Time
		ok     bool
		want   int
	}{
		{"empty store", time.Time{}, false, 0},
		{"a store ending the day before the corpus", first.Add(-24 * time.Hour), true, 0},
		{"a store holding the corpus", last.Add(12 * time.Hour), true, 1},
		{"a store whose newest is the first round's first day", first.Add(step), true, 2},
		{"a store holding two rounds", last.Add(2 * step), true, 3},
	} {
		if got := firstRound(c.newest, c.ok); got != c.want {
			t.Errorf("%s (newest %v): round %d, want %d", c.name, c.newest, got, c.want)
		}
	}
}

func TestRoundPages(t *testing.T) {
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	entries, err := demo.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if got := roundPages(pages, entries, 0); &got[0] != &pages[0] {
		t.Errorf("round 0 is not the pages as they are")
	}
	seen := map[string]int{}
	for _, p := range pages {
		seen[p.URL] = 0
	}
	_, last := demo.Window()
	for k := 1; k <= 2; k++ {
		shift := time.Duration(k) * ingestStep()
		for i, p := range roundPages(pages, entries, k) {
			if r, ok := seen[p.URL]; ok {
				t.Fatalf("round %d page %d has the URL of a page of round %d: %s", k, i, r, p.URL)
			}
			seen[p.URL] = k
			if want := entries[i].Published.Add(shift); !p.Published.Equal(want) || !p.Fetched.Equal(want) {
				t.Errorf("round %d page %s: published %v, fetched %v, want both %v", k, p.URL, p.Published, p.Fetched, want)
			}
			if !p.Published.After(last.Add(time.Duration(k-1)*ingestStep() + 24*time.Hour)) {
				t.Errorf("round %d page %s published %v, not after every page of the round before", k, p.URL, p.Published)
			}
		}
	}
}

// TestCheckNewRefusesARedelivery checks that a round into a store that
// held some of its pages already is refused, as its rate would be a
// re-delivery's, and that a round new to both stores passes.
func TestCheckNewRefusesARedelivery(t *testing.T) {
	ctx := context.Background()
	open := func(name string) store {
		st, err := openStore(ctx, filepath.Join(t.TempDir(), name+".db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	full, empty := open("full"), open("empty")
	docs := storetest.BenchDocs("round", 4)
	if err := full.WriteDocuments(ctx, docs[:1]); err != nil {
		t.Fatal(err)
	}
	stats := func() [2]detente.Stats {
		var s [2]detente.Stats
		for i, st := range []store{empty, full} {
			var err error
			if s[i], err = st.Stats(ctx); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	write := func(docs []detente.Document) {
		for _, st := range []store{empty, full} {
			if err := st.WriteDocuments(ctx, docs); err != nil {
				t.Fatal(err)
			}
		}
	}

	before := stats()
	write(docs[:2])
	err := checkNew(ctx, full, empty, before)
	if err == nil || !strings.Contains(err.Error(), "held 1 of the round's 2 articles") {
		t.Errorf("round of a held page: %v; want a re-delivery refused", err)
	}
	before = stats()
	write(docs[2:])
	if err := checkNew(ctx, full, empty, before); err != nil {
		t.Errorf("round of new pages: %v", err)
	}
}

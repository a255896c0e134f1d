package pipeline_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/sqlite"
)

// storedStories returns the story of every stored article with a
// fingerprint.
func storedStories(t *testing.T, st *sqlite.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := st.EachFingerprint(context.Background(), time.Time{}, func(id, story string, _ time.Time, _ []uint64) error {
		out[id] = story
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBandRecallSameStories ingests the demo corpus in two runs, every
// other page in each, so that nearly every article of the second run is
// older than what its warmed story index holds and has its wire copies of
// the first run recalled from the store: recalling only the articles that
// share a band with it (the store's EachBandFingerprint) assigns every
// article the same story as recalling every article of the hours the
// index lacks.
func TestBandRecallSameStories(t *testing.T) {
	ctx := context.Background()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	var halves [2][]int
	for i := range pages {
		halves[i%2] = append(halves[i%2], i)
	}
	ingest := func(byBand bool) (*sqlite.Store, int) {
		st := openStore(t)
		recalls := 0
		for _, half := range halves {
			cfg := standardConfig(t, st)
			ld := cfg.Dedup.(pipeline.LocalDedup)
			if ld.Candidates == nil {
				t.Fatal("the standard story index over a SQLite store does not recall by band")
			}
			if byBand {
				candidates := ld.Candidates
				ld.Candidates = func(ctx context.Context, from, to time.Time, keys []uint64,
					fn func(string, string, time.Time, []uint64) error) error {
					recalls++
					return candidates(ctx, from, to, keys, fn)
				}
			} else {
				stored := ld.Stored
				ld.Candidates = nil
				ld.Stored = func(ctx context.Context, since time.Time,
					fn func(string, string, time.Time, []uint64) error) error {
					recalls++
					return stored(ctx, since, fn)
				}
			}
			cfg.Dedup = ld
			run := pages[:0:0]
			for _, i := range half {
				run = append(run, pages[i])
			}
			if _, err := pipeline.RunPages(ctx, newPipeline(t, cfg), run); err != nil {
				t.Fatal(err)
			}
		}
		return st, recalls
	}
	band, bandRecalls := ingest(true)
	full, fullRecalls := ingest(false)
	if bandRecalls == 0 || fullRecalls == 0 {
		t.Fatalf("recalls by band %d, of whole hours %d: the second run recalled nothing, the test tests nothing", bandRecalls, fullRecalls)
	}
	got, want := storedStories(t, band), storedStories(t, full)
	if len(want) != len(pages) {
		t.Errorf("%d articles stored of %d pages", len(want), len(pages))
	}
	if !maps.Equal(got, want) {
		for id, story := range want {
			if got[id] != story {
				t.Errorf("article %s: story %s recalled by band, %s recalled whole", id, got[id], story)
			}
		}
	}
	stories := map[string]bool{}
	for _, s := range want {
		stories[s] = true
	}
	if len(stories) == len(want) {
		t.Errorf("every article in a story of its own: no wire copies were grouped")
	}
	t.Logf("%d articles in %d stories; %d recalls by band, %d of whole hours", len(want), len(stories), bandRecalls, fullRecalls)
}

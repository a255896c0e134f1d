package sqlite

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/storetest"
)

// segments returns the number of segments of each full-text index of s.
func segments(t *testing.T, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range searchTables {
		var n int
		if err := s.write.QueryRow(`SELECT count(DISTINCT segid) FROM ` + tbl + `_idx`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tbl] = n
	}
	return out
}

// TestMergeSearch writes articles one at a time with FTS5's own merging
// off, so that each write leaves a segment in every index (fewer than 16,
// at which FTS5 merges anyway), and merges
// them: every index of more than mergeAbove segments ends in one, and
// searches find what they found before.
func TestMergeSearch(t *testing.T) {
	ctx := context.Background()
	// A segment of many pages first, so that a merge takes steps.
	s := storeWith(t, append(storetest.Corpus(), storetest.BenchDocs("big", 600)...))
	if err := setAutomerge(ctx, s.write, 0); err != nil {
		t.Fatal(err)
	}
	for _, d := range storetest.BenchDocs("merge", mergeAbove+4) {
		if err := s.WriteDocuments(ctx, []detente.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	before := segments(t, s)
	if before["sentences_fts"] <= mergeAbove || before["articles_fts"] <= mergeAbove {
		t.Fatalf("segments %v: the writes left too few to merge", before)
	}
	search := func() []string {
		var out []string
		for _, q := range []string{"talks", "Iran", `"the minister"`, "border OR trade"} {
			hits, err := s.SearchSentences(ctx, q, detente.EventFilter{}, 200)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				out = append(out, q+" "+h.Snippet)
			}
			page, err := s.Articles(ctx, detente.ArticleFilter{Query: q, Limit: 200})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page.Articles {
				out = append(out, q+" "+a.ID)
			}
		}
		return out
	}
	found := search()

	// Stopped before its first step, it merges nothing.
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	if merged, err := s.MergeSearch(stopped); !errors.Is(err, context.Canceled) || len(merged) > 0 {
		t.Errorf("MergeSearch with ctx done = %v, %v; want nothing merged and ctx's error", merged, err)
	}

	// In steps of two pages, the merges go on from step to step.
	merged, err := s.mergeSearch(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	after := segments(t, s)
	for _, tbl := range searchTables {
		if want := before[tbl] > mergeAbove; slices.Contains(merged, tbl) != want {
			t.Errorf("%s of %d segments merged: %v, want %v", tbl, before[tbl], !want, want)
		}
		if before[tbl] > mergeAbove && after[tbl] != 1 {
			t.Errorf("%s: %d segments after the merge, want 1", tbl, after[tbl])
		}
	}
	if got := search(); !slices.Equal(got, found) {
		t.Errorf("after the merge the searches found\n%v\nwant\n%v", got, found)
	}
	if merged, err := s.MergeSearch(ctx); err != nil || len(merged) > 0 {
		t.Errorf("MergeSearch again = %v, %v; want nothing to merge", merged, err)
	}
}

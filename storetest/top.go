package storetest

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

// testTopEvents checks that TopEvents ranks the newest f.Limit events f
// selects by sources, then Goldstein strength, then recency, and reads
// the chosen ones whole.
func testTopEvents(t *testing.T, s Store) {
	ctx := context.Background()
	docs := Corpus()
	// Scores of differing strength and sign, so that the ranking shows.
	scores := []float64{-2, 7, -9.5, 1, 4, -6, 3.5, 10, -1}
	k := 0
	for i := range docs {
		for j := range docs[i].Events {
			docs[i].Events[j].Goldstein = scores[k%len(scores)]
			k++
		}
	}
	write(t, s, docs...)
	names := eventNames(docs)
	rank := func(a, b detente.Event) int {
		return cmp.Or(cmp.Compare(b.NumSources, a.NumSources), cmp.Compare(math.Abs(b.Goldstein), math.Abs(a.Goldstein)),
			b.Date.Compare(a.Date), strings.Compare(b.ID, a.ID))
	}
	for _, f := range []detente.EventFilter{
		{Limit: 100},
		{Limit: 2},
		{Limit: 100, Uncounted: true},
		{Limit: 100, Pair: [2]string{"IRN", "ISR"}},
		// The newest of a pair's two directions together, and one
		// direction of a pair.
		{Limit: 1, Pair: [2]string{"IRN", "ISR"}},
		{Limit: 100, Pair: [2]string{"IRN", "ISR"}, Source: "IRN"},
	} {
		newest := allEvents(t, s, detente.EventFilter{Pair: f.Pair, Source: f.Source, Uncounted: f.Uncounted, Limit: 100})
		if len(newest) == 0 {
			t.Fatalf("filter %+v selects no events; the corpus has some", f)
		}
		want := slices.Clone(newest[:min(len(newest), f.Limit)])
		slices.SortStableFunc(want, rank)
		for _, n := range []int{1, len(want)} {
			got, err := s.TopEvents(ctx, f, n)
			if err != nil {
				t.Fatalf("TopEvents(%+v, %d): %v", f, n, err)
			}
			var g, w []string
			for _, e := range got {
				g = append(g, names[e.ID])
				if e.ArticleID == "" || e.Source.Country == "" {
					t.Errorf("TopEvents(%+v, %d): event %s not read whole: %+v", f, n, names[e.ID], e)
				}
			}
			for _, e := range want[:n] {
				w = append(w, names[e.ID])
			}
			if !slices.Equal(g, w) {
				t.Errorf("TopEvents(%+v, %d) = %v, want %v", f, n, g, w)
			}
		}
	}
	for _, tt := range []struct {
		f detente.EventFilter
		n int
	}{
		{detente.EventFilter{Limit: 10}, 0},
		{detente.EventFilter{Limit: 10}, 11},
		{detente.EventFilter{Limit: 10, Query: "Iran"}, 1},
		{detente.EventFilter{Limit: 10, Quad: 9}, 1},
	} {
		if _, err := s.TopEvents(ctx, tt.f, tt.n); detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("TopEvents(%+v, %d): error %v, want code %s", tt.f, tt.n, err, detente.EINVALID)
		}
	}
}

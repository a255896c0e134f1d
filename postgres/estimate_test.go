package postgres_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/detente-project/detente/postgres"
)

// TestSearchWeighedByStatistics checks that a search is weighed by the
// statistics Optimize refreshes: the planner's estimate of a word's
// matches, which the store plans the search by instead of counting them,
// is about the real count, for a word in every sentence and for one in
// none.
func TestSearchWeighedByStatistics(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "weighed", 300)
	for _, c := range []struct {
		word string
		min  float64 // of the real count, or of every sentence for a word in none
		max  float64
	}{
		{"report", 0.8, 1.25},
		{"officials", 0.8, 1.25},
		{"zanzibar", 0, 0.01},
	} {
		var sentences, matches int
		err := s.DB().QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE tsv @@ phraseto_tsquery('simple', $1))
			FROM sentences`, c.word).Scan(&sentences, &matches)
		if err != nil {
			t.Fatal(err)
		}
		got, err := postgres.EstimateMatches(ctx, s, c.word)
		if err != nil {
			t.Fatalf("estimate %q: %v", c.word, err)
		}
		of := matches
		if matches == 0 {
			of = sentences
		}
		if lo, hi := c.min*float64(of), c.max*float64(of); float64(got) < lo || float64(got) > hi {
			t.Errorf("estimate of %q = %d of %d sentences; want %.0f to %.0f (%d match)", c.word, got, sentences, lo, hi, matches)
		}
	}
}

// TestCountPlanEstimates checks that the plan of a count up to a limit
// gives the planner's estimate of all the matches, as an estimate of them
// alone does, whether the count would read sentences in order or from the
// full-text index.
func TestCountPlanEstimates(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "countplan", 300)
	for _, word := range []string{"officials", "zanzibar"} {
		want, err := postgres.EstimateMatches(ctx, s, word)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			off   string
			walks bool
		}{{"enable_seqscan", false}, {"enable_bitmapscan", true}} {
			plannerOff(t, s, c.off, func(tx *sql.Tx) {
				walks, m, err := postgres.CountPlan(ctx, tx, word, 5)
				if err != nil || walks != c.walks || m != want {
					t.Errorf("%q up to 5, %s off: walks %v, estimate %d, %v; want %v, %d", word, c.off, walks, m, err, c.walks, want)
				}
			})
		}
	}
}

package postgres_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/postgres"
)

// TestPairOneRange checks that the condition of an undirected pair
// selects the events of both directions, as the two directions ORed do,
// and that a page of a pair's events, newest first, is one range of
// events_either (migration 0171), not two ranges merged and sorted.
func TestPairOneRange(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "pair", 600)
	pairs, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, `SELECT DISTINCT source_country || ' ' || target_country FROM events`)
	if err != nil || len(pairs) < 2 {
		t.Fatalf("pairs of the corpus: %v, %v", pairs, err)
	}
	for _, p := range append(pairs, "USA USA", "USA ZZZ") {
		a, b, _ := strings.Cut(p, " ")
		want, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, `SELECT id FROM events
			WHERE (source_country = $1 AND target_country = $2) OR (source_country = $2 AND target_country = $1) ORDER BY id`, a, b)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, `SELECT id FROM events WHERE `+postgres.Pair+` ORDER BY id`, a, b, a, b)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("pair %s: %d events, %.3v...; either way %d, %.3v...", p, len(got), got, len(want), want)
		}
	}

	a, b, _ := strings.Cut(pairs[0], " ")
	text := explain(t, s, "enable_sort", `SELECT id FROM events WHERE counted AND `+postgres.Pair+`
		ORDER BY day DESC, id DESC LIMIT 50`, b, a, b, a)
	if !strings.Contains(text, "events_either") || strings.Contains(text, "Sort") {
		t.Errorf("a page of pair %s is not one range of events_either:\n%s", pairs[0], text)
	}
}

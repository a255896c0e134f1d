package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/tension"
)

// BenchmarkTensionSeries reads a one-year daily series of a pair with
// events on most days, among 50 pairs with ten years of days each: the
// read behind the API's series endpoint.
func BenchmarkTensionSeries(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "detente.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	t0 := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	countries := []string{"USA", "IRN", "CHN", "RUS", "UKR", "ISR", "IND", "PAK", "FRA", "DEU", "JPN", "KOR", "TWN", "TUR", "SYR", "IRQ", "SAU", "EGY", "GBR", "BRA", "OMN"}
	var pairs []detente.Pair
	for i := 0; i < len(countries) && len(pairs) < 50; i++ {
		for j := i + 1; j < len(countries) && len(pairs) < 50; j++ {
			pairs = append(pairs, detente.NewPair(countries[i], countries[j], false))
		}
	}
	for _, p := range pairs {
		var days []tension.Day
		for d := range 3650 {
			if rng.IntN(10) < 3 {
				continue
			}
			g := rng.NormFloat64() * 4
			days = append(days, tension.Day{TensionPoint: detente.TensionPoint{Pair: p, Day: t0.AddDate(0, 0, d),
				Events: 1, Weighted: 1, GoldsteinSum: g}, WeightedSq: 1, GoldsteinSq: g * g})
		}
		computed, _ := tension.Compute(days, tension.DefaultParams())
		if err := s.PutPairDays(ctx, computed); err != nil {
			b.Fatal(err)
		}
	}
	f := detente.SeriesFilter{Pair: pairs[0], From: t0.AddDate(8, 0, 0), To: t0.AddDate(9, 0, -1)}
	b.ResetTimer()
	for b.Loop() {
		pts, err := s.Series(ctx, f)
		if err != nil || len(pts) < 365 {
			b.Fatal(fmt.Sprint(len(pts), err))
		}
	}
}

package tensiontest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/tension"
)

// benchCountries are the countries BenchmarkCountryHistory stores days of:
// two thirds of the 60 the overview map of bench scale's 10 M store shows.
var benchCountries = []string{"USA", "IRN", "CHN", "RUS", "UKR", "ISR", "IND", "PAK", "FRA", "DEU",
	"JPN", "KOR", "TWN", "TUR", "SYR", "IRQ", "SAU", "EGY", "GBR", "BRA", "OMN", "QAT", "ARE", "YEM",
	"LBN", "JOR", "AFG", "PRK", "VEN", "CUB", "MEX", "CAN", "AUS", "NGA", "ETH", "SDN", "LBY", "POL",
	"ITA", "ESP"}

// BenchmarkCountryHistory measures the reads of the country index after
// 90 days, three years and ten years of days of 40 countries, each with
// articles on most days: the indexes of every country for the overview
// map's 30 days, as a store computes them once per revision of the
// tension tables, and one country's index over those days, as the API
// reads it. Each read follows a write of one new day, which raises the
// revision as an ingest does. A read of the window should not grow with
// the history before it.
func BenchmarkCountryHistory(b *testing.B, open func(b *testing.B) Store) {
	ctx := context.Background()
	t0 := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, history := range []int{90, 3 * 365, 10 * 365} {
		b.Run(fmt.Sprintf("days=%d", history), func(b *testing.B) {
			s := open(b)
			rng := rand.New(rand.NewPCG(5, 6))
			for _, c := range benchCountries {
				var days []tension.CountryDay
				for d := range history {
					if rng.IntN(10) < 2 {
						continue
					}
					n := 1 + rng.IntN(40)
					days = append(days, tension.CountryDay{Country: c, Day: t0.AddDate(0, 0, d), Articles: n, Risk: rng.IntN(n + 1)})
				}
				if err := s.PutCountryDays(ctx, tension.CountryState(days, tension.DefaultParams())); err != nil {
					b.Fatal(err)
				}
			}
			day := t0.AddDate(0, 0, history)
			var all, one time.Duration
			for b.Loop() {
				// A new day of a country the reads leave out: the revision
				// rises, so the next read computes the indexes again.
				if err := s.PutCountryDays(ctx, []tension.CountryDay{{Country: "NOR", Day: day, Articles: 1}}); err != nil {
					b.Fatal(err)
				}
				f := detente.CountryFilter{From: day.AddDate(0, 0, -29), To: day}
				start := time.Now()
				idx, err := s.CountryIndexes(ctx, f, benchCountries)
				if err != nil || len(idx["IRN"]) != 30 {
					b.Fatalf("CountryIndexes: %d points of IRN, %v", len(idx["IRN"]), err)
				}
				all += time.Since(start)
				f.Country = "IRN"
				start = time.Now()
				pts, err := s.CountryIndex(ctx, f)
				if err != nil || len(pts) != 30 {
					b.Fatalf("CountryIndex: %d points, %v", len(pts), err)
				}
				one += time.Since(start)
				day = day.AddDate(0, 0, 1)
			}
			b.ReportMetric(float64(all.Microseconds())/float64(b.N), "µs/indexes")
			b.ReportMetric(float64(one.Microseconds())/float64(b.N), "µs/index")
		})
	}
}

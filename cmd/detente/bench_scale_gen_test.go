package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/sqlite"
)

// BenchmarkScaleLoad writes 20,000 generated events into a new store as
// bench scale builds its store, through BulkLoad (bulk) and with every
// index kept up to date as rows come (indexed), and reports events/s.
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
	for _, db := range []string{"sqlite", "postgres"} {
		for _, bulk := range []bool{false, true} {
			name := db + "/indexed"
			if bulk {
				name = db + "/bulk"
			}
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					st := open[db](b)
					_, last := demo.Window()
					g := newScaleGen(1, last.AddDate(-3, 0, 1), 3*365)
					load := func() error {
						_, _, err := scaleLoad(ctx, st, g, events, func(int) {})
						return err
					}
					b.StartTimer()
					var err error
					if bulk {
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
}

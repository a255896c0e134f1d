package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

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
					_, _, err := scaleLoad(ctx, st, g, events, c.writers, func(int) {})
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

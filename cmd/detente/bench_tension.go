package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/detente-project/detente/tension"
)

func init() {
	benchKinds["tension"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"change-point detection delay and false alarms on simulated pair series", benchTension}
}

func benchTension(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("bench tension", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg := tension.DefaultSimConfig()
	fs.IntVar(&cfg.PairYears, "pair-years", cfg.PairYears, "simulated pair-years per row")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed (the same seed gives the same table)")
	fs.Float64Var(&cfg.MinRate, "min-rate", cfg.MinRate, "fewest events a day a simulated pair draws")
	fs.Float64Var(&cfg.MaxRate, "max-rate", cfg.MaxRate, "most events a day a simulated pair draws (0.3 and 1 give the sparse pairs of docs/tension.md)")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: detente bench tension [--pair-years N] [--seed S] [--min-rate R] [--max-rate R]

Simulates pair series (Poisson event counts with Goldstein noise, then a
step or a ramp of several sizes) and prints the median detection delay and
the false alarms per pair-year of detente's change-point detector: the
table of docs/tension.md.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !(cfg.MinRate > 0 && cfg.MaxRate >= cfg.MinRate) {
		return fmt.Errorf("bench tension: --min-rate %g and --max-rate %g: want 0 < min-rate <= max-rate", cfg.MinRate, cfg.MaxRate)
	}
	_, err := fmt.Fprint(e.stdout, tension.Simulate(cfg).Markdown())
	return err
}

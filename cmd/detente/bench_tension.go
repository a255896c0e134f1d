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
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: detente bench tension [--pair-years N] [--seed S]

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
	_, err := fmt.Fprint(e.stdout, tension.Simulate(cfg).Markdown())
	return err
}

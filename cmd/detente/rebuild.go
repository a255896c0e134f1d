package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/tension"
)

func init() {
	register(command{name: "rebuild", summary: "recompute tension rollups, indexes and alerts from the stored events, and merge the search index", run: runRebuild})
}

// searchOptimizer is a store whose full-text index is kept in segments
// that rebuild merges (the SQLite store's).
type searchOptimizer interface {
	OptimizeSearch(ctx context.Context) error
}

// runRebuild deletes the stored tension rollups, indexes and alerts and
// recomputes them from the events, as the incremental updates would have.
// Alerts found are stored, not sent: subscribers had them already. Where
// the store's full-text index is in segments, it merges them into one.
func runRebuild(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("rebuild", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "detente.db", dbFlagUsage)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: detente rebuild [--db detente.db]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("rebuild: unexpected argument %q", fs.Arg(0))
	}
	st, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var n int
	err = pipeline.RebuildTension(ctx, st, func(ctx context.Context) error {
		var err error
		n, err = tension.NewUpdater(st, nil, tension.DefaultParams(), e.log).Rebuild(ctx, st)
		return err
	})
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(e.stdout, "rebuilt tension series and indexes; %d alerts\n", n); err != nil {
		return err
	}
	if o, ok := st.(searchOptimizer); ok {
		if err := o.OptimizeSearch(ctx); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
		_, err = fmt.Fprintln(e.stdout, "merged the search index")
	}
	return err
}

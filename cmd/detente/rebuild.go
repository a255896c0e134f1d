package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/tension"
)

func init() {
	register(command{name: "rebuild", summary: "recompute tension rollups, indexes and alerts from the stored events", run: runRebuild})
}

// runRebuild deletes the stored tension rollups, indexes and alerts and
// recomputes them from the events, as the incremental updates would have.
// Alerts found are stored, not sent: subscribers had them already.
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
	_, err = fmt.Fprintf(e.stdout, "rebuilt tension series and indexes; %d alerts\n", n)
	return err
}

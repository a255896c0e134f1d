package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/pipeline"
)

func init() {
	register(command{name: "demo", summary: "build a database from the bundled synthetic corpus and serve it", run: runDemo})
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("demo", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	db := fset.String("db", filepath.Join(os.TempDir(), "detente-demo.db"), "SQLite file to build afresh (removed first)")
	ingestOnly := fset.Bool("ingest-only", false, "build the database and exit without serving")
	sf := addServeFlags(fset)
	sf.notice = demo.Notice
	fset.Usage = func() {
		fmt.Fprintln(fset.Output(), "usage: detente demo [--db PATH] [--addr 127.0.0.1:8080]\n\n"+
			"Ingests the bundled synthetic sample corpus (fictional events, no network needed)\n"+
			"into a fresh database and serves the dashboard and API on it.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(*db + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove old demo database: %w", err)
		}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	pages, err := demo.Pages()
	if err != nil {
		return err
	}
	en, err := newEngine(ctx, e.log, st, engineOptions{dictDir: *sf.dict, allowPrivate: *sf.allowPrivate})
	if err != nil {
		return err
	}
	sum, err := pipeline.RunPages(ctx, en.pipe, pages)
	if err != nil {
		return fmt.Errorf("ingest demo corpus: %w", err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "demo: %d pages → %d articles, %d sentences, %d events in %d stories (failed pages: %d) in %s\n",
		sum.Pages, stats.Articles, stats.Sentences, stats.Events, stats.Stories, sum.Failed, *db)
	if *ingestOnly {
		return nil
	}
	fmt.Fprintf(e.stderr, "demo: open http://%s/\n", *sf.addr)
	return serve(ctx, e, en, sf)
}

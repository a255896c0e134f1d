package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
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
	db := fset.String("db", filepath.Join(os.TempDir(), "detente-demo.db"), "SQLite file to build afresh (a database demo built before is removed first; any other file is refused)")
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
	if err := removeDemoDB(ctx, *db); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.PutState(ctx, demoMark, []byte("1")); err != nil {
		return err
	}
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

// demoMark is the state key that marks a database demo built, and so may
// remove to build afresh.
const demoMark = "demo"

// removeDemoDB removes the database at path, and its WAL files, when demo
// built it; it refuses to remove any other file, and does nothing when
// there is none.
func removeDemoDB(ctx context.Context, path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if !isDemoDB(ctx, path) {
		return fmt.Errorf("%s is not a demo database: it is left alone; give --db another path", path)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove old demo database: %w", err)
		}
	}
	return nil
}

// isDemoDB reports whether path is a SQLite file with the demo mark. It
// opens the file read-only, so that another file is not changed by the
// look.
func isDemoDB(ctx context.Context, path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || string(head) != "SQLite format 3\x00" {
		return false
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return false
	}
	defer db.Close()
	var v []byte
	err = db.QueryRowContext(ctx, `SELECT value FROM state WHERE key = ?`, demoMark).Scan(&v)
	return err == nil && string(v) == "1"
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/export"
)

func init() {
	register(command{name: "export", summary: "write stored events as CSV, JSONL, GDELT rows or Parquet", run: runExport})
}

// exporters are the formats of "detente export".
var exporters = map[string]func(context.Context, io.Writer, detente.Reader, detente.EventFilter) error{
	"csv":     export.CSV,
	"jsonl":   export.JSONL,
	"gdelt":   export.GDELT,
	"parquet": export.Parquet,
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "detente.db", dbFlagUsage)
	format := fs.String("format", "", "csv, jsonl, gdelt (GDELT 2.0 event table, tab-separated) or parquet")
	from := fs.String("from", "", "first day, YYYY-MM-DD (default: the oldest event)")
	to := fs.String("to", "", "last day, YYYY-MM-DD, inclusive (default: the newest event)")
	out := fs.String("out", "", "file to write (default: stdout)")
	pair := fs.String("pair", "", "only events between two actors, either way: USA,IRN or IRN-USA as the API writes it; USA>IRN for one way")
	all := fs.Bool("all", false, "include negated and hypothetical events and further reports of an event")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: detente export --format csv|jsonl|gdelt|parquet [--db FILE|URL] [--from DAY] [--to DAY] [--pair A,B|A-B|A>B] [--all] [--out FILE]\n\nWrites the stored events, oldest first.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("export: unexpected argument %q", fs.Arg(0))
	}
	write, ok := exporters[*format]
	if !ok {
		return fmt.Errorf("export: unknown --format %q: want csv, jsonl, gdelt or parquet", *format)
	}
	f, err := exportFilter(*from, *to, *pair, *all)
	if err != nil {
		return err
	}
	r, closeStore, err := openReader(ctx, *db)
	if err != nil {
		return err
	}
	defer closeStore()
	if *out == "" {
		return write(ctx, e.stdout, r, f)
	}
	return writeFile(*out, func(w io.Writer) error { return write(ctx, w, r, f) })
}

// exportFilter builds the filter of the export flags.
func exportFilter(from, to, pair string, all bool) (detente.EventFilter, error) {
	f := detente.EventFilter{Uncounted: all}
	for _, d := range []struct {
		flag, v string
		dst     *time.Time
	}{{"--from", from, &f.From}, {"--to", to, &f.To}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.v)
		if err != nil {
			return f, fmt.Errorf("export: %s %q is not a date like 2025-03-01", d.flag, d.v)
		}
		*d.dst = t
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, fmt.Errorf("export: --to %s is before --from %s", to, from)
	}
	if pair == "" {
		return f, nil
	}
	if a, b, ok := strings.Cut(pair, ","); ok && a != "" && b != "" {
		f.Pair = [2]string{strings.ToUpper(strings.TrimSpace(a)), strings.ToUpper(strings.TrimSpace(b))}
		return f, nil
	}
	// The API's pair keys: IRN-USA either way, USA>IRN one way.
	if strings.ContainsAny(pair, "->") {
		p, err := detente.ParsePair(strings.ToUpper(pair))
		if err != nil {
			return f, fmt.Errorf("export: --pair: %s", detente.ErrorMessage(err))
		}
		if p.Directed {
			f.Source, f.Target = p.A, p.B
		} else {
			f.Pair = [2]string{p.A, p.B}
		}
		return f, nil
	}
	return f, fmt.Errorf("export: --pair %q: want two actor codes like USA,IRN or a pair key like IRN-USA or USA>IRN", pair)
}

// openReader opens the store at db with openExisting: an export never
// creates a database.
func openReader(ctx context.Context, db string) (detente.Reader, func(), error) {
	s, err := openExisting(ctx, db)
	if err != nil {
		return nil, nil, fmt.Errorf("export: %w", err)
	}
	return s, func() { s.Close() }, nil
}

// writeFile writes path through a temporary file beside it, renamed into
// place only when write succeeds, so a failed export leaves no half file.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	err = tmp.Chmod(0o644)
	if err == nil {
		err = write(tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("export to %s: %w", path, err), removeIfExists(tmp.Name()))
	}
	return nil
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/detente-project/detente/extract/extractbench"
)

func init() {
	register(command{name: "bench", summary: "measure detente against its baselines: detente bench <kind>", run: runBench})
}

// benchKinds are the benchmarks "detente bench" runs, by name.
var benchKinds = map[string]struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}{
	"extract": {"extraction quality and speed against bare go-trafilatura", benchExtract},
}

func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		benchUsage(e)
		if len(args) == 0 {
			return errors.New("bench: no kind given")
		}
		return flag.ErrHelp
	}
	k, ok := benchKinds[args[0]]
	if !ok {
		benchUsage(e)
		return fmt.Errorf("bench: unknown kind %q", args[0])
	}
	return k.run(ctx, e, args[1:])
}

func benchUsage(e *env) {
	fmt.Fprintln(e.stderr, "usage: detente bench <kind> [flags]\n\nkinds:")
	names := make([]string, 0, len(benchKinds))
	for n := range benchKinds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(e.stderr, "  %-9s %s\n", n, benchKinds[n].summary)
	}
	fmt.Fprintln(e.stderr, "\nRun \"detente bench <kind> -h\" for a kind's flags.")
}

func benchExtract(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("bench extract", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("dir", filepath.Join("..", "shared", "data", "extraction-benchmark"), "benchmark folder with html/*.html.gz and ground-truth.json")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: detente bench extract [--dir DIR]

Runs detente's extractor and bare go-trafilatura (fallbacks on, default
options) over the article extraction benchmark, page by page in turn, and
prints one table: precision, recall, F1 and accuracy by the benchmark's own
metric (4-token shingles of \w+ tokens), pages per second, and the speed
ratio of the two.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("bench extract: unexpected arguments %q", fs.Args())
	}
	if _, err := extractbench.Run(ctx, *dir, e.stdout); err != nil {
		return fmt.Errorf("bench extract: %w", err)
	}
	return nil
}

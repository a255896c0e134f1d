package main

import (
	"fmt"
	"io"

	"github.com/detente-project/detente/actor"
)

// shownWarnings is how many warnings of each dictionary file are printed
// without --dict-warnings.
const shownWarnings = 3

// printDictReports prints, for each file of the --dict folder, what was
// read from it: entries loaded, lines skipped and unused, and its first
// warnings (all of them when all is set), each naming its file and line.
func printDictReports(w io.Writer, reports []actor.Report, all bool) {
	for _, r := range reports {
		fmt.Fprintf(w, "dict %s (%s): %d entries loaded, %d lines skipped, %d unused", r.File, r.Format, r.Entries, r.Skipped, r.Unused)
		if r.Note != "" {
			fmt.Fprintf(w, "; %s", r.Note)
		}
		fmt.Fprintln(w)
		n := len(r.Warnings)
		if !all {
			n = min(n, shownWarnings)
		}
		for _, x := range r.Warnings[:n] {
			fmt.Fprintf(w, "  warning: %s\n", x)
		}
		if more := len(r.Warnings) - n; more > 0 {
			fmt.Fprintf(w, "  … %d more warnings (--dict-warnings prints them all)\n", more)
		}
	}
}

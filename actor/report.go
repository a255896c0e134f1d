package actor

import (
	"fmt"
	"strconv"
)

// Warning is one line of a dictionary file that was not read as written:
// skipped, or read after a correction that the message states.
type Warning struct {
	File string // file name, as in entry sources
	Line int    // 1-based line number
	Msg  string // what was wrong, and what was done
}

// String returns "file:line: message".
func (w Warning) String() string { return w.File + ":" + strconv.Itoa(w.Line) + ": " + w.Msg }

// Report says what was read from one dictionary file.
type Report struct {
	File    string // file name
	Format  string // how it was read: "detente actors", "petrarch verbs", … (see Classify)
	Entries int    // entries loaded: actor and agent phrases, or event rules
	// Skipped counts the lines, or codes of a line, left out for an
	// error; each has a warning.
	Skipped int
	// Unused counts well-formed lines with nothing detente codes with:
	// PETRARCH's "no event" patterns, verb transformations, discards.
	Unused   int
	Warnings []Warning // in line order; Skipped of them are skips
	// Note says why a whole file is not used, "" when it is.
	Note string
}

// Warn records a warning for line ln of the report's file; skip counts the
// line as skipped. The readers of PETRARCH files report with it, the verb
// reader of package coder too.
func (r *Report) Warn(ln int, skip bool, format string, args ...any) {
	r.Warnings = append(r.Warnings, Warning{File: r.File, Line: ln, Msg: fmt.Sprintf(format, args...)})
	if skip {
		r.Skipped++
	}
}

package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText prints the codebook-example table: per root and over all
// examples, how many were coded at all, with the code's root and with
// exactly the code, with their shares. With errors it lists the examples
// not coded exactly, with their code and what was coded.
func (r *CodebookReport) WriteText(w io.Writer, errors bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "root\tname\texamples\tcoded\tshare\tright root\tshare\tright code\tshare\n")
	row := func(root, name string, t Tally) {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.3f\t%d\t%.3f\t%d\t%.3f\n", root, name, t.Examples, t.Coded, t.CodedRate, t.RightRoot, t.RootRate, t.RightCode, t.CodeRate)
	}
	for _, rt := range r.Roots {
		row(rt.Root, rt.Name, rt.Tally)
	}
	row("all", "", r.Tally)
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Unknown) > 0 {
		fmt.Fprintf(w, "\ncodes not in detente's codebook (never right at code level): %s\n", strings.Join(r.Unknown, " "))
	}
	if errors {
		fmt.Fprintf(w, "\nNot coded exactly (NONE: nothing coded; ROOT: right root, other code; WRONG: other roots):\n")
		for _, m := range r.Errors {
			kind := "WRONG"
			switch {
			case len(m.Coded) == 0:
				kind = "NONE"
			case m.RightRoot:
				kind = "ROOT"
			}
			fmt.Fprintf(w, "%-5s %s %s (line %d)", kind, m.Code, m.Name, m.Line)
			if len(m.Coded) > 0 {
				fmt.Fprintf(w, ", coded %s", events(m.Coded))
			}
			fmt.Fprintf(w, "\n      %s\n", m.Text)
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// events writes events joined by commas.
func events(ps []Pred) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, ", ")
}

// WriteJSON prints the report as one JSON object: the counts and shares over
// all examples (examples, coded, right_root, right_code and their _share),
// per root under roots, unknown_codes, and with errors the examples not
// coded exactly.
func (r *CodebookReport) WriteJSON(w io.Writer, errors bool) error {
	out := *r
	if !errors {
		out.Errors = nil
	}
	return json.NewEncoder(w).Encode(out)
}

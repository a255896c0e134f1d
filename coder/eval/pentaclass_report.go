package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText prints the pentaclass table: per class the sentences, how many
// were coded at all and how many found, with their shares; then precision,
// recall and F1. With errors it lists the sentences with nothing coded and
// those coded only with other classes, with what was coded.
func (r *PentaReport) WriteText(w io.Writer, errors bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "class\troots\tsentences\tcoded\tshare\tfound\tshare\t\n")
	for _, c := range r.Classes {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%.3f\t%d\t%.3f\t\n", c.Class, c.Roots, c.Sentences, c.Coded, c.CodedRate, c.Found, c.FoundRate)
	}
	fmt.Fprintf(tw, "all\t\t%d\t%d\t%.3f\t%d\t%.3f\t\n", r.Sentences, r.Coded, r.CodedRate, r.Found, r.Recall)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nprecision %.3f  recall %.3f  f1 %.3f  (found %d of %d sentences; precision over the %d coded)\n",
		r.Precision, r.Recall, r.F1, r.Found, r.Sentences, r.Coded)
	if errors {
		fmt.Fprintf(w, "\nNot found (NONE: nothing coded; WRONG: only other classes coded):\n")
		for _, m := range r.Errors {
			if len(m.Coded) == 0 {
				fmt.Fprintf(w, "NONE  %s class %d\n      %s\n", m.ID, m.Class, m.Text)
				continue
			}
			fmt.Fprintf(w, "WRONG %s class %d, coded %s\n      %s\n", m.ID, m.Class, classed(m.Coded), m.Text)
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// classed writes events with their classes: "USA→IRN 046 (1), IRN→USA 112 (3)".
func classed(ps []Pred) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s (%d)", p, ClassOf(p.Code))
	}
	return strings.Join(parts, ", ")
}

// WriteJSON prints the report as one JSON object: sentences, coded, found,
// coded_share, precision, recall, f1 and per class its counts and shares;
// with errors also the sentences not found.
func (r *PentaReport) WriteJSON(w io.Writer, errors bool) error {
	out := *r
	if !errors {
		out.Errors = nil
	}
	return json.NewEncoder(w).Encode(out)
}

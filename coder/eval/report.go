package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
)

// WriteText prints the report as tables: the three levels, the confusion
// of roots, and with errors the missed and false events with their
// sentences.
func (r *Report) WriteText(w io.Writer, errors bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "level\ttp\tfp\tfn\tprecision\trecall\tf1\t\n")
	for _, l := range []struct {
		name string
		s    Score
	}{{"root", r.Root}, {"code", r.Code}, {"agent", r.Agent}} {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", l.name, l.s.TP, l.s.FP, l.s.FN, l.s.Precision, l.s.Recall, l.s.F1)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r.OneSided > 0 {
		fmt.Fprintf(w, "\n%d events with a side that names no country (no target or source, or an agent alone) are not scored: gold codes events whose two sides are named.\n", r.OneSided)
	}
	fmt.Fprintf(w, "\n%d sentences. Confusion by root (gold → predicted, -- none):\n", r.Sentences)
	golds := make([]string, 0, len(r.Confusion))
	for g := range r.Confusion {
		golds = append(golds, g)
	}
	sort.Strings(golds)
	for _, g := range golds {
		preds := make([]string, 0, len(r.Confusion[g]))
		for p := range r.Confusion[g] {
			preds = append(preds, p)
		}
		sort.Strings(preds)
		fmt.Fprintf(w, "  %s →", g)
		for _, p := range preds {
			fmt.Fprintf(w, " %s:%d", p, r.Confusion[g][p])
		}
		fmt.Fprintln(w)
	}
	if errors {
		fmt.Fprintf(w, "\nErrors at the root level:\n")
		for _, e := range r.Errors {
			kind := "MISS"
			if e.False {
				kind = "FALSE"
			}
			fmt.Fprintf(w, "%-5s %-22s %s\n      %s\n", kind, e.Event, e.ID, e.Text)
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// WriteJSON prints {"root":{"precision","recall","f1"},"code":{...},"agent":{...}}.
func (r *Report) WriteJSON(w io.Writer) error {
	type level struct {
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}
	conv := func(s Score) level { return level{s.Precision, s.Recall, s.F1} }
	return json.NewEncoder(w).Encode(struct {
		Root  level `json:"root"`
		Code  level `json:"code"`
		Agent level `json:"agent"`
	}{conv(r.Root), conv(r.Code), conv(r.Agent)})
}

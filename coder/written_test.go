package coder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/detente-project/detente/coder/eval"
)

// writtenFloor is one score a written set must keep.
type writtenFloor struct {
	name string
	got  func(eval.Report) float64
	want float64
}

// TestWrittenSets scores the embedded dictionaries on sentences written and
// hand-coded by detente's engineers: testdata/written.jsonl, and
// testdata/written-wire.jsonl (long sentences in the style of 2008 and 2019
// wire copy, a third of them without an event). The coder was fixed while
// reading them, so they test structures and are no accuracy figure; the
// floors are regression guards a margin below what is reached. Run with -v
// to see every miss and false event.
func TestWrittenSets(t *testing.T) {
	rootP := func(r eval.Report) float64 { return r.Root.Precision }
	rootF := func(r eval.Report) float64 { return r.Root.F1 }
	codeF := func(r eval.Report) float64 { return r.Code.F1 }
	agentF := func(r eval.Report) float64 { return r.Agent.F1 }
	sets := []struct {
		file   string
		min    int
		floors []writtenFloor
	}{
		{"written.jsonl", 100, []writtenFloor{
			{"root precision", rootP, 0.95},
			{"root F1", rootF, 0.90},
			{"code F1", codeF, 0.90},
			{"agent F1", agentF, 0.90},
		}},
		// Measured at the last change: written.jsonl root P 0.992 F1
		// 0.955, code F1 0.939, agent F1 0.955; written-wire.jsonl root
		// P 0.900 F1 0.850, code F1 0.750, agent F1 0.781. The wire set's
		// precision fell when the codebook's patterns coded acts these
		// sentences were not coded with ("bowing to pressure from
		// Germany" 080, "failed to reach an agreement" 164): its gold was
		// written conservatively.
		{"written-wire.jsonl", 80, []writtenFloor{
			{"root precision", rootP, 0.87},
			{"root F1", rootF, 0.82},
			{"code F1", codeF, 0.72},
			{"agent F1", agentF, 0.77},
		}},
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range sets {
		t.Run(set.file, func(t *testing.T) {
			r := scoreWritten(t, c, set.file, set.min)
			for _, fl := range set.floors {
				if got := fl.got(r); got < fl.want {
					t.Errorf("%s %.3f below the floor %.2f", fl.name, got, fl.want)
				}
			}
		})
	}
}

// scoreWritten codes every sentence of testdata/name, logs the report with
// its errors and returns it; it fails when the file holds fewer than min
// sentences.
func scoreWritten(t *testing.T, c *Coder, name string, min int) eval.Report {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.ReadGold(name, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < min {
		t.Fatalf("%s holds %d sentences, want at least %d", name, len(gold), min)
	}
	preds := make([][]eval.Pred, len(gold))
	for i := range gold {
		preds[i] = eval.Counted(c.CodeText(gold[i].Text, gold[i].Day()))
	}
	r := eval.Evaluate(gold, preds)
	var b strings.Builder
	if err := r.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	return r
}

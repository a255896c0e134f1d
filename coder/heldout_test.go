package coder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/detente-project/detente/coder/eval"
)

// TestHeldOutGold scores the embedded dictionaries on testdata/heldout.jsonl,
// sentences composed for this repository and never used to write the
// dictionaries' first version, and fails below the floor reached so far. Run
// with -v to see every miss and false event.
func TestHeldOutGold(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "heldout.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.ReadGold("heldout.jsonl", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 100 {
		t.Fatalf("heldout.jsonl holds %d sentences, want at least 100", len(gold))
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
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
	floors := []struct {
		name      string
		got, want float64
	}{
		{"root precision", r.Root.Precision, 0.95},
		{"root F1", r.Root.F1, 0.90},
		{"code F1", r.Code.F1, 0.90},
		{"agent F1", r.Agent.F1, 0.90},
	}
	for _, fl := range floors {
		if fl.got < fl.want {
			t.Errorf("%s %.3f below the floor %.2f", fl.name, fl.got, fl.want)
		}
	}
}

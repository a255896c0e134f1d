package coder

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/coder/eval"
)

// TestDevGold scores the embedded dictionaries on the development gold set
// (a development set: the coder was changed while reading it). The floors
// are regression guards a margin below the figures measured (root P 1.000,
// F1 0.913; code F1 0.870; agent F1 0.891), not accuracy claims.
func TestDevGold(t *testing.T) {
	dir := sharedDir(t)
	f, err := os.Open(filepath.Join(dir, "data", "gold", "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.ReadGold("dev.jsonl", f)
	if err != nil {
		t.Fatal(err)
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
	t.Logf("root P %.3f R %.3f F1 %.3f; code F1 %.3f; agent F1 %.3f", r.Root.Precision, r.Root.Recall, r.Root.F1, r.Code.F1, r.Agent.F1)
	floors := []struct {
		name      string
		got, want float64
	}{
		{"root precision", r.Root.Precision, 0.95},
		{"root F1", r.Root.F1, 0.90},
		{"code F1", r.Code.F1, 0.86},
		{"agent F1", r.Agent.F1, 0.85},
	}
	for _, fl := range floors {
		if fl.got < fl.want {
			t.Errorf("%s %.3f below the floor %.2f", fl.name, fl.got, fl.want)
		}
	}
}

// TestDevCodebook codes the CAMEO codebook's own example sentences (a
// development set: patterns and grammar were written reading them). The
// floors are regression guards a margin below the shares measured (right
// root 0.819, right code 0.693), not accuracy claims.
func TestDevCodebook(t *testing.T) {
	dir := sharedDir(t)
	f, err := os.Open(filepath.Join(dir, "reference", "cameo-codebook.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exs, err := eval.ReadCodebookExamples("cameo-codebook.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	preds := make([][]eval.Pred, len(exs))
	for i := range exs {
		preds[i] = eval.Counted(c.CodeText(exs[i].Input()))
	}
	r := eval.ScoreCodebook(exs, preds)
	t.Logf("%d examples: right root %d (%.3f), right code %d (%.3f)", r.Examples, r.RightRoot, r.RootRate, r.RightCode, r.CodeRate)
	if r.RootRate < 0.80 {
		t.Errorf("right root %.3f below the floor 0.80", r.RootRate)
	}
	if r.CodeRate < 0.66 {
		t.Errorf("right code %.3f below the floor 0.66", r.CodeRate)
	}
}

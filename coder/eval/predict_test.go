package eval_test

import (
	"context"
	"testing"

	"github.com/detente-project/detente/coder"
	"github.com/detente-project/detente/coder/eval"
)

// TestPredict runs the real coder through Predict: one prediction list per
// item in order, negated events left out, and a cancelled context stops it.
func TestPredict(t *testing.T) {
	c, err := coder.New()
	if err != nil {
		t.Fatal(err)
	}
	sents := []eval.PentaSentence{
		{ID: "a", Date: "2019-11-19", Text: "Iran accused Israel of lying.", Class: 3},
		{ID: "b", Date: "2019-11-19", Text: "Iran did not accuse Israel of lying.", Class: 3},
		{ID: "c", Text: "Nothing happened.", Class: 0},
	}
	preds, err := eval.Predict(context.Background(), c, sents)
	if err != nil {
		t.Fatal(err)
	}
	if len(preds) != 3 || len(preds[0]) != 1 || preds[0][0] != (eval.Pred{Source: "IRN", Target: "ISR", Code: "112"}) || len(preds[2]) != 0 {
		t.Fatalf("Predict = %v", preds)
	}
	for _, p := range preds[1] {
		if p.Code == "112" {
			t.Errorf("the negated accusation is counted: %v", preds[1])
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eval.Predict(ctx, c, sents); err != context.Canceled {
		t.Errorf("cancelled: error %v", err)
	}
}

package eval

import (
	"context"
	"time"

	"github.com/detente-project/detente"
)

// Coder codes one sentence into events; *coder.Coder is one.
type Coder interface {
	CodeText(sentence string, date time.Time) []detente.Event
}

// Input is a labelled sentence as the coder reads it: its text and day
// (zero when unknown).
type Input interface {
	Input() (text string, day time.Time)
}

// Predict codes every item with c and returns the counted events of each,
// in the items' order, ready for Evaluate, ScorePentaclass or ScoreCodebook.
// It stops with ctx's error when ctx is done.
func Predict[T Input](ctx context.Context, c Coder, items []T) ([][]Pred, error) {
	out := make([][]Pred, len(items))
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = Counted(c.CodeText(it.Input()))
	}
	return out, nil
}

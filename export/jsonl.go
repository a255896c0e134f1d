package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/detente-project/detente"
)

// JSONL writes the events f selects to w as JSON Lines: one Record object
// per line, oldest first.
func JSONL(ctx context.Context, w io.Writer, r detente.Reader, f detente.EventFilter) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := each(ctx, r, f, func(rec *Record, _ origin) error { return enc.Encode(rec) })
	if err != nil {
		return fmt.Errorf("export jsonl: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export jsonl: %w", err)
	}
	return nil
}

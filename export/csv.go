package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/detente-project/detente"
)

// CSV writes the events f selects to w as CSV (RFC 4180): a header row of
// Record's column names, then one row per event, oldest first. Mediators
// are joined by ";"; lat and lon are empty when unknown.
func CSV(ctx context.Context, w io.Writer, r detente.Reader, f detente.EventFilter) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(columns); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	err := each(ctx, r, f, func(rec *Record, _ origin) error {
		return cw.Write(rec.fields())
	})
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// each calls fn with the record and article origin of every event f
// selects, oldest first.
func each(ctx context.Context, r detente.Reader, f detente.EventFilter, fn func(*Record, origin) error) error {
	o := newOrigins(r)
	return r.EachEvent(ctx, f, func(e detente.Event) error {
		org, err := o.get(ctx, e.ArticleID)
		if err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		rec := newRecord(e, org)
		return fn(&rec, org)
	})
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

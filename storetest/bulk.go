package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlstore"
)

// BulkStore is a Store that can load in bulk.
type BulkStore interface {
	Store
	BulkLoad(ctx context.Context, load func() error) error
}

// BulkLoad checks s's BulkLoad: the load runs without the store's
// non-unique indexes, what it wrote is stored and found by a search after,
// and every index is back afterwards, also after a load that failed, whose
// error BulkLoad returns. indexes lists the store's non-unique indexes.
func BulkLoad(t *testing.T, s BulkStore, indexes func(t *testing.T) []string) {
	ctx := context.Background()
	before := indexes(t)
	if len(before) < 10 {
		t.Fatalf("store has %d non-unique indexes before the load: %q", len(before), before)
	}
	err := s.BulkLoad(ctx, func() error {
		during := indexes(t)
		if len(during) >= len(before) {
			t.Errorf("during the load the store has indexes %q, want fewer than %q", during, before)
		}
		for _, ix := range sqlstore.WriteIndexes {
			if !slices.Contains(during, ix) {
				t.Errorf("during the load the store has indexes %q, want %s, which the writes read through", during, ix)
			}
		}
		return s.WriteDocuments(ctx, Corpus())
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := indexes(t); !slices.Equal(after, before) {
		t.Errorf("after the load the indexes are %q, want %q", after, before)
	}
	page, err := s.Events(ctx, detente.EventFilter{Query: "talks"})
	if err != nil || len(page.Events) == 0 {
		t.Errorf("search after the load: %d events, %v", len(page.Events), err)
	}
	failed := errors.New("load failed")
	if err := s.BulkLoad(ctx, func() error { return failed }); !errors.Is(err, failed) {
		t.Errorf("BulkLoad of a failing load = %v, want %v", err, failed)
	}
	if after := indexes(t); !slices.Equal(after, before) {
		t.Errorf("after a failed load the indexes are %q, want %q", after, before)
	}
}

// AlsoDuringBulkLoad runs check on s as it is, then again during a bulk
// load (which writes nothing): for the reads the writes make, which must
// find their indexes in both.
func AlsoDuringBulkLoad(t *testing.T, s BulkStore, check func(when string)) {
	t.Helper()
	check("in a store")
	if err := s.BulkLoad(context.Background(), func() error {
		check("during a bulk load")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

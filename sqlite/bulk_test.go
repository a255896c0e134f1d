package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

func TestBulkLoad(t *testing.T) {
	s := open(t)
	storetest.BulkLoad(t, s, func(t *testing.T) []string {
		names, err := sqlscan.Query(context.Background(), s.DB(), sqlscan.String, `SELECT name FROM sqlite_master
			WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		return names
	})
}

// segments returns how many segments each full-text index of s is in:
// every segment has at least one row of its table's _idx shadow table.
func segments(t *testing.T, s *sqlite.Store) (sentences, articles int) {
	t.Helper()
	ctx := context.Background()
	for _, c := range []struct {
		table string
		n     *int
	}{{"sentences_fts_idx", &sentences}, {"articles_fts_idx", &articles}} {
		if err := s.DB().QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM `+c.table).Scan(c.n); err != nil {
			t.Fatal(err)
		}
	}
	return sentences, articles
}

// writeOneByOne writes the documents of storetest's corpus each in a
// transaction of its own, so that each adds a segment to the full-text
// indexes.
func writeOneByOne(t *testing.T, s *sqlite.Store) error {
	t.Helper()
	for _, d := range storetest.Corpus() {
		if err := s.WriteDocuments(context.Background(), []detente.Document{d}); err != nil {
			return err
		}
	}
	return nil
}

// A bulk load leaves each full-text index in one segment, where the same
// writes outside one leave several, and merges later writes as before.
func TestBulkLoadMergesSearch(t *testing.T) {
	ctx := context.Background()
	written := open(t)
	if err := writeOneByOne(t, written); err != nil {
		t.Fatal(err)
	}
	if sn, an := segments(t, written); sn < 2 || an < 2 {
		t.Fatalf("writes one by one left %d sentence and %d article segments, want several of each", sn, an)
	}
	loaded := open(t)
	if err := loaded.BulkLoad(ctx, func() error { return writeOneByOne(t, loaded) }); err != nil {
		t.Fatal(err)
	}
	if sn, an := segments(t, loaded); sn != 1 || an != 1 {
		t.Errorf("after a bulk load the indexes are in %d sentence and %d article segments, want 1 and 1", sn, an)
	}
	var automerge int
	if err := loaded.DB().QueryRowContext(ctx, `SELECT v FROM sentences_fts_config WHERE k = 'automerge'`).Scan(&automerge); err != nil || automerge != 4 {
		t.Errorf("automerge after a bulk load = %d, %v; want FTS5's default 4", automerge, err)
	}
	page, err := loaded.Events(ctx, detente.EventFilter{Query: "talks"})
	if err != nil || len(page.Events) == 0 {
		t.Errorf("search after the bulk load: %d events, %v", len(page.Events), err)
	}
}

// OptimizeSearch, which detente rebuild runs, merges a store's full-text
// indexes into one segment each and the searches find what they did.
func TestOptimizeSearch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if err := writeOneByOne(t, s); err != nil {
		t.Fatal(err)
	}
	before, err := s.Events(ctx, detente.EventFilter{Query: "talks"})
	if err != nil || len(before.Events) == 0 {
		t.Fatalf("search before: %d events, %v", len(before.Events), err)
	}
	if err := s.OptimizeSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if sn, an := segments(t, s); sn != 1 || an != 1 {
		t.Errorf("after OptimizeSearch the indexes are in %d sentence and %d article segments, want 1 and 1", sn, an)
	}
	after, err := s.Events(ctx, detente.EventFilter{Query: "talks"})
	if err != nil || len(after.Events) != len(before.Events) {
		t.Errorf("search after: %d events, %v; want %d", len(after.Events), err, len(before.Events))
	}
}

// Migration 0180 merges the full-text indexes of a store written before
// it into one segment each.
func TestMigrationMergesSearch(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeOneByOne(t, s); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = 180`); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if sn, an := segments(t, s); sn != 1 || an != 1 {
		t.Errorf("after migration 0180 the indexes are in %d sentence and %d article segments, want 1 and 1", sn, an)
	}
}

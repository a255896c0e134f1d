package sqlite

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/storetest"
)

// storedFingerprints returns the story and fingerprint EachFingerprint
// reads for each article.
func storedFingerprints(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := s.EachFingerprint(context.Background(), time.Time{}, func(id, story string, _ time.Time, fp []uint64) error {
		out[id] = fmt.Sprint(story, fp)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Migration 0130 copies the fingerprints of a store written before it
// into their own table, and the story index reads them from there and
// the covering index of articles, never from the article rows.
func TestMigrateFingerprints(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	docs := append(storetest.Corpus(), storetest.BenchDocs("old", 9)...)
	docs[2].Article.Fingerprint = nil
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	want := storedFingerprints(t, s)
	if len(want) != len(docs)-1 {
		t.Fatalf("%d fingerprints stored, want %d", len(want), len(docs)-1)
	}
	s = migrateAgain(t, s, path,
		`DROP TABLE article_fingerprints`,
		`DROP INDEX articles_published`,
		`CREATE INDEX articles_published ON articles (published, id)`,
		`DELETE FROM schema_migrations WHERE version = 130`)
	if got := storedFingerprints(t, s); !maps.Equal(got, want) {
		t.Errorf("after 0130 EachFingerprint reads %v, want %v", got, want)
	}
	p := queryPlan(t, s, `SELECT id, story_id, published, fingerprint FROM `+dialect.Fingerprinted+
		` f WHERE published >= ? ORDER BY published, id`, "2025-01-01")
	if !strings.Contains(p, "COVERING INDEX articles_published") || strings.Contains(p, "TEMP B-TREE") {
		t.Errorf("fingerprints are read with plan %q, want the covering index of articles by publication, unsorted", p)
	}
}

package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// bandRows returns every row of article_bands as text.
func bandRows(t *testing.T, s *postgres.Store) []string {
	t.Helper()
	rows, err := sqlscan.Query(context.Background(), s.DB(), func(sc sqlscan.Scanner) (string, error) {
		var (
			key       int64
			published time.Time
			id        string
		)
		err := sc.Scan(&key, &published, &id)
		return fmt.Sprint(key, published.UTC().Format(time.RFC3339Nano), id), err
	}, `SELECT key, published, article_id FROM article_bands ORDER BY key, published, article_id`)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestFillBands empties the band rows of a store, as one made before
// migration 0150 has them, with more articles than one batch of the fill:
// FillBands writes the rows of every article with a fingerprint, the same
// their writes gave, drops its marker, and then does nothing.
func TestFillBands(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	docs := storetest.FingerprintedDocs("old", 2100)
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	want := bandRows(t, s)
	if n := (len(docs) - 1) * dedup.DefaultBands; len(want) != n {
		t.Fatalf("%d band rows written, want %d", len(want), n)
	}
	for _, q := range []string{
		`DELETE FROM article_bands`,
		`INSERT INTO article_bands_fill (published, article_id) VALUES (NULL, NULL)`,
	} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := s.FillBands(ctx); err != nil {
		t.Fatal(err)
	}
	if got := bandRows(t, s); !slices.Equal(got, want) {
		t.Errorf("after FillBands: %d band rows, want %d, the same rows the writes gave", len(got), len(want))
	}
	var markers int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM article_bands_fill`).Scan(&markers); err != nil || markers != 0 {
		t.Errorf("fill markers left: %d, %v; want none", markers, err)
	}
	if _, err := s.DB().ExecContext(ctx, `DELETE FROM article_bands`); err != nil {
		t.Fatal(err)
	}
	if err := s.FillBands(ctx); err != nil {
		t.Fatal(err)
	}
	if got := bandRows(t, s); len(got) != 0 {
		t.Errorf("a second FillBands wrote %d rows; the fill was done", len(got))
	}
}

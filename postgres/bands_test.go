package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// bandRows returns every row of article_bands as text, checking that each
// row's day is that of its article's publication.
func bandRows(t *testing.T, s *postgres.Store) []string {
	t.Helper()
	rows, err := sqlscan.Query(context.Background(), s.DB(), func(sc sqlscan.Scanner) (string, error) {
		var (
			day, key  int64
			published time.Time
			id        string
		)
		err := sc.Scan(&day, &key, &published, &id)
		if want := published.UTC().Truncate(24*time.Hour).Sub(time.Unix(0, 0)) / (24 * time.Hour); err == nil && day != int64(want) {
			t.Fatalf("band row of %s published %s: day %d, want %d", id, published, day, want)
		}
		return fmt.Sprint(day, key, published.UTC().Format(time.RFC3339Nano), id), err
	}, `SELECT day, key, published, article_id FROM article_bands ORDER BY day, key, published, article_id`)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestMigrateBandDays takes a store back to its band rows keyed by band
// (migration 0150): migration 0250 keys the same rows by day, each its
// article's.
func TestMigrateBandDays(t *testing.T) {
	url := pgtest.URL(t, "banddays")
	s, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	docs := storetest.FingerprintedDocs("fingerprinted", 30)
	for i := range docs { // days around 1970, all within the band rows' horizon
		docs[i].Article.Published = docs[i].Article.Published.AddDate(-55, 0, 0)
	}
	docs[1].Article.Published = time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC) // a day before 0
	if err := s.WriteDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	want := bandRows(t, s)
	if len(want) != (len(docs)-1)*dedup.DefaultBands {
		t.Fatalf("%d band rows written, want %d", len(want), (len(docs)-1)*dedup.DefaultBands)
	}
	s = migrateAgain(t, s, url, `CREATE TABLE bands_by_key (key BIGINT NOT NULL, published TIMESTAMPTZ NOT NULL,
			article_id TEXT COLLATE "C" NOT NULL, PRIMARY KEY (key, published, article_id));
		INSERT INTO bands_by_key SELECT key, published, article_id FROM article_bands;
		DROP TABLE article_bands;
		ALTER TABLE bands_by_key RENAME TO article_bands;
		DELETE FROM schema_migrations WHERE version = 250`)
	if got := bandRows(t, s); !slices.Equal(got, want) {
		t.Errorf("after 0250: %d band rows, want the %d the writes gave", len(got), len(want))
	}
}

// TestFillBands empties the band rows of a store, as one made before
// migration 0150 has them, with more articles than one batch of the fill,
// over 110 days: FillBands writes the rows of every article with a
// fingerprint within the rows' horizon, the same their writes gave, drops
// its marker, and then does nothing.
func TestFillBands(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	docs := storetest.FingerprintedDocs("old", 3000)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range docs { // over 110 days, the last 91 within the horizon
		docs[i].Article.Published = start.AddDate(0, 0, i%110)
	}
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	want := bandRows(t, s)
	horizon := start.AddDate(0, 0, 109).Add(-sqlstore.BandHorizon)
	within := 0
	for i, d := range docs {
		if i != 7 && !d.Article.Published.Before(horizon) {
			within++
		}
	}
	if n := within * dedup.DefaultBands; len(want) != n || within <= 2000 || within == len(docs)-1 {
		t.Fatalf("%d band rows written, want %d: those of the %d of %d articles within the horizon", len(want), n, within, len(docs))
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

// TestBandHorizon runs storetest.BandHorizon on a store of its own.
func TestBandHorizon(t *testing.T) {
	url := pgtest.URL(t, "horizon")
	storetest.BandHorizon(t, storetest.BandSQL{
		Open: func() (storetest.BandStore, error) { return postgres.Open(context.Background(), url) },
		Exec: func(s storetest.BandStore, query string) error {
			_, err := s.(*postgres.Store).DB().Exec(query)
			return err
		},
		BandArticles: func(s storetest.BandStore) ([]string, error) {
			return sqlscan.Query(context.Background(), s.(*postgres.Store).DB(), func(sc sqlscan.Scanner) (id string, err error) {
				return id, sc.Scan(&id)
			}, `SELECT article_id FROM article_bands ORDER BY article_id`)
		},
	})
}

package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/storetest"
)

// bandRows returns every row of article_bands as day, key and seq,
// checking that each row's day is its seq's.
func bandRows(t *testing.T, s *Store) [][3]int64 {
	t.Helper()
	rows, err := sqlscan.Query(context.Background(), s.read, func(sc sqlscan.Scanner) (r [3]int64, err error) {
		return r, sc.Scan(&r[0], &r[1], &r[2])
	}, `SELECT day, key, seq FROM article_bands ORDER BY day, key, seq`)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r[0] != bandDay(r[2]) {
			t.Fatalf("band row %v: day %d, want %d, its seq's", r, r[0], bandDay(r[2]))
		}
	}
	return rows
}

// openBands opens a store of its own with 250 fingerprinted documents
// written, published over 83 days from 1970 and one before, and returns
// it with its path and its band rows.
func openBands(t *testing.T) (*Store, string, [][3]int64) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	docs := storetest.FingerprintedDocs("old", 250)
	for i := range docs { // days around 1970, all within the band rows' horizon
		docs[i].Article.Published = docs[i].Article.Published.AddDate(-55, 0, 0)
	}
	docs[1].Article.Published = time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC) // SQLite divides its negative seq towards zero
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	rows := bandRows(t, s)
	if n := (len(docs) - 1) * dedup.DefaultBands; len(rows) != n {
		t.Fatalf("%d band rows written, want %d", len(rows), n)
	}
	return s, path, rows
}

// TestMigrateBands opens a store made before migration 0150: Open writes
// the band rows of every article with a fingerprint, the same rows their
// writes give, and drops its marker; a fill in batches smaller than the
// store, each from where the last stopped, writes them too.
func TestMigrateBands(t *testing.T) {
	ctx := context.Background()
	s, path, want := openBands(t)
	s = migrateAgain(t, s, path,
		`DROP TABLE article_bands`,
		`DROP TABLE article_bands_fill`,
		`DELETE FROM schema_migrations WHERE version IN (150, 250)`)
	if got := bandRows(t, s); !slices.Equal(got, want) {
		t.Errorf("after 0150, 0250 and the fill: %d band rows, want %d, the same rows the writes gave", len(got), len(want))
	}
	var markers int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM article_bands_fill`).Scan(&markers); err != nil || markers != 0 {
		t.Errorf("fill markers left: %d, %v; want none", markers, err)
	}

	for _, q := range []string{`DELETE FROM article_bands`, `INSERT INTO article_bands_fill (after) VALUES (NULL)`} {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	batches := 0
	for done := false; !done; batches++ {
		var err error
		if done, err = s.fillBands(ctx, 100); err != nil {
			t.Fatal(err)
		}
	}
	if got := bandRows(t, s); batches != 4 || !slices.Equal(got, want) {
		t.Errorf("filled in %d batches of 100: %d band rows, want 4 batches (the last finds none) and the %d rows the writes gave",
			batches, len(got), len(want))
	}
}

// TestMigrateBandDays opens a store whose band rows are keyed by band
// (migration 0150): migration 0250 keys the same rows by day, each the
// day its seq gives.
func TestMigrateBandDays(t *testing.T) {
	s, path, want := openBands(t)
	if days := len(slices.CompactFunc(slices.Clone(want), func(a, b [3]int64) bool { return a[0] == b[0] })); days < 2 {
		t.Fatalf("band rows of %d days, want several", days)
	}
	s = migrateAgain(t, s, path,
		`CREATE TABLE bands_by_key (key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID`,
		`INSERT INTO bands_by_key SELECT key, seq FROM article_bands`,
		`DROP TABLE article_bands`,
		`ALTER TABLE bands_by_key RENAME TO article_bands`,
		`DELETE FROM schema_migrations WHERE version = 250`)
	if got := bandRows(t, s); !slices.Equal(got, want) {
		t.Errorf("after 0250: %d band rows, want the %d the writes gave", len(got), len(want))
	}
}

// TestBandHorizon runs storetest.BandHorizon on a store of its own.
func TestBandHorizon(t *testing.T) {
	path := filepath.Join(t.TempDir(), "detente.db")
	storetest.BandHorizon(t, storetest.BandSQL{
		Open: func() (storetest.BandStore, error) { return Open(context.Background(), path) },
		Exec: func(s storetest.BandStore, query string) error {
			_, err := s.(*Store).write.Exec(query)
			return err
		},
		BandArticles: func(s storetest.BandStore) ([]string, error) {
			return sqlscan.Query(context.Background(), s.(*Store).read, func(sc sqlscan.Scanner) (id string, err error) {
				return id, sc.Scan(&id)
			}, `SELECT a.id FROM article_bands b JOIN articles a ON a.seq = b.seq ORDER BY a.id`)
		},
	})
}

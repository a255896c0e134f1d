package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
)

// bandRow is an article's fingerprint, with what its band rows
// (migration 0150) hold of it.
type bandRow struct {
	id          string
	published   time.Time
	fingerprint []uint64
}

// bandDay returns the day of the band rows of the articles published at
// t (migration 0250): the days from 1970-01-01 to t's UTC day, as
// insertBands and the migration compute them in SQL.
func bandDay(t time.Time) int64 {
	u := t.Unix()
	d := u / 86400
	if u%86400 < 0 {
		d--
	}
	return d
}

// insertBands writes the band rows of arts in one statement; rows already
// there (an article another writer or a fill wrote) stay.
func insertBands(ctx context.Context, tx *sql.Tx, arts []bandRow) error {
	var rows [][]any
	for _, a := range arts {
		for _, k := range sqlstore.BandKeys(a.fingerprint) {
			rows = append(rows, []any{k, a.published.UTC(), a.id})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	from, args := unnest(rows, "bigint", "timestamptz", "text")
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_bands (day, key, published, article_id)
		SELECT floor(extract(epoch FROM p) / 86400)::integer, k, p, a FROM `+from+` AS u (k, p, a)
		ON CONFLICT DO NOTHING`, args...); err != nil {
		return fmt.Errorf("article bands: %w", err)
	}
	return nil
}

// writeBands writes the band rows of the articles of docs, just inserted,
// that are within the rows' horizon (sqlstore.Store.BandsFromIn).
func (w *batch) writeBands(ctx context.Context, docs []*detente.Document) error {
	var newest time.Time
	for _, d := range docs {
		if d.Article.Published.After(newest) {
			newest = d.Article.Published
		}
	}
	from, err := w.store.BandsFromIn(ctx, w.tx, newest)
	if err != nil {
		return err
	}
	var arts []bandRow
	for _, d := range docs {
		if !d.Article.Published.Before(from) {
			arts = append(arts, bandRow{d.Article.ID, d.Article.Published, d.Article.Fingerprint})
		}
	}
	return insertBands(ctx, w.tx, arts)
}

// PruneBands deletes the band rows past their horizon
// (sqlstore.Store.PruneBands) and, where the server's autovacuum is off,
// vacuums the table, so that new rows reuse their space.
func (s *Store) PruneBands(ctx context.Context) (bool, error) {
	pruned, err := s.core.PruneBands(ctx)
	if err != nil || !pruned || !s.vacuumBands {
		return pruned, err
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM article_bands`); err != nil {
		return pruned, fmt.Errorf("prune band rows: vacuum: %w", err)
	}
	return pruned, nil
}

// fillBatch is how many articles one transaction of FillBands writes the
// bands of: short transactions, and memory that does not grow with the
// store.
const fillBatch = 2000

// FillBands writes the band rows of the articles stored before migration
// 0150, which the articles written since have from their write: in
// batches of fillBatch articles by publication, one transaction each,
// that record how far they got, so that an interrupted fill goes on where
// it stopped; processes that open the store at once take turns. Once every
// article is done it does nothing. Open runs it.
func (s *Store) FillBands(ctx context.Context) error {
	for {
		done, err := s.fillBands(ctx)
		if err != nil {
			return fmt.Errorf("fill article bands: %w", err)
		}
		if done {
			return nil
		}
	}
}

// fillBands writes the bands of the next batch of articles, and reports
// whether none was left.
func (s *Store) fillBands(ctx context.Context) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var (
		published sql.NullTime
		id        sql.NullString
	)
	switch err := tx.QueryRowContext(ctx, `SELECT published, article_id FROM article_bands_fill FOR UPDATE`).
		Scan(&published, &id); {
	case errors.Is(err, sql.ErrNoRows):
		return true, nil
	case err != nil:
		return false, err
	}
	// The fill starts at the band rows' horizon: older articles keep
	// none (sqlstore.Store.BandsFromIn).
	from, err := s.BandsFrom(ctx)
	if err != nil {
		return false, err
	}
	cond, args := "AND published >= $2", []any{fillBatch, from}
	if published.Valid {
		cond, args = "AND (published, id) > ($2, $3)", []any{fillBatch, published.Time, id.String}
	}
	batch, err := sqlscan.Query(ctx, tx, func(sc sqlscan.Scanner) (r bandRow, err error) {
		var raw []byte
		if err := sc.Scan(&r.id, &r.published, &raw); err != nil {
			return r, err
		}
		r.fingerprint, err = sqlscan.DecodeFingerprint(raw)
		return r, err
	}, `SELECT id, published, fingerprint FROM articles WHERE fingerprint IS NOT NULL `+cond+`
		ORDER BY published, id LIMIT $1`, args...)
	if err != nil {
		return false, err
	}
	if len(batch) == 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_bands_fill`); err != nil {
			return false, err
		}
		return true, tx.Commit()
	}
	if err := insertBands(ctx, tx, batch); err != nil {
		return false, err
	}
	last := batch[len(batch)-1]
	if _, err := tx.ExecContext(ctx, `UPDATE article_bands_fill SET published = $1, article_id = $2`,
		last.published, last.id); err != nil {
		return false, err
	}
	return false, tx.Commit()
}

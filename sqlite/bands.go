package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
)

// insertBands writes the band rows of one article (migration 0150): its
// seq with each of the dedup.DefaultBands keys of its fingerprint.
var insertBands = `INSERT OR IGNORE INTO article_bands (key, seq) VALUES ` +
	strings.TrimSuffix(strings.Repeat("(?, ?),", dedup.DefaultBands), ",")

// writeBands writes the band rows of the article numbered seq with
// fingerprint fp through insert, a prepared insertBands; none for a
// fingerprint that has no band keys.
func writeBands(ctx context.Context, insert *sql.Stmt, seq int64, fp []uint64) error {
	keys := sqlstore.BandKeys(fp)
	if len(keys) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		args = append(args, k, seq)
	}
	if _, err := insert.ExecContext(ctx, args...); err != nil {
		return fmt.Errorf("article bands: %w", err)
	}
	return nil
}

// fillBatch is how many articles one transaction of FillBands writes the
// bands of: a short hold of the write lock, and memory that does not grow
// with the store.
const fillBatch = 2000

// FillBands writes the band rows of the articles stored before migration
// 0150, which the articles written since have from their write: in
// batches of fillBatch articles in seq order, one transaction each, that
// record how far they got, so that an interrupted fill goes on where it
// stopped. Once every article is done it does nothing. Open runs it.
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
func (s *Store) fillBands(ctx context.Context) (done bool, err error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var after sql.NullInt64
	switch err := tx.QueryRowContext(ctx, `SELECT after FROM article_bands_fill`).Scan(&after); {
	case errors.Is(err, sql.ErrNoRows):
		return true, tx.Rollback()
	case err != nil:
		return false, err
	}
	cond, args := "", []any{fillBatch}
	if after.Valid {
		cond, args = "WHERE seq > ?", []any{after.Int64, fillBatch}
	}
	type row struct {
		seq int64
		fp  []byte
	}
	batch, err := sqlscan.Query(ctx, tx, func(sc sqlscan.Scanner) (r row, err error) {
		return r, sc.Scan(&r.seq, &r.fp)
	}, `SELECT seq, fingerprint FROM article_fingerprints `+cond+` ORDER BY seq LIMIT ?`, args...)
	if err != nil {
		return false, err
	}
	if len(batch) == 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_bands_fill`); err != nil {
			return false, err
		}
		return true, tx.Commit()
	}
	insert, err := tx.PrepareContext(ctx, insertBands)
	if err != nil {
		return false, err
	}
	defer insert.Close()
	for _, r := range batch {
		fp, err := sqlscan.DecodeFingerprint(r.fp)
		if err != nil {
			return false, fmt.Errorf("article %d: %w", r.seq, err)
		}
		if err := writeBands(ctx, insert, r.seq, fp); err != nil {
			return false, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE article_bands_fill SET after = ?`, batch[len(batch)-1].seq); err != nil {
		return false, err
	}
	return false, tx.Commit()
}

package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
)

// insertBands writes the band rows of one article (migrations 0150 and
// 0250): its day and seq with each of the dedup.DefaultBands keys of its
// fingerprint.
var insertBands = `INSERT OR IGNORE INTO article_bands (day, key, seq) VALUES ` +
	strings.TrimSuffix(strings.Repeat("(?, ?, ?),", dedup.DefaultBands), ",")

// bandDay returns the day that leads the band rows of the article
// numbered seq (migration 0250): the days from 1970-01-01 to its second
// of publication, rounded towards zero as SQLite computes
// (seq >> 24) / 86400 (so day 0 holds the last day of 1969 too). It never
// decreases as seq grows, so the rows of a span of seqs lie in the days
// of its ends and between (sqlstore.Dialect.BandDay).
func bandDay(seq int64) int64 { return (seq >> keyShift) / 86400 }

// writeBands writes the band rows of the article numbered seq with
// fingerprint fp through insert, a prepared insertBands; none for a
// fingerprint that has no band keys.
func writeBands(ctx context.Context, insert *sql.Stmt, seq int64, fp []uint64) error {
	keys := sqlstore.BandKeys(fp)
	if len(keys) == 0 {
		return nil
	}
	args := make([]any, 0, 3*len(keys))
	for _, k := range keys {
		args = append(args, bandDay(seq), k, seq)
	}
	if _, err := insert.ExecContext(ctx, args...); err != nil {
		return fmt.Errorf("article bands: %w", err)
	}
	return nil
}

// fillBatch is how many articles one transaction of FillBands writes the
// bands of, sorted by day and key: rows that land in one range of the
// table at a time, where rows in the articles' order land each on a page
// of its own (at 200,000 events the fill took 1.5 to 2 minutes that way,
// mostly reading and writing back pages of the table). Ten thousand fingerprints
// and their 640,000 rows are some 20 MB.
const fillBatch = 10000

// FillBands writes the band rows of the articles stored before migration
// 0150, which the articles written since have from their write: in
// batches of fillBatch articles in seq order, one transaction each, that
// record how far they got, so that an interrupted fill goes on where it
// stopped. Once every article is done it does nothing. Open runs it.
func (s *Store) FillBands(ctx context.Context) error {
	for {
		done, err := s.fillBands(ctx, fillBatch)
		if err != nil {
			return fmt.Errorf("fill article bands: %w", err)
		}
		if done {
			return nil
		}
	}
}

// fillBands writes the bands of the next n articles, and reports whether
// none was left.
func (s *Store) fillBands(ctx context.Context, n int) (done bool, err error) {
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
	// The fill starts at the band rows' horizon: older articles keep
	// none (sqlstore.Store.BandsFromIn).
	from, err := s.BandsFrom(ctx)
	if err != nil {
		return false, err
	}
	cond, args := "WHERE seq >= ?", []any{firstKey(from), n}
	if after.Valid {
		cond, args = "WHERE seq > ?", []any{after.Int64, n}
	}
	q, err := tx.QueryContext(ctx, `SELECT seq, fingerprint FROM article_fingerprints `+cond+` ORDER BY seq LIMIT ?`, args...)
	if err != nil {
		return false, err
	}
	defer q.Close()
	var (
		rows  [][2]int64 // key, seq
		last  int64
		found bool
	)
	for q.Next() {
		var raw []byte
		if err := q.Scan(&last, &raw); err != nil {
			return false, err
		}
		fp, err := sqlscan.DecodeFingerprint(raw)
		if err != nil {
			return false, fmt.Errorf("article %d: %w", last, err)
		}
		for _, k := range sqlstore.BandKeys(fp) {
			rows = append(rows, [2]int64{k, last})
		}
		found = true
	}
	if err := q.Err(); err != nil {
		return false, err
	}
	if !found {
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_bands_fill`); err != nil {
			return false, err
		}
		return true, tx.Commit()
	}
	slices.SortFunc(rows, func(a, b [2]int64) int {
		return cmp.Or(cmp.Compare(bandDay(a[1]), bandDay(b[1])), cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	insert, err := tx.PrepareContext(ctx, insertBands)
	if err != nil {
		return false, err
	}
	defer insert.Close()
	// Every fingerprint has DefaultBands keys: the rows fill whole
	// statements.
	vals := make([]any, 0, 3*dedup.DefaultBands)
	for i := 0; i < len(rows); i += dedup.DefaultBands {
		vals = vals[:0]
		for _, r := range rows[i : i+dedup.DefaultBands] {
			vals = append(vals, bandDay(r[1]), r[0], r[1])
		}
		if _, err := insert.ExecContext(ctx, vals...); err != nil {
			return false, fmt.Errorf("article bands: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE article_bands_fill SET after = ?`, last); err != nil {
		return false, err
	}
	return false, tx.Commit()
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/detente-project/detente/dedup"
)

// BandHorizon is how long before the newest stored article (or before
// now, where that is earlier) an article keeps its band rows. The rows
// serve the recall of a late article, and articles that much older than
// the news come seldom (a backfill of an archive); EachBandFingerprint
// reads the fingerprints of such a window whole, as before the band rows
// existed, so the table holds a bounded span of days instead of growing
// with the store (at 1,000,000 events over three years it was the
// largest table of a PostgreSQL store, a third of its size).
const BandHorizon = 90 * 24 * time.Hour

// bandPruneLag is how many days below the horizon's day the band rows
// stay at least before PruneBands deletes them: a read takes the horizon
// from one statement and the rows from the next, and finds every row it
// needs unless the newest article moved on by more than this in between.
const bandPruneLag = 7

// bandHorizon returns the publication time from which every stored
// article with a fingerprint has its band rows, when newest is the newest
// one's: BandHorizon before it, or before now where that is earlier (an
// article dated in the future moves it no further than the clock).
func bandHorizon(newest, now time.Time) time.Time {
	if now.Before(newest) {
		newest = now
	}
	return newest.Add(-BandHorizon)
}

// BandsFrom returns the publication time from which the stored articles
// with a fingerprint have their band rows: BandHorizon before the newest
// of them, or before now where that is earlier; the zero time when none
// is stored.
func (s *Store) BandsFrom(ctx context.Context) (time.Time, error) {
	newest, ok, err := s.NewestFingerprinted(ctx)
	if err != nil || !ok {
		return time.Time{}, err
	}
	return bandHorizon(newest, time.Now()), nil
}

// BandsFromIn returns the publication time from which the articles that
// t writes, the newest of them published at newest, need band rows: an
// older article's rows would be past the horizon as soon as written.
func (s *Store) BandsFromIn(ctx context.Context, t *sql.Tx, newest time.Time) (time.Time, error) {
	stored, ok, err := s.newestFingerprinted(ctx, tx{t, s.d.Numbered})
	if err != nil {
		return time.Time{}, fmt.Errorf("band rows' horizon: %w", err)
	}
	if ok && stored.After(newest) {
		newest = stored
	}
	return bandHorizon(newest, time.Now()), nil
}

// PruneBands deletes the band rows past their horizon, those of the days
// more than bandPruneLag before its day, a week of days a transaction,
// oldest first, and reports whether it deleted any. Opening a store runs
// it, and a server or queue worker daily (as the news moves on, a
// process that runs for weeks would keep the rows of those weeks): the
// writes only skip the rows of articles already past the horizon, so
// that what an ingest costs does not depend on how far the news moved
// on since the last one (at 1,000,000 events, the four months the demo
// pages span put 1.6 million rows past it, whose delete was half the
// time of their ingest).
func (s *Store) PruneBands(ctx context.Context) (bool, error) {
	horizon, err := s.BandsFrom(ctx)
	if err != nil || horizon.IsZero() {
		return false, err
	}
	below := s.d.BandDay(horizon) - bandPruneLag
	var first sql.NullInt64
	if err := s.write.QueryRowContext(ctx, `SELECT min(day) FROM article_bands`).Scan(&first); err != nil {
		return false, fmt.Errorf("prune band rows: %w", err)
	}
	if !first.Valid || first.Int64 >= below {
		return false, nil
	}
	// Each week is deleted by its range of days, not as all the days
	// before its end: the index keeps the entries of the weeks deleted
	// before until a vacuum, and a read from the first day walked them
	// again each time (PostgreSQL, 10,000,000 events, the demo pages
	// ingested: 35 weeks, min(day) 0.86 s before each week's delete).
	for from := first.Int64; from < below; from += bandPruneLag {
		to := min(from+bandPruneLag, below)
		if _, err := s.write.ExecContext(ctx, `DELETE FROM article_bands WHERE day >= ? AND day < ?`, from, to); err != nil {
			return from > first.Int64, fmt.Errorf("prune band rows: the days %d to %d: %w", from, to, err)
		}
	}
	return true, nil
}

// BandKeys returns the rows of article_bands (migration 0150) of a
// fingerprint: its LSH band keys under the story index's default options
// (dedup.BandKeys), as the signed integers the databases keep; none for a
// fingerprint of another length, or a missing one.
func BandKeys(fp []uint64) []int64 {
	keys := dedup.BandKeys(dedup.Options{}, fp)
	if len(keys) == 0 {
		return nil
	}
	out := make([]int64, len(keys))
	for i, k := range keys {
		out[i] = int64(k)
	}
	return out
}

// EachBandFingerprint calls fn with the ID, story, published time and
// fingerprint of every stored article published from from until to (not
// included) that has one of keys among its band keys (dedup.BandKeys with
// the default options), once each, oldest first. These are the articles
// the story index compares an article with those keys to: a late
// article's recall reads them by their band rows, not every fingerprint
// of its window, but for the part of the window before the band rows'
// horizon (BandHorizon), whose fingerprints it reads and checks. It stops
// at fn's first error and returns it.
func (s *Store) EachBandFingerprint(ctx context.Context, from, to time.Time, keys []uint64,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error {
	if len(keys) == 0 || !from.Before(to) {
		return nil
	}
	horizon, err := s.BandsFrom(ctx)
	if err != nil {
		return err
	}
	if from.Before(horizon) {
		end := to
		if horizon.Before(end) {
			end = horizon
		}
		if err := s.eachBandFingerprintPast(ctx, from, end, keys, fn); err != nil {
			return err
		}
		if from = horizon; !from.Before(to) {
			return nil
		}
	}
	signed := make([]int64, len(keys))
	for i, k := range keys {
		signed[i] = int64(k)
	}
	// The band table is read by day, key and the dialect's time column,
	// whose whole seconds bound the window; published then bounds it
	// exactly. Each article is read once, however many of the keys it
	// has: a late article shares most of its keys with its own copies,
	// whose rows would otherwise be joined again for each key.
	window, windowArgs := s.bandWindow(from.Truncate(time.Second), to.Truncate(time.Second).Add(time.Second))
	return inLists(s.d, "b.key", "bigint", signed, func(cond string, args []any) error {
		return s.eachFingerprint(ctx, "each band fingerprint",
			`f.ref IN (SELECT b.ref FROM `+s.d.Banded+` b WHERE `+cond+` AND `+window+`) AND f.published >= ? AND f.published < ?`,
			append(append(args, windowArgs...), s.d.Time(from), s.d.Time(to)), fn)
	})
}

// eachBandFingerprintPast is EachBandFingerprint for a window before the
// band rows' horizon: it reads every fingerprint of the window and calls
// fn with those that have one of keys among their band keys.
func (s *Store) eachBandFingerprintPast(ctx context.Context, from, to time.Time, keys []uint64,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error {
	return s.eachFingerprint(ctx, "each band fingerprint before the horizon", `published >= ? AND published < ?`,
		[]any{s.d.Time(from), s.d.Time(to)}, func(id, story string, published time.Time, fp []uint64) error {
			if !slices.ContainsFunc(dedup.BandKeys(dedup.Options{}, fp), func(k uint64) bool { return slices.Contains(keys, k) }) {
				return nil
			}
			return fn(id, story, published, fp)
		})
}

// maxBandDays is the most days of a window bandWindow lists; a longer one
// (a story index with a window of weeks) is read as one range of days,
// every key of each, as the index seeks the keys only within a listed
// day.
const maxBandDays = 32

// bandWindow returns the condition, with its arguments, that a row b of
// Banded is of an article published from the whole second lo until the
// whole second hi (not included): its days listed, each a range of the
// index for each key asked for, and its times.
func (s *Store) bandWindow(lo, hi time.Time) (string, []any) {
	first, last := s.d.BandDay(lo), s.d.BandDay(hi)
	if last-first >= maxBandDays {
		return `b.day BETWEEN ? AND ? AND b.at >= ? AND b.at < ?`, []any{first, last, s.d.BandAt(lo), s.d.BandAt(hi)}
	}
	args := make([]any, 0, last-first+3)
	for d := first; d <= last; d++ {
		args = append(args, d)
	}
	return `b.day IN (` + marks(len(args)) + `) AND b.at >= ? AND b.at < ?`, append(args, s.d.BandAt(lo), s.d.BandAt(hi))
}

package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/detente-project/detente/dedup"
)

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
// article's recall reads them, not every fingerprint of its window. It
// stops at fn's first error and returns it.
func (s *Store) EachBandFingerprint(ctx context.Context, from, to time.Time, keys []uint64,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error {
	if len(keys) == 0 || !from.Before(to) {
		return nil
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
		rows, err := s.read.QueryContext(ctx, `SELECT id, story_id, published, fingerprint FROM `+s.d.Fingerprinted+` f
			WHERE f.ref IN (SELECT b.ref FROM `+s.d.Banded+` b WHERE `+cond+` AND `+window+`)
				AND f.published >= ? AND f.published < ?
			ORDER BY published, id`,
			append(append(args, windowArgs...), s.d.Time(from), s.d.Time(to))...)
		if err != nil {
			return fmt.Errorf("each band fingerprint: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanFingerprint(rows)
			if err != nil {
				return fmt.Errorf("each band fingerprint: %w", err)
			}
			if err := fn(r.id, r.story, r.published, r.fp); err != nil {
				return err
			}
		}
		return rows.Err()
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

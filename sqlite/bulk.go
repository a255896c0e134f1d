package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// searchTables are the FTS5 tables of the store.
var searchTables = []string{"sentences_fts", "event_sentences_fts", "articles_fts"}

// defaultAutomerge is FTS5's own automerge setting, which BulkLoad puts
// back after the load.
const defaultAutomerge = 4

// BulkLoad is the core's BulkLoad (sqlstore.Store.BulkLoad) with the
// full-text indexes left unmerged during the load and merged into one
// segment each after it (OptimizeSearch): every write transaction adds a
// segment, and FTS5's incremental merging of them leaves a large index in
// dozens of segments, which every search reads one by one.
func (s *Store) BulkLoad(ctx context.Context, load func() error) (err error) {
	if err := setAutomerge(ctx, s.write, 0); err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	defer func() {
		// Later writes merge as usual, even when the load failed.
		if e := setAutomerge(context.WithoutCancel(ctx), s.write, defaultAutomerge); e != nil {
			err = errors.Join(err, fmt.Errorf("bulk load: %w", e))
		}
	}()
	if err := s.core.BulkLoad(ctx, load); err != nil {
		return err
	}
	if err := s.OptimizeSearch(ctx); err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	return nil
}

// OptimizeSearch merges each full-text index into one segment (FTS5's
// optimize): a search then reads one list of matches per word instead of
// one per segment. It rewrites the whole index, about 30 s at 1,000,000
// events, holding the write lock meanwhile.
func (s *Store) OptimizeSearch(ctx context.Context) error {
	for _, t := range searchTables {
		if _, err := s.write.ExecContext(ctx, `INSERT INTO `+t+` (`+t+`) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("optimize %s: %w", t, err)
		}
	}
	return nil
}

// setAutomerge sets FTS5's automerge of every full-text index of db: 0
// for none.
func setAutomerge(ctx context.Context, db *sql.DB, n int) error {
	for _, t := range searchTables {
		if _, err := db.ExecContext(ctx, `INSERT INTO `+t+` (`+t+`, rank) VALUES ('automerge', ?)`, n); err != nil {
			return fmt.Errorf("set automerge of %s: %w", t, err)
		}
	}
	return nil
}

// mergeAbove is the number of segments above which MergeSearch merges a
// full-text index. A search reads one list of matches per word from each
// segment, and FTS5 merges the segments that writes add only four at a
// time, level by level: a 1,000,000-event store whose last 30 days were
// written as an ingest writes them holds its indexes in 25, 21 and 8
// segments. The first two merged into one each, one client's searches ran
// 1.2x as fast (search page p50 4.2-4.7 against 3.2-3.6 ms); under 64
// clients the requests/s did not change through the noise.
const mergeAbove = 8

// mergeStep is how many pages of an index one step of MergeSearch writes:
// about 8 MB, a write of some 200 ms at 1,000,000 events (56 steps of
// the index of sentences took 13 s), between which other writes go on.
const mergeStep = 2000

// MergeSearch merges each full-text index that holds more than mergeAbove
// segments into one, in steps of mergeStep pages, each a write of its own,
// so that ingest goes on between them: FTS5's 'merge' command, the first
// step gathering every segment into the merge and the later ones carrying
// it on, new segments added meanwhile left for the next time. It rewrites
// the index: 12 s for the two indexes of sentences at 1,000,000 events.
// It returns the indexes it merged; ctx stops it between two steps, and
// the index is whole at every step.
func (s *Store) MergeSearch(ctx context.Context) ([]string, error) {
	return s.mergeSearch(ctx, mergeStep)
}

// mergeSearch is MergeSearch in steps of pages pages.
func (s *Store) mergeSearch(ctx context.Context, pages int) ([]string, error) {
	var merged []string
	for _, t := range searchTables {
		var n int
		if err := s.write.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM `+t+`_idx`).Scan(&n); err != nil {
			return merged, fmt.Errorf("segments of %s: %w", t, err)
		}
		if n <= mergeAbove {
			continue
		}
		for step := -pages; ; step = pages {
			if err := ctx.Err(); err != nil {
				return merged, err
			}
			worked, err := s.mergeStep(ctx, t, step)
			if err != nil {
				return merged, fmt.Errorf("merge %s: %w", t, err)
			}
			if !worked {
				break
			}
		}
		merged = append(merged, t)
	}
	return merged, nil
}

// mergeStep runs one 'merge' command of pages on the full-text index t and
// reports whether it did any work: FTS5 changes two rows or more when it
// does.
func (s *Store) mergeStep(ctx context.Context, t string, pages int) (bool, error) {
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var before, after int64
	if err := conn.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
		return false, err
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO `+t+` (`+t+`, rank) VALUES ('merge', ?)`, pages); err != nil {
		return false, err
	}
	if err := conn.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
		return false, err
	}
	return after-before >= 2, nil
}

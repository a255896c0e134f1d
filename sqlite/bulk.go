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

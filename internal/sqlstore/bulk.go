package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/detente-project/detente/internal/sqlscan"
)

// bulkTables are the tables whose secondary indexes BulkLoad builds after
// the load instead of during it.
var bulkTables = []string{"articles", "sentences", "events"}

// WriteIndexes are the non-unique indexes that BulkLoad keeps because the
// writes read through them: SettleStory reads a story's articles and
// events by story, and BandsFromIn the newest article by publication.
// Without them each write scans the tables, and a load grows with the
// square of its size.
var WriteIndexes = []string{"articles_story", "events_story", "articles_published"}

// BulkLoad runs load, which fills a new store through its usual writes,
// without the secondary indexes of articles, sentences and events (those
// of reads and full-text search), and then builds them again: sorting
// every row once is many times cheaper than keeping a dozen B-trees and
// the search index up to date row by row. Unique indexes and
// WriteIndexes, which the writes rely on, stay. Reads meanwhile find no index, and a process that dies
// during load leaves the store without them: it is for filling a store
// nobody reads yet, as bench scale does. The indexes are built again
// whether load fails or not.
func (s *Store) BulkLoad(ctx context.Context, load func() error) (err error) {
	type index struct{ name, def string }
	scan := func(sc sqlscan.Scanner) (ix index, err error) { return ix, sc.Scan(&ix.name, &ix.def) }
	var dropped []index
	err = inLists(s.d, "tbl", "text", bulkTables, func(cond string, args []any) error {
		ixs, err := sqlscan.Query(ctx, s.write, scan, `SELECT name, def FROM (`+s.d.Indexes+`) i WHERE `+cond, args...)
		for _, ix := range ixs {
			if !slices.Contains(WriteIndexes, ix.name) {
				dropped = append(dropped, ix)
			}
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("bulk load: list indexes: %w", err)
	}
	defer func() {
		// The indexes come back even when load failed or ctx ended.
		for _, ix := range dropped {
			if _, e := s.write.ExecContext(context.WithoutCancel(ctx), ix.def); e != nil {
				err = errors.Join(err, fmt.Errorf("bulk load: build index %s: %w", ix.name, e))
			}
		}
	}()
	for i, ix := range dropped {
		if _, err := s.write.ExecContext(ctx, `DROP INDEX `+ix.name); err != nil {
			dropped = dropped[:i]
			return fmt.Errorf("bulk load: drop index %s: %w", ix.name, err)
		}
	}
	if err := load(); err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	return nil
}

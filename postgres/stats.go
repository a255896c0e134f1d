package postgres

import (
	"context"
	"fmt"

	"github.com/detente-project/detente"
)

// Stats counts the stored articles, sentences, counted events and stories,
// from running totals that every write keeps.
func (s *Store) Stats(ctx context.Context) (detente.Stats, error) {
	var st detente.Stats
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(articles), 0), coalesce(sum(sentences), 0),
		coalesce(sum(events), 0), coalesce(sum(stories), 0) FROM count_deltas`).
		Scan(&st.Articles, &st.Sentences, &st.Events, &st.Stories)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

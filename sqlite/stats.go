package sqlite

import (
	"context"
	"fmt"

	"github.com/detente-project/detente"
)

// Stats counts the stored articles, sentences, counted events and stories,
// from running totals that every write keeps.
func (s *Store) Stats(ctx context.Context) (detente.Stats, error) {
	var st detente.Stats
	rows, err := s.read.QueryContext(ctx, `SELECT name, n FROM counts`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name string
			n    int
		)
		if err := rows.Scan(&name, &n); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		switch name {
		case "articles":
			st.Articles = n
		case "sentences":
			st.Sentences = n
		case "events":
			st.Events = n
		case "stories":
			st.Stories = n
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

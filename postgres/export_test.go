package postgres

import (
	"context"
	"strings"
)

// EstimateMatches returns the planner's estimate of how many sentences a
// search for one word matches: the number a search is planned by.
func EstimateMatches(ctx context.Context, s *Store, word string) (int, error) {
	q, args, err := search{}.Matches(word)
	if err != nil {
		return 0, err
	}
	// One word is one placeholder, numbered as the store numbers them.
	return estimate(ctx, s.db, strings.Replace(q, "?", "$1", 1), args)
}

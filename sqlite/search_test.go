package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/storetest"
)

// The two ways of finding the articles a search matches, from the matches
// and walking articles newest first, find the same articles in the same
// order.
func TestArticleSearchPlans(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "detente.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WriteDocuments(ctx, storetest.Corpus()); err != nil {
		t.Fatal(err)
	}
	ids := func(query string, dense bool) []string {
		cond, args, err := search{}.Articles(query, dense)
		if err != nil {
			t.Fatalf("Articles(%q, %v): %v", query, dense, err)
		}
		got, err := sqlscan.Query(ctx, s.read, func(sc sqlscan.Scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		}, `SELECT id FROM articles WHERE `+cond+` ORDER BY published DESC, id DESC`, args...)
		if err != nil {
			t.Fatalf("Articles(%q, %v): %v", query, dense, err)
		}
		return got
	}
	for _, q := range []string{"Iran", "talks -Iran", "Oman OR Taipei", `"technical talks"`, "Israel", "nowhere"} {
		sparse, dense := ids(q, false), ids(q, true)
		if !slices.Equal(sparse, dense) {
			t.Errorf("search %q: from the matches %v, walking articles %v", q, sparse, dense)
		}
		if q != "nowhere" && len(sparse) == 0 {
			t.Errorf("search %q finds no article; the corpus has some", q)
		}
	}
}

package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// TestEventSearchPlans checks how a page of events of a search reads the
// sentences: one that walks events (a common word) checks each event's
// sentence against the words alone, building no tsvector of words and
// month per event, and one that starts from the matches (a rare word)
// reads them from the full-text index of words and month (migration
// 0190), which a condition on the words alone cannot use.
func TestEventSearchPlans(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if err := s.WriteDocuments(ctx, storetest.BenchDocs("plans", 300)); err != nil {
		t.Fatal(err)
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	explain := func(query string, p sqlstore.Plan, order string) string {
		t.Helper()
		cond, args, err := postgres.EventsMatching(query, p)
		if err != nil {
			t.Fatal(err)
		}
		tx, err := s.DB().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		// The corpus is small enough for a scan of every sentence to
		// cost nothing: the planner is told to use an index where one
		// serves the condition.
		if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
			t.Fatal(err)
		}
		plan, err := sqlscan.Query(ctx, tx, sqlscan.String, `EXPLAIN VERBOSE SELECT id FROM events WHERE `+cond+
			` ORDER BY `+order+` LIMIT 20`, args...)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(plan, "\n")
	}
	for _, p := range []sqlstore.Plan{sqlstore.WalkByDay, sqlstore.LookUp} {
		if plan := explain("officials", p, "day DESC, id DESC"); strings.Contains(plan, "month") {
			t.Errorf("plan %d walks events checking words and month:\n%s", p, plan)
		}
	}
	if plan := explain("zanzibar", sqlstore.FromSearch, "day + 0 DESC, id DESC"); !strings.Contains(plan, "sentences_tsv") {
		t.Errorf("a rare word's page does not start from the full-text index:\n%s", plan)
	}
}

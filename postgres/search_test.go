package postgres_test

import (
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/postgres"
)

// TestEventSearchPlans checks how a page of events of a search reads the
// sentences: one that walks events (a common word) checks each event's
// sentence against the words alone, building no tsvector of words and
// month per event, and one that starts from the matches (a rare word)
// reads them from the full-text index of words and month (migration
// 0190), which a condition on the words alone cannot use, of only the
// sentences that hold an event (migration 0210).
func TestEventSearchPlans(t *testing.T) {
	s := openBench(t, "plans", 300)
	planOf := func(query string, p sqlstore.Plan, order string) string {
		t.Helper()
		cond, args, err := postgres.EventsMatching(query, p)
		if err != nil {
			t.Fatal(err)
		}
		// Told to use an index where one serves the condition.
		return explain(t, s, "enable_seqscan", `SELECT id FROM events WHERE `+cond+` ORDER BY `+order+` LIMIT 20`, args...)
	}
	for _, p := range []sqlstore.Plan{sqlstore.WalkByDay, sqlstore.LookUp} {
		if plan := planOf("officials", p, "day DESC, id DESC"); strings.Contains(plan, "month") {
			t.Errorf("plan %d walks events checking words and month:\n%s", p, plan)
		}
	}
	if plan := planOf("zanzibar", sqlstore.FromSearch, "day + 0 DESC, id DESC"); !strings.Contains(plan, "sentences_event_tsv") {
		t.Errorf("a rare word's page does not start from the full-text index's matches that hold an event:\n%s", plan)
	}
}

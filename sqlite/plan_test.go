package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/storetest"
)

// queryPlan returns the steps of SQLite's plan for query, joined by "; ".
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	return planOn(t, s.read, query, args...)
}

// planOn is queryPlan on the connections of db.
func planOn(t *testing.T, db *sql.DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "; ")
}

// Since migration 0160 the candidates of a pair's top events, one
// direction's newest with their sources and Goldstein score, are read
// from the pair index alone.
func TestPairRankingCovered(t *testing.T) {
	s := storeWith(t, storetest.Corpus())
	p := queryPlan(t, s, `SELECT id, day, num_sources, goldstein FROM events
		WHERE counted = 1 AND source_country = ? AND target_country = ? ORDER BY day DESC, id DESC LIMIT ?`, "IRN", "ISR", 1000)
	if !strings.Contains(p, "COVERING INDEX events_pair") || strings.Contains(p, "TEMP B-TREE") {
		t.Errorf("a pair's ranked candidates are read with plan %q, want the covering pair index, unsorted", p)
	}
}

// Since migration 0270 a list of an actor's events of a type (root, quad
// class or code) is chosen from the actor's index alone, the type
// checked there, and only the page's rows are read.
func TestActorTypeCovered(t *testing.T) {
	s := storeWith(t, storetest.Corpus())
	for _, f := range []struct{ actor, kind, index string }{
		{"source_country", "root", "events_source"},
		{"target_country", "root", "events_target"},
		{"source_country", "quad", "events_source"},
		{"target_country", "code", "events_target"},
	} {
		p := queryPlan(t, s, `SELECT rowid FROM events WHERE counted = 1 AND `+f.actor+` = ? AND `+f.kind+` = ?
			ORDER BY day DESC, id DESC LIMIT ?`, "IRN", "04", 51)
		if !strings.Contains(p, "COVERING INDEX "+f.index) || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("a page of events by %s and %s is chosen with plan %q, want the covering %s, unsorted", f.actor, f.kind, p, f.index)
		}
	}
}

// Every write reads the newest fingerprinted article for the band rows'
// horizon; during a bulk load too it is read from articles_published, the
// newest end of the index, not by a scan of every article (which made
// bench scale's generation grow with the square of its size).
func TestNewestFingerprintedByIndex(t *testing.T) {
	s := storeWith(t, storetest.Corpus())
	check := func(when string) {
		// The writer's plan: a reader plans an EXPLAIN by the schema it
		// read last, from before the load.
		p := planOn(t, s.write, sqlstore.NewestFingerprintedQuery(dialect))
		if !strings.Contains(p, "INDEX articles_published") || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("%s the newest fingerprinted article is read with plan %q, want articles_published, unsorted", when, p)
		}
	}
	storetest.AlsoDuringBulkLoad(t, s, check)
}

package postgres_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// TestWarmProbesReadTheirIndex checks that each look-up a write warms an
// index by is planned as an index-only scan of that index and of no other
// table or index: one that read another, or the table, would not warm the
// leaves the write reads, and would read more than they. Scans of whole
// tables and bitmaps are turned off, as the small test store would take
// them; a store larger than memory does not.
func TestWarmProbesReadTheirIndex(t *testing.T) {
	s := openBench(t, "warm", 200)
	// As in a large store, most pages are all visible: an index-only
	// scan reads no row of the table.
	if _, err := s.DB().ExecContext(context.Background(), `VACUUM events, sentences`); err != nil {
		t.Fatal(err)
	}
	probes := postgres.WarmProbes(storetest.BenchDocs("new", 2))
	if len(probes) != 5 {
		t.Errorf("%d probes of new documents with events, want 5", len(probes))
	}
	for _, p := range probes {
		var plan []string
		plannerOff(t, s, "enable_seqscan", func(tx *sql.Tx) {
			ctx := context.Background()
			if _, err := tx.ExecContext(ctx, `SET LOCAL enable_bitmapscan = off`); err != nil {
				t.Fatal(err)
			}
			var err error
			if plan, err = sqlscan.Query(ctx, tx, sqlscan.String, `EXPLAIN `+p.Query, p.Args...); err != nil {
				t.Fatal(err)
			}
		})
		var scans []string
		for _, line := range plan {
			if strings.Contains(line, " Scan ") || strings.HasPrefix(strings.TrimSpace(line), "Seq Scan") {
				scans = append(scans, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "->")))
			}
		}
		want := "Index Only Scan using " + p.Index + " on "
		if len(scans) != 1 || !strings.HasPrefix(scans[0], want) {
			t.Errorf("%s: scans %q; want one %q…\n%s", p.Query, scans, want, strings.Join(plan, "\n"))
		}
	}
}

// TestWarmProbeSkipsAMissingIndex checks that a probe whose index is gone
// (BulkLoad drops those of reads while it loads) does not scan the table
// in its place.
func TestWarmProbeSkipsAMissingIndex(t *testing.T) {
	s := openBench(t, "warmgone", 20)
	ctx := context.Background()
	for _, p := range postgres.WarmProbes(storetest.BenchDocs("new", 20)) {
		if p.Index != "events_article" {
			continue
		}
		tx, err := s.DB().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, `DROP INDEX events_article`); err != nil {
			t.Fatal(err)
		}
		if ran, plan := probeRan(t, tx, p); ran {
			t.Errorf("probe of a dropped index scanned:\n%s", plan)
		}
		return
	}
	t.Fatal("no probe of events_article")
}

// TestWarmProbesWaitForStatistics checks that the probes of a table
// written since it was last analyzed with more rows than it held then do
// not run, as the planner would read the table for them, and that they
// run again once it is analyzed.
func TestWarmProbesWaitForStatistics(t *testing.T) {
	s := open(t) // its migrations analyze the empty tables
	ctx := context.Background()
	if err := s.WriteDocuments(ctx, storetest.BenchDocs("stale", 200)); err != nil {
		t.Fatal(err)
	}
	// A connection's counts reach the server's statistics when it is
	// idle, within about ten seconds.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var changed int
		if err := s.DB().QueryRowContext(ctx, `SELECT pg_stat_get_mod_since_analyze('sentences'::regclass)`).Scan(&changed); err != nil {
			t.Fatal(err)
		}
		if changed > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the writes' rows never reached the statistics of sentences")
		}
	}
	probes := postgres.WarmProbes(storetest.BenchDocs("new", 20))
	for _, p := range probes {
		if ran, plan := probeRan(t, s.DB(), p); ran {
			t.Errorf("probe ran on a table not analyzed since its rows were written:\n%s", plan)
		}
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	for _, p := range probes {
		if ran, plan := probeRan(t, s.DB(), p); !ran {
			t.Errorf("probe did not run on an analyzed table:\n%s", plan)
		}
	}
}

// probeRan reports whether p, run on q, scanned a table or an index, and
// its plan.
func probeRan(t *testing.T, q sqlscan.Querier, p postgres.WarmProbe) (bool, string) {
	t.Helper()
	plan, err := sqlscan.Query(context.Background(), q, sqlscan.String, `EXPLAIN (ANALYZE, COSTS off, TIMING off) `+p.Query, p.Args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range plan {
		if strings.Contains(line, "Scan") && !strings.Contains(line, "never executed") {
			return true, strings.Join(plan, "\n")
		}
	}
	return false, strings.Join(plan, "\n")
}

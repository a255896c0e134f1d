package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

func TestBulkLoad(t *testing.T) {
	s := open(t)
	storetest.BulkLoad(t, s, func(t *testing.T) []string {
		names, err := sqlscan.Query(context.Background(), s.DB(), sqlscan.String, `SELECT indexname::text FROM pg_indexes
			WHERE schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname`)
		if err != nil {
			t.Fatal(err)
		}
		return names
	})
}

// Every write reads the newest fingerprinted article for the band rows'
// horizon; during a bulk load too it is read from the newest end of
// articles_published, not by a scan of every article (which made bench
// scale's generation grow with the square of its size).
func TestNewestFingerprintedByIndex(t *testing.T) {
	s := open(t)
	if err := s.WriteDocuments(context.Background(), storetest.Corpus()); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		if plan := explain(t, s, "enable_seqscan", postgres.NewestFingerprinted); !strings.Contains(plan, "Index Scan Backward using articles_published") {
			t.Errorf("%s the newest fingerprinted article is read with plan\n%s\nwant the newest end of articles_published", when, plan)
		}
	}
	storetest.AlsoDuringBulkLoad(t, s, check)
}

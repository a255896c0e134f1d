package postgres_test

import (
	"context"
	"testing"

	"github.com/detente-project/detente/internal/sqlscan"
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

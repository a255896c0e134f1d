package sqlite_test

import (
	"context"
	"testing"

	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/storetest"
)

func TestBulkLoad(t *testing.T) {
	s := open(t)
	storetest.BulkLoad(t, s, func(t *testing.T) []string {
		names, err := sqlscan.Query(context.Background(), s.DB(), sqlscan.String, `SELECT name FROM sqlite_master
			WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		return names
	})
}

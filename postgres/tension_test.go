package postgres_test

import (
	"context"
	"testing"

	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/tension/tensiontest"
)

func TestTension(t *testing.T) {
	tensiontest.Run(t, func(t *testing.T) tensiontest.Store { return open(t) })
}

func BenchmarkCountryHistory(b *testing.B) {
	tensiontest.BenchmarkCountryHistory(b, func(b *testing.B) tensiontest.Store { return open(b) })
}

// TestMigrateCountryTotals takes a store back to before migration 0280,
// which fills the totals of each country's days afresh.
func TestMigrateCountryTotals(t *testing.T) {
	url := pgtest.URL(t, "totals")
	s, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	tensiontest.CheckCountryTotalsMigration(t, s, func() tensiontest.Store {
		return migrateAgain(t, s, url, `ALTER TABLE tension_country_days DROP COLUMN risk_total, DROP COLUMN articles_total;
			DELETE FROM schema_migrations WHERE version = 280`)
	})
}

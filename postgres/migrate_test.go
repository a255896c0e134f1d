package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/postgres"
)

// TestOpenRefusesNewerStore checks that a schema a newer build migrated is
// refused at Open, naming the migration this build lacks, before any
// migration is applied.
func TestOpenRefusesNewerStore(t *testing.T) {
	ctx := context.Background()
	u := pgtest.URL(t, "newer")
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (9990, '9990_from_the_future.sql')`); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = postgres.Open(ctx, u)
	if err == nil {
		s.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "9990_from_the_future.sql") {
		t.Fatalf("Open of a schema migrated by a newer build: %v; want an error naming 9990_from_the_future.sql", err)
	}
}

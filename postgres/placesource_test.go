package postgres_test

import (
	"context"
	"testing"

	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

func TestPlaceSourceBackfill(t *testing.T) {
	url := pgtest.URL(t, "placesource")
	open := func(t *testing.T) *postgres.Store {
		s, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatalf("postgres.Open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	s := open(t)
	storetest.PlaceSourceBackfill(t, s, s.DB(), func(t *testing.T) storetest.Store { return open(t) })
}

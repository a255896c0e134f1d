package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

func TestPlaceSourceBackfill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.PlaceSourceBackfill(t, s, s.DB(), func(t *testing.T) storetest.Store {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s, err = sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		return s
	})
}

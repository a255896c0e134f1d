package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

func FuzzUserInput(f *testing.F) {
	s, err := sqlite.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	if err := s.WriteDocuments(context.Background(), storetest.Corpus()); err != nil {
		f.Fatal(err)
	}
	storetest.Fuzz(f, s)
}

package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/migration"
	"github.com/detente-project/detente/tension/tensiontest"
)

// migrateAgain takes s back to before a migration by the statements of
// undo, closes it and opens the store at path again, which migrates it;
// the store it returns is closed when the test ends.
func migrateAgain(t *testing.T, s *Store, path string, undo ...string) *Store {
	t.Helper()
	ctx := context.Background()
	for _, q := range undo {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenSettings(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	for range 2 { // the second open finds the schema in place
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		var fk, n, first int
		if err := s.DB().QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v; want wal", mode, err)
		}
		if err := s.ReadDB().QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
			t.Errorf("reader foreign_keys = %d, %v; want 1", fk, err)
		}
		if err := s.DB().QueryRowContext(ctx, "SELECT count(*), min(version) FROM schema_migrations").Scan(&n, &first); err != nil || first != 1 {
			t.Errorf("schema_migrations: %d rows from %d, %v", n, first, err)
		}
		ms, _ := migration.List(migrations)
		if n != len(ms) {
			t.Errorf("%d migrations recorded, %d embedded", n, len(ms))
		}
		if _, err := s.ReadDB().ExecContext(ctx, "DELETE FROM state"); err == nil {
			t.Error("a reader connection could write")
		}
		if err := s.Optimize(ctx); err != nil {
			t.Errorf("Optimize: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []string{"", ":memory:", "x.db?mode=ro"} {
		if _, err := Open(ctx, bad); err == nil {
			t.Errorf("Open(%q): no error", bad)
		}
	}
}

// Readers map the file rather than read it page by page.
func TestReadersMapTheFile(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "mmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int64
	if err := s.ReadDB().QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&n); err != nil || n != readerMmap {
		t.Errorf("reader mmap_size = %d, %v; want %d", n, err, readerMmap)
	}
}

// TestOpenRefusesNewerStore checks that a store a newer build migrated is
// refused at Open, naming the file and the migration this build lacks,
// and that what it holds stays as it was.
func TestOpenRefusesNewerStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied)
		VALUES (9990, '9990_from_the_future.sql', datetime('now'))`); err != nil {
		t.Fatal(err)
	}
	var before int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "9990_from_the_future.sql") {
		t.Fatalf("Open of a store migrated by a newer build: %v; want an error naming %s and 9990_from_the_future.sql", err, path)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var after int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&after); err != nil || after != before {
		t.Errorf("schema_migrations holds %d rows after the refusal, %v; want the %d it had", after, err, before)
	}
}

// TestMigrateCountryTotals takes a store back to before migration 0280,
// which fills the totals of each country's days afresh.
func TestMigrateCountryTotals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	tensiontest.CheckCountryTotalsMigration(t, s, func() tensiontest.Store {
		return migrateAgain(t, s, path, `ALTER TABLE tension_country_days DROP COLUMN risk_total`,
			`ALTER TABLE tension_country_days DROP COLUMN articles_total`, `DELETE FROM schema_migrations WHERE version = 280`)
	})
}

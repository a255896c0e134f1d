package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestListMigrations(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("SELECT 1;")}
	tests := []struct {
		name    string
		files   []string
		want    string
		wantErr string
	}{
		{"numeric order", []string{"0100_tension.sql", "0002_more.sql", "0001_init.sql", "0010_x.sql"},
			"[1:0001_init.sql 2:0002_more.sql 10:0010_x.sql 100:0100_tension.sql]", ""},
		{"not sql", []string{"0001_init.sql", "README.md"}, "[1:0001_init.sql]", ""},
		{"no number", []string{"init.sql"}, "", "must start with a positive number"},
		{"zero", []string{"0000_init.sql"}, "", "must start with a positive number"},
		{"same number", []string{"0001_init.sql", "1_other.sql"}, "", "share number 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys["migrations/"+f] = file
			}
			ms, err := listMigrations(fsys)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, fmt.Sprintf("%d:%s", m.version, m.name))
			}
			if fmt.Sprint(got) != tt.want {
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
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
		ms, _ := listMigrations(migrations)
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

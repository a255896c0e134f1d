// Package pgtest gives tests a PostgreSQL store of their own: a fresh
// schema of the local test server, dropped when the test ends, so that
// tests of several packages can share one server. It uses the postgres
// package (and so its pgx driver) and the standard library's testing.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/detente-project/detente/postgres"
)

// ServerURL returns the URL of a reachable test server:
// $DETENTE_TEST_POSTGRES, or the local default as user postgres, then root.
// Without one the test is skipped, unless $CI is set: CI must not pass by
// skipping.
func ServerURL(t testing.TB) string {
	t.Helper()
	candidates := []string{os.Getenv("DETENTE_TEST_POSTGRES")}
	if candidates[0] == "" {
		candidates = []string{
			"postgres://postgres@127.0.0.1:5432/test?sslmode=disable",
			"postgres://root@127.0.0.1:5432/test?sslmode=disable",
		}
	}
	var errs []string
	for _, u := range candidates {
		db, err := sql.Open("pgx", u)
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err = db.PingContext(ctx)
			cancel()
			db.Close()
		}
		if err == nil {
			return u
		}
		errs = append(errs, err.Error())
	}
	msg := "no PostgreSQL test server (set DETENTE_TEST_POSTGRES): " + strings.Join(errs, "; ")
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

var schemaSeq atomic.Int64

// Open returns a store in a fresh schema of the test server, named after
// name and this process, and closes it and drops the schema when the test
// ends.
func Open(t testing.TB, name string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), URL(t, name))
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s
}

// URL returns the URL of a fresh schema of the test server, named after
// name and this process, for a store another process opens; the schema is
// dropped when the test ends.
func URL(t testing.TB, name string) string {
	t.Helper()
	ctx := context.Background()
	base := ServerURL(t)
	schema := fmt.Sprintf("detente_%s_test_%d_%d", name, os.Getpid(), schemaSeq.Add(1))
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

package postgres_test

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

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// serverURL returns the URL of a reachable test server: $DETENTE_TEST_POSTGRES,
// or the local default as user postgres, then root. Without one the test is
// skipped, unless $CI is set: CI must not pass by skipping.
func serverURL(t testing.TB) string {
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

// open returns a store in a fresh schema of the test server, dropped when
// the test ends.
func open(t testing.TB) *postgres.Store {
	t.Helper()
	ctx := context.Background()
	base := serverURL(t)
	schema := fmt.Sprintf("detente_test_%d_%d", os.Getpid(), schemaSeq.Add(1))
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
	s, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t) })
}

func TestOptimize(t *testing.T) {
	s := open(t)
	if err := s.WriteDocuments(context.Background(), storetest.Corpus()); err != nil {
		t.Fatal(err)
	}
	if err := s.Optimize(context.Background()); err != nil {
		t.Fatal(err)
	}
	// reltuples is -1 until a table is first analyzed.
	var tuples float64
	err := s.DB().QueryRowContext(context.Background(), `SELECT reltuples FROM pg_class
		WHERE oid = 'events'::regclass`).Scan(&tuples)
	if err != nil || tuples != 10 {
		t.Errorf("events reltuples = %v, %v; want 10 after ANALYZE", tuples, err)
	}
}

func FuzzUserInput(f *testing.F) {
	s := open(f)
	if err := s.WriteDocuments(context.Background(), storetest.Corpus()); err != nil {
		f.Fatal(err)
	}
	storetest.Fuzz(f, s)
}

func BenchmarkWriteDocuments(b *testing.B) { storetest.BenchmarkWrite(b, open(b)) }

func BenchmarkEvents(b *testing.B) { storetest.BenchmarkEvents(b, open(b)) }

// TestStatsTotals checks the running totals Stats reads against counts of
// the rows, after new, repeated and wire-copy writes and after Optimize
// folds them.
func TestStatsTotals(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	docs := storetest.Corpus()
	copyOf := docs[0]
	copyOf.Article.ID, copyOf.Article.URL = "copy", "https://copy.example/1"
	copyOf.Events = append([]detente.Event(nil), copyOf.Events...)
	for i := range copyOf.Events {
		copyOf.Events[i].ID += "-copy"
	}
	check := func(when string) {
		t.Helper()
		got, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var want detente.Stats
		err = s.DB().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),
			(SELECT count(*) FROM events WHERE counted), (SELECT count(*) FROM stories)`).
			Scan(&want.Articles, &want.Sentences, &want.Events, &want.Stories)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: Stats = %+v, rows say %+v", when, got, want)
		}
	}
	for i, batch := range [][]detente.Document{docs[:2], docs, {copyOf}, storetest.BenchDocs("totals", 30)} {
		if err := s.WriteDocuments(ctx, batch); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("after batch %d", i))
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	check("after Optimize")
	var rows int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM count_deltas`).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("count_deltas after Optimize: %d rows, %v; want 1", rows, err)
	}
}

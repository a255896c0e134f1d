package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/detente-project/detente"
)

// testStatsTotals checks the running totals Stats reads against counts of
// the rows, after new, repeated and wire-copy writes and, for a store that
// has it, after Optimize folds them. It needs the store's database (a
// DB() *sql.DB method) to count the rows.
func testStatsTotals(t *testing.T, s Store) {
	dbs, ok := s.(interface{ DB() *sql.DB })
	if !ok {
		t.Skip("the store gives no SQL database to count its rows in")
	}
	ctx := context.Background()
	docs := Corpus()
	copyOf := docs[0]
	copyOf.Article.ID, copyOf.Article.URL = "copy", "https://copy.example/1"
	copyOf.Events = append([]detente.Event(nil), copyOf.Events...)
	for i := range copyOf.Events {
		copyOf.Events[i].ID += "-copy"
	}
	check := func(when string) {
		t.Helper()
		got := stats(t, s)
		var want detente.Stats
		err := dbs.DB().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),
			(SELECT count(*) FROM events WHERE counted = TRUE), (SELECT count(*) FROM stories)`).
			Scan(&want.Articles, &want.Sentences, &want.Events, &want.Stories)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: Stats = %+v, rows say %+v", when, got, want)
		}
	}
	for i, batch := range [][]detente.Document{docs[:2], docs, {copyOf}, BenchDocs("totals", 30)} {
		write(t, s, batch...)
		check(fmt.Sprintf("after batch %d", i))
	}
	if o, ok := s.(interface{ Optimize(context.Context) error }); ok {
		if err := o.Optimize(ctx); err != nil {
			t.Fatal(err)
		}
		check("after Optimize")
	}
}

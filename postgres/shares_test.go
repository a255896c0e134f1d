package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// TestShareCache checks that a store reads the month shares from its
// statistics again only once StatsTTL has passed: months written and
// analyzed within it have no share until then, and have one after.
func TestShareCache(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Open(t, "sharecache")
	write := func(docs []detente.Document) {
		t.Helper()
		if err := s.WriteDocuments(ctx, docs); err != nil {
			t.Fatal(err)
		}
		if err := s.Optimize(ctx); err != nil {
			t.Fatal(err)
		}
	}
	write(storetest.BenchDocs("first", 300))
	// The same news a year later: months of 2026, which the statistics
	// taken now have seen once analyzed.
	later := storetest.BenchDocs("later", 300)
	for i := range later {
		d := &later[i]
		d.Article.Published = d.Article.Published.AddDate(1, 0, 0)
		for j := range d.Events {
			d.Events[j].Date = d.Events[j].Date.AddDate(1, 0, 0)
		}
	}
	month := later[0].Article.Published.UTC()
	laterMonth := month.Year()*12 + int(month.Month()) - 1 // publication_month
	earlier := laterMonth - 12
	now := time.Date(2030, time.January, 1, 0, 0, 0, 0, time.UTC)
	shares := postgres.MonthSharesCached(s, func() time.Time { return now })
	share := func(m int) float64 {
		t.Helper()
		got, err := shares(ctx, laterMonth)
		if err != nil {
			t.Fatal(err)
		}
		return got[m]
	}
	if share(earlier) == 0 || share(laterMonth) != 0 {
		t.Fatalf("before the later news: shares %v of month %d, %v of %d; want some and none", share(earlier), earlier, share(laterMonth), laterMonth)
	}
	write(later)
	now = now.Add(postgres.StatsTTL - time.Second)
	if of := share(laterMonth); of != 0 {
		t.Errorf("within %v of the first read, month %d has share %v: the statistics were read again", postgres.StatsTTL, laterMonth, of)
	}
	now = now.Add(time.Second)
	if of := share(laterMonth); of == 0 {
		t.Errorf("%v after the first read, month %d has no share: the statistics were not read again", postgres.StatsTTL, laterMonth)
	}
}

package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// testSpool checks that spooled pages come back exactly as they went in,
// oldest first, page by page after a given ID, and that unspooled pages
// are gone for good.
func testSpool(t *testing.T, s Store) {
	ctx := context.Background()
	fetched := time.Date(2026, 3, 4, 5, 6, 7, 891e6, time.UTC)
	pages := []detente.Page{
		{URL: "https://news.example/a", Body: []byte("<p>Talks in Oman.</p>"), Header: "text/html; charset=utf-8",
			Fetched: fetched, Title: "Talks", Published: fetched.Add(-time.Hour), Origin: "push", Offset: -1},
		{URL: "push:2026-03-04#1", Body: []byte("Plain text with a NUL \x00 byte."), IsText: true,
			Header: "text/plain; charset=utf-8", Fetched: fetched, Title: "odd \x00 title", Origin: "push", Offset: -1},
		{URL: "https://news.example/c", Body: []byte{}, Fetched: fetched, Origin: "warc", Offset: 1234},
	}
	if err := s.SpoolPages(ctx, pages[:2]); err != nil {
		t.Fatal(err)
	}
	if err := s.SpoolPages(ctx, pages[2:]); err != nil {
		t.Fatal(err)
	}
	got, err := s.SpooledPages(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pages) {
		t.Fatalf("%d spooled pages, want %d", len(got), len(pages))
	}
	for i, sp := range got {
		if i > 0 && sp.ID <= got[i-1].ID {
			t.Errorf("page %d has ID %d after %d: not in spool order", i, sp.ID, got[i-1].ID)
		}
		if len(sp.Page.Body) == 0 {
			sp.Page.Body = []byte{} // an empty body may come back nil
		}
		if !reflect.DeepEqual(sp.Page, pages[i]) {
			t.Errorf("page %d came back as\n%+v\nwant\n%+v", i, sp.Page, pages[i])
		}
	}
	after, err := s.SpooledPages(ctx, got[0].ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 1 || after[0].ID != got[1].ID {
		t.Errorf("one page after %d: %+v, want page %d", got[0].ID, after, got[1].ID)
	}
	if err := s.UnspoolPages(ctx, []int64{got[0].ID, got[2].ID, got[2].ID + 1000}); err != nil {
		t.Fatal(err)
	}
	left, err := s.SpooledPages(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].ID != got[1].ID {
		t.Errorf("after unspooling pages %d and %d: %+v, want only %d", got[0].ID, got[2].ID, left, got[1].ID)
	}
	// IDs keep growing after a delete, so a reader that remembers the last
	// ID it saw never misses a page spooled later.
	if err := s.SpoolPages(ctx, pages[:1]); err != nil {
		t.Fatal(err)
	}
	if more, err := s.SpooledPages(ctx, got[2].ID, 10); err != nil || len(more) != 1 {
		t.Errorf("pages after %d once another is spooled: %d (%v), want 1", got[2].ID, len(more), err)
	}
}

package storetest

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// commonDocs returns n articles of BenchDocs, each published at its own
// second of its day, stored in an order that is not their publication's:
// every sentence holds "report", so a search for it matches every
// sentence and every event.
func commonDocs(n int) []detente.Document {
	docs := BenchDocs("common", n)
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range docs {
		a := &docs[i].Article
		a.Published = a.Published.Truncate(24 * time.Hour).Add(time.Duration(rng.IntN(86400)) * time.Second)
		a.Fetched = a.Published.Add(time.Hour)
	}
	rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs
}

// A search for a word in every sentence finds the same events and
// articles, page by page, as the lists without search, and the newest
// sentences first; its count stops at the limit asked.
func testCommonWord(t *testing.T, s Store) {
	ctx := context.Background()
	docs := commonDocs(1500)
	writeBatches(t, s, docs, 250)
	for _, f := range []detente.EventFilter{
		{Limit: 50},
		{Limit: 7, From: day("2025-03-01"), To: day("2025-03-04")},
		{Limit: 200, Uncounted: true, To: day("2025-06-30")},
		{Limit: 10, Source: "USA"},
		{Limit: 50, Pair: [2]string{"USA", "IRN"}, Uncounted: true},
	} {
		want := PagesOf(t, s, f, 4)
		f.Query = "report"
		if got := PagesOf(t, s, f, 4); !slices.Equal(ids(got), ids(want)) {
			t.Errorf("search %+v: %d events %v...; without search %d %v...", f, len(got), first(ids(got)), len(want), first(ids(want)))
		}
		if len(want) == 0 {
			t.Errorf("filter %+v selects no event", f)
		}
	}

	for _, f := range []detente.ArticleFilter{
		{Limit: 20},
		{Limit: 3, From: day("2025-03-01"), To: day("2025-03-04")},
	} {
		want := ArticlePagesOf(t, s, f, 4)
		f.Query = "report"
		if got := ArticlePagesOf(t, s, f, 4); !slices.Equal(got, want) {
			t.Errorf("search %+v: %d articles %v...; without search %d %v...", f, len(got), first(got), len(want), first(want))
		}
		if len(want) == 0 {
			t.Errorf("filter %+v selects no article", f)
		}
	}

	type key struct {
		published time.Time
		article   string
		idx       int
	}
	var all []key
	for _, d := range docs {
		for _, sn := range d.Sentences {
			all = append(all, key{d.Article.Published, d.Article.ID, sn.Index})
		}
	}
	slices.SortFunc(all, func(a, b key) int {
		return cmp.Or(b.published.Compare(a.published), cmp.Compare(b.article, a.article), cmp.Compare(a.idx, b.idx))
	})
	hits, err := s.SearchSentences(ctx, "report", detente.EventFilter{}, 120)
	if err != nil {
		t.Fatal(err)
	}
	var got []key
	for _, h := range hits {
		got = append(got, key{h.Date, h.Sentence.ArticleID, h.Sentence.Index})
		if !strings.HasPrefix(h.Snippet, "[[Report]] ") {
			t.Errorf("snippet %q does not mark report", h.Snippet)
		}
	}
	if !slices.EqualFunc(got, all[:120], func(a, b key) bool { return a.published.Equal(b.published) && a.article == b.article && a.idx == b.idx }) {
		t.Errorf("SearchSentences(report, 120) = %v...; want %v...", first(got), first(all[:120]))
	}
	// Sentences of certain events: from the newest matches, and from
	// the planned search when those are too few.
	for _, target := range []string{"", "IRN"} {
		f := detente.EventFilter{Source: "USA", Target: target, Uncounted: true}
		var want []key
		for _, k := range all {
			for _, d := range docs {
				if d.Article.ID != k.article {
					continue
				}
				for _, e := range d.Events {
					if e.SentenceIndex == k.idx && e.Source.Country == f.Source && (f.Target == "" || e.Target.Country == f.Target) {
						want = append(want, k)
						break
					}
				}
			}
		}
		want = want[:min(len(want), 40)]
		hits, err := s.SearchSentences(ctx, "report", f, 40)
		if err != nil {
			t.Fatal(err)
		}
		var got []key
		for _, h := range hits {
			got = append(got, key{h.Date, h.Sentence.ArticleID, h.Sentence.Index})
		}
		if !slices.EqualFunc(got, want, func(a, b key) bool { return a.published.Equal(b.published) && a.article == b.article && a.idx == b.idx }) {
			t.Errorf("SearchSentences(report, %s→%s, 40) = %d %v...; want %d %v...", f.Source, f.Target, len(got), first(got), len(want), first(want))
		}
		if len(want) == 0 {
			t.Errorf("no sentence of an event %s→%s", f.Source, f.Target)
		}
	}
	for _, limit := range []int{1, 1000} {
		if n, err := s.CountSentences(ctx, "report", detente.EventFilter{}, limit); err != nil || n != limit {
			t.Errorf("CountSentences(report, %d) = %d, %v; want %d", limit, n, err, limit)
		}
	}
}

// PagesOf returns up to pages pages of the events f selects, following
// their cursor: other packages' tests read their stores' pages with it.
func PagesOf(t *testing.T, s Store, f detente.EventFilter, pages int) []detente.Event {
	t.Helper()
	var out []detente.Event
	for range pages {
		page, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, page.Events...)
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	return out
}

// ArticlePagesOf returns the IDs of up to pages pages of the articles f
// selects.
func ArticlePagesOf(t *testing.T, s Store, f detente.ArticleFilter, pages int) []string {
	t.Helper()
	var out []string
	for range pages {
		page, err := s.Articles(context.Background(), f)
		if err != nil {
			t.Fatalf("Articles(%+v): %v", f, err)
		}
		for _, a := range page.Articles {
			out = append(out, a.ID)
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	return out
}

// first returns up to the first three of s, to show in a failure.
func first[T any](s []T) []T { return s[:min(3, len(s))] }

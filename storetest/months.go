package storetest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// monthsDocs returns articles over about 25 months, one every five days
// and some, in the second before and the second a month starts, several
// in the same second, of three sentences each: "everywhere" in every
// article, "monthly" in the first and last sentence of one in nine,
// "ancient" in the first ten articles only, "boundary" in those around
// the start of a month. One article in three holds an event between
// Iran and the United States in its first sentence.
func monthsDocs() []detente.Document {
	type article struct {
		published time.Time
		boundary  bool
	}
	var arts []article
	start := time.Date(2023, 1, 15, 11, 0, 0, 0, time.UTC)
	for i := range 150 {
		arts = append(arts, article{published: start.Add(time.Duration(i) * (5*24*time.Hour + 37*time.Minute))})
	}
	for _, m := range []string{"2023-04-01", "2024-02-01", "2024-03-01", "2024-12-01", "2025-01-01"} {
		first := day(m)
		arts = append(arts, article{first.Add(-time.Second), true}, article{first, true}, article{first, true})
	}
	docs := make([]detente.Document, len(arts))
	for i, a := range arts {
		words := [3][]string{{"everywhere"}, nil, nil}
		if i%9 == 0 {
			words[0], words[2] = append(words[0], "monthly"), append(words[2], "monthly")
		}
		if i < 10 {
			words[1] = append(words[1], "ancient")
		}
		if a.boundary {
			words[2] = append(words[2], "boundary")
		}
		sentences := make([]string, 3)
		for j, w := range words {
			sentences[j] = fmt.Sprintf("Report %d part %d: the %s story.", i, j, strings.Join(append(w, "plain"), " and "))
		}
		var evs []ev
		if i%3 == 0 {
			evs = append(evs, ev{0, "IRNGOV", "USA", "043", false, false})
		}
		d := doc(fmt.Sprintf("https://months.example/%d", i), fmt.Sprintf("months-story-%d", i),
			a.published.Format(time.DateOnly), sentences, evs...)
		d.Article.Published = a.published
		d.Article.Fetched = a.published.Add(time.Hour)
		docs[i] = d
	}
	return docs
}

// A search of sentences finds every match, newest article first (then by
// article ID and index), however its matches lie over the months: all of
// them recent or old, a few or many, on either side of the start of a
// month, within dates or not, narrowed by a pair or not; and so again
// once a store that keeps planner statistics has them (Optimize), by
// which a database may plan otherwise.
func testSentencesByMonth(t *testing.T, s Store) {
	ctx := context.Background()
	docs := monthsDocs()
	writeBatches(t, s, docs, 50)
	checkSentencesByMonth(t, s, docs)
	if o, ok := s.(interface{ Optimize(context.Context) error }); ok {
		if err := o.Optimize(ctx); err != nil {
			t.Fatalf("Optimize: %v", err)
		}
		checkSentencesByMonth(t, s, docs)
	}
}

// checkSentencesByMonth checks the searches of testSentencesByMonth over
// its docs.
func checkSentencesByMonth(t *testing.T, s Store, docs []detente.Document) {
	t.Helper()
	ctx := context.Background()
	type key struct {
		published time.Time
		article   string
		idx       int
	}
	filters := []detente.EventFilter{
		{},
		{From: day("2024-03-01"), To: day("2024-03-31")},
		{To: day("2023-06-30")},
		{From: day("2024-01-31"), To: day("2024-02-01")},
		{From: day("2024-11-30")},
		{Pair: [2]string{"IRN", "USA"}},
	}
	for _, query := range []string{"everywhere", "monthly", "ancient", "boundary", "monthly everywhere", "plain"} {
		words := strings.Fields(query)
		for _, f := range filters {
			var want []key
			for _, d := range docs {
				p := d.Article.Published
				if !f.From.IsZero() && p.Before(f.From) || !f.To.IsZero() && !p.Before(f.To.AddDate(0, 0, 1)) {
					continue
				}
				for _, sn := range d.Sentences {
					if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(sn.Text, " "+w+" ") }) &&
						(f.Pair[0] == "" || slices.ContainsFunc(d.Events, func(e detente.Event) bool { return e.SentenceIndex == sn.Index })) {
						want = append(want, key{p, d.Article.ID, sn.Index})
					}
				}
			}
			slices.SortFunc(want, func(a, b key) int {
				return cmp.Or(b.published.Compare(a.published), strings.Compare(b.article, a.article), cmp.Compare(a.idx, b.idx))
			})
			if len(want) == 0 && f.Pair[0] == "" && f.From.IsZero() && f.To.IsZero() {
				t.Fatalf("%q: no sentence in the corpus", query)
			}
			for _, limit := range []int{1, 2, 7, 40, 1000} {
				hits, err := s.SearchSentences(ctx, query, f, limit)
				if err != nil {
					t.Fatal(err)
				}
				got := make([]key, len(hits))
				for i, h := range hits {
					got[i] = key{h.Date, h.Sentence.ArticleID, h.Sentence.Index}
				}
				w := want[:min(len(want), limit)]
				if !slices.EqualFunc(got, w, func(a, b key) bool { return a.published.Equal(b.published) && a.article == b.article && a.idx == b.idx }) {
					t.Errorf("SearchSentences(%q, %+v, %d) = %d %v...; want %d %v...", query, f, limit, len(got), first(got), len(w), first(w))
				}
			}
		}
	}
}

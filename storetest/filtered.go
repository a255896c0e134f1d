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

// FilteredDocs returns n articles over ten days, several published in the
// same second, of five sentences each: every sentence holds "common", one
// in three "alpha", one in eleven "beta", one in 97 "gamma". Their events are mostly between
// the United States and Iran or China and Russia, some sentences holding
// two of a pair; one article in 120 holds one between Oman and Yemen.
// Searches narrowed by a pair (few or many events, a word rare or common)
// select from it; other packages' tests may store it too.
func FilteredDocs(n int) []detente.Document {
	start := time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)
	docs := make([]detente.Document, n)
	for i := range docs {
		sentences := make([]string, 5)
		for j := range sentences {
			words := []string{"common"}
			if (i*5+j)%3 == 0 {
				words = append(words, "alpha")
			}
			if (i*5+j)%11 == 0 {
				words = append(words, "beta")
			}
			if (i*5+j)%97 == 0 {
				words = append(words, "gamma")
			}
			sentences[j] = fmt.Sprintf("Dispatch %d line %d: the %s news.", i, j, strings.Join(words, " and "))
		}
		pairs := [][2]string{{"USAGOV", "IRN"}, {"IRNGOV", "USA"}, {"CHN", "RUSGOV"}, {"USA", "IRNMIL"}}
		evs := []ev{
			{0, pairs[i%4][0], pairs[i%4][1], "046", false, false},
			{0, pairs[i%4][0], pairs[i%4][1], "036", false, false},
			{2, pairs[(i+1)%4][0], pairs[(i+1)%4][1], "043", false, false},
			{4, pairs[(i+2)%4][0], pairs[(i+2)%4][1], "057", i%7 == 0, false},
		}
		if i%120 == 0 {
			evs = append(evs, ev{(i / 120) % 5, "OMNGOV", "YEM", "040", false, false})
		}
		// Four articles every 90 minutes, within three seconds, the
		// first and the last in the same one: pages end within a second
		// and within a day.
		published := start.Add(time.Duration(i/4)*90*time.Minute + time.Duration(i%3)*time.Second)
		d := doc(fmt.Sprintf("https://filtered.example/%d", i), fmt.Sprintf("filtered-story-%d", i),
			published.Format(time.DateOnly), sentences, evs...)
		d.Article.Published = published
		d.Article.Fetched = published.Add(time.Hour)
		docs[i] = d
	}
	return docs
}

// A search narrowed by a pair, whether the pair's events are few or many
// and the word rare or common, finds the events and the sentences that
// hold both, in order, page by page.
func testFilteredSearch(t *testing.T, s Store) {
	ctx := context.Background()
	docs := FilteredDocs(600)
	writeBatches(t, s, docs, 200)
	type key struct {
		published time.Time
		article   string
		idx       int
	}
	for _, pair := range [][2]string{{"IRN", "USA"}, {"YEM", "OMN"}, {"RUS", "CHN"}} {
		for _, word := range []string{"common", "alpha", "beta", "gamma"} {
			for _, f := range []detente.EventFilter{
				{Limit: 50, Pair: pair},
				{Limit: 7, Pair: pair, From: day("2025-05-03"), To: day("2025-05-06")},
				{Limit: 3, Pair: pair, Uncounted: true},
			} {
				var want []detente.Event
				var hits []key
				for _, d := range docs {
					if !f.From.IsZero() && (d.Article.Published.Before(f.From) || !d.Article.Published.Before(f.To.AddDate(0, 0, 1))) {
						continue
					}
					held := map[int]bool{}
					for _, e := range d.Events {
						of := e.Source.Country == pair[0] && e.Target.Country == pair[1] || e.Source.Country == pair[1] && e.Target.Country == pair[0]
						if of && (f.Uncounted || !e.Negated) && strings.Contains(d.Sentences[e.SentenceIndex].Text, " "+word+" ") {
							want = append(want, e)
							held[e.SentenceIndex] = true
						}
					}
					for idx := range held {
						hits = append(hits, key{d.Article.Published, d.Article.ID, idx})
					}
				}
				slices.SortFunc(want, func(a, b detente.Event) int { return cmp.Or(b.Date.Compare(a.Date), strings.Compare(b.ID, a.ID)) })
				slices.SortFunc(hits, func(a, b key) int {
					return cmp.Or(b.published.Compare(a.published), strings.Compare(b.article, a.article), cmp.Compare(a.idx, b.idx))
				})
				if len(want) == 0 && word == "common" {
					t.Fatalf("%s %+v: no event in the corpus", word, f)
				}
				f.Query = word
				if got := PagesOf(t, s, f, 1000); !slices.Equal(ids(got), ids(want)) {
					t.Errorf("search %+v: %d events %v...; want %d %v...", f, len(got), first(ids(got)), len(want), first(ids(want)))
				}
				limit := 10 * f.Limit
				sh, err := s.SearchSentences(ctx, word, f, limit)
				if err != nil {
					t.Fatal(err)
				}
				var got []key
				for _, h := range sh {
					got = append(got, key{h.Date, h.Sentence.ArticleID, h.Sentence.Index})
					if !strings.Contains(strings.ToLower(h.Snippet), "[["+word+"]]") {
						t.Errorf("search %+v: snippet %q does not mark %s", f, h.Snippet, word)
					}
				}
				hits = hits[:min(len(hits), limit)]
				if !slices.EqualFunc(got, hits, func(a, b key) bool { return a.published.Equal(b.published) && a.article == b.article && a.idx == b.idx }) {
					t.Errorf("SearchSentences(%s, %+v, %d) = %d %v...; want %d %v...", word, f, limit, len(got), first(got), len(hits), first(hits))
				}
			}
		}
	}
}

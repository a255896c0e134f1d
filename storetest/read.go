package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

// allEvents walks every page of f and returns the events in order.
func allEvents(t *testing.T, s Store, f detente.EventFilter) []detente.Event {
	t.Helper()
	var out []detente.Event
	for range 10000 {
		page, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, page.Events...)
		if page.Next == "" {
			return out
		}
		f.Cursor = page.Next
	}
	t.Fatalf("Events(%+v): pages never end", f)
	return nil
}

// newestFirst reports whether evs are by day descending, then ID
// descending.
func newestFirst(evs []detente.Event) bool {
	return sort.SliceIsSorted(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		return a.Date.After(b.Date) || a.Date.Equal(b.Date) && a.ID > b.ID
	})
}

// eventNames maps each corpus event ID to a readable name: d<doc>e<event>.
func eventNames(docs []detente.Document) map[string]string {
	names := map[string]string{}
	for i, d := range docs {
		for j, e := range d.Events {
			names[e.ID] = fmt.Sprintf("d%de%d", i, j)
		}
	}
	return names
}

func sortedNames(evs []detente.Event, names map[string]string) []string {
	out := []string{}
	for _, e := range evs {
		out = append(out, names[e.ID])
	}
	sort.Strings(out)
	return out
}

func testFilters(t *testing.T, s Store) {
	docs := Corpus()
	write(t, s, docs...)
	names := eventNames(docs)
	tests := []struct {
		name string
		f    detente.EventFilter
		want string
	}{
		{"counted only", detente.EventFilter{}, "d0e0 d0e1 d1e0 d1e1 d3e0 d3e1 d4e0 d4e1"},
		{"uncounted too", detente.EventFilter{Uncounted: true}, "d0e0 d0e1 d1e0 d1e1 d2e0 d2e1 d3e0 d3e1 d4e0 d4e1"},
		{"source", detente.EventFilter{Source: "IRN"}, "d0e1 d1e1 d4e0"},
		{"target", detente.EventFilter{Target: "IRN"}, "d0e0 d3e1 d4e0 d4e1"},
		{"source and target", detente.EventFilter{Source: "IRN", Target: "USA"}, "d0e1"},
		{"pair either way", detente.EventFilter{Pair: [2]string{"IRN", "USA"}}, "d0e0 d0e1"},
		{"pair reversed", detente.EventFilter{Pair: [2]string{"ISR", "IRN"}}, "d1e1 d4e1"},
		{"IGO actor", detente.EventFilter{Source: "IGOUNO"}, "d3e0 d3e1"},
		{"agent on either side", detente.EventFilter{Agent: "MIL"}, "d1e0 d4e1"},
		{"agent GOV", detente.EventFilter{Agent: "GOV"}, "d0e0 d0e1"},
		{"code", detente.EventFilter{Code: "010"}, "d3e0 d3e1"},
		{"root", detente.EventFilter{Root: "19"}, "d1e0"},
		{"quad", detente.EventFilter{Quad: detente.MaterialConflict}, "d1e0 d4e0 d4e1"},
		{"from", detente.EventFilter{From: day("2025-03-04")}, "d3e0 d3e1 d4e0 d4e1"},
		{"to", detente.EventFilter{To: day("2025-03-01")}, "d0e0 d0e1"},
		{"from to", detente.EventFilter{From: day("2025-03-02"), To: day("2025-03-03")}, "d1e0 d1e1"},
		{"from to uncounted", detente.EventFilter{From: day("2025-03-02"), To: day("2025-03-03"), Uncounted: true}, "d1e0 d1e1 d2e0 d2e1"},
		{"article", detente.EventFilter{ArticleID: docs[1].Article.ID}, "d1e0 d1e1"},
		{"story", detente.EventFilter{StoryID: "s4"}, "d3e0 d3e1"},
		{"query", detente.EventFilter{Query: "Damascus"}, "d1e0"},
		{"query word", detente.EventFilter{Query: "iran"}, "d0e0 d1e1 d3e0 d3e1"},
		{"query all words", detente.EventFilter{Query: "Iran Israel"}, "d1e1 d3e0 d3e1"},
		{"query and source", detente.EventFilter{Query: "Iran", Source: "IGOUNO", Target: "IRN"}, "d3e1"},
		{"source and quad", detente.EventFilter{Source: "IRN", Quad: detente.VerbalConflict}, "d1e1"},
		{"negated source", detente.EventFilter{Source: "CHN", Uncounted: true}, "d2e0 d2e1"},
		{"nothing", detente.EventFilter{Source: "FRA"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := allEvents(t, s, tt.f)
			if got := fmt.Sprint(sortedNames(evs, names)); got != fmt.Sprint(splitWords(tt.want)) {
				t.Errorf("Events = %s, want %s", got, fmt.Sprint(splitWords(tt.want)))
			}
			if !newestFirst(evs) {
				t.Errorf("Events not newest first: %v", ids(evs))
			}
			var each []detente.Event
			if err := s.EachEvent(context.Background(), tt.f, func(e detente.Event) error {
				each = append(each, e)
				return nil
			}); err != nil {
				t.Fatalf("EachEvent: %v", err)
			}
			if got := fmt.Sprint(sortedNames(each, names)); got != fmt.Sprint(splitWords(tt.want)) {
				t.Errorf("EachEvent = %s, want %s", got, fmt.Sprint(splitWords(tt.want)))
			}
		})
	}
}

func splitWords(s string) []string {
	out := strings.Fields(s)
	if out == nil {
		return []string{}
	}
	return out
}

// manyDocs returns n one-sentence documents over 12 days, each with two
// events.
func manyDocs(prefix string, n int) []detente.Document {
	docs := make([]detente.Document, n)
	for i := range docs {
		date := fmt.Sprintf("2025-05-%02d", 1+i%12)
		docs[i] = doc(fmt.Sprintf("https://%s.example/%d", prefix, i), "", date,
			[]string{fmt.Sprintf("Report %d: Iran and Iraq signed an agreement.", i)},
			ev{0, "IRNGOV", "IRQGOV", "057", false, false}, ev{0, "IRQGOV", "IRNGOV", "057", false, false})
	}
	return docs
}

func testEventPages(t *testing.T, s Store) {
	ctx := context.Background()
	docs := manyDocs("pages", 61)
	write(t, s, docs[:30]...)
	write(t, s, docs[30:]...)
	for _, size := range []int{1, 7, 50, 122, 1000} {
		evs := allEvents(t, s, detente.EventFilter{Limit: size})
		seen := map[string]int{}
		for _, e := range evs {
			seen[e.ID]++
		}
		if len(evs) != 122 || len(seen) != 122 {
			t.Errorf("limit %d: walked %d events, %d distinct; want 122 each", size, len(evs), len(seen))
		}
		if !newestFirst(evs) {
			t.Errorf("limit %d: pages not newest first", size)
		}
	}
	page, err := s.Events(ctx, detente.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 50 || page.Next == "" {
		t.Errorf("default page: %d events, next %q; want 50 and a cursor", len(page.Events), page.Next)
	}
	page, err = s.Events(ctx, detente.EventFilter{Limit: 122})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 122 || page.Next != "" {
		t.Errorf("exact page: %d events, next %q; want 122 and no cursor", len(page.Events), page.Next)
	}
}

func testArticlePages(t *testing.T, s Store) {
	ctx := context.Background()
	docs := manyDocs("articles", 25)
	write(t, s, docs...)
	var got []detente.Article
	f := detente.ArticleFilter{Limit: 4}
	for range 100 {
		page, err := s.Articles(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.Articles...)
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	seen := map[string]bool{}
	for i, a := range got {
		seen[a.ID] = true
		if i > 0 && a.Published.After(got[i-1].Published) {
			t.Errorf("article %d published %v after the one before it", i, a.Published)
		}
	}
	if len(got) != 25 || len(seen) != 25 {
		t.Errorf("walked %d articles, %d distinct; want 25 each", len(got), len(seen))
	}
	// A list leaves out what only the article itself shows.
	if a := got[0]; a.Body != "" || a.Fingerprint != nil {
		t.Errorf("listed article %s has body %q and fingerprint %v, want neither", a.ID, a.Body, a.Fingerprint)
	}
	if a, _, _, err := s.Article(ctx, got[0].ID); err != nil || a.Body == "" {
		t.Errorf("Article(%s) = body %q, %v; want its body", got[0].ID, a.Body, err)
	}
	tests := []struct {
		name string
		f    detente.ArticleFilter
		want int
	}{
		{"all", detente.ArticleFilter{}, 25},
		{"from", detente.ArticleFilter{From: day("2025-05-12")}, 2},
		{"to", detente.ArticleFilter{To: day("2025-05-01")}, 3},
		{"story", detente.ArticleFilter{StoryID: docs[3].Article.ID}, 1},
		{"query body", detente.ArticleFilter{Query: "agreement"}, 25},
		{"query words", detente.ArticleFilter{Query: "report 7"}, 1},
		{"query none", detente.ArticleFilter{Query: "Damascus"}, 0},
	}
	for _, tt := range tests {
		page, err := s.Articles(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(page.Articles) != tt.want {
			t.Errorf("%s: %d articles, want %d", tt.name, len(page.Articles), tt.want)
		}
	}
}

func testEachEvent(t *testing.T, s Store) {
	write(t, s, manyDocs("each", 40)...)
	var got []detente.Event
	err := s.EachEvent(context.Background(), detente.EventFilter{Limit: 3, Cursor: "ignored"}, func(e detente.Event) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 80 {
		t.Errorf("EachEvent gave %d events, want 80 (limit and cursor ignored)", len(got))
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if b.Date.Before(a.Date) || b.Date.Equal(a.Date) && b.ID < a.ID {
			t.Fatalf("EachEvent not oldest first at %d: %v %s then %v %s", i, a.Date, a.ID, b.Date, b.ID)
		}
	}
	stop := errors.New("stop here")
	n := 0
	err = s.EachEvent(context.Background(), detente.EventFilter{}, func(detente.Event) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 5 {
		t.Errorf("EachEvent after fn's error: err %v after %d calls, want %v after 5", err, n, stop)
	}
}

func testNotFound(t *testing.T, s Store) {
	ctx := context.Background()
	write(t, s, Corpus()[0])
	if _, _, _, err := s.Article(ctx, "missing"); detente.ErrorCode(err) != detente.ENOTFOUND {
		t.Errorf("Article(missing) error = %v, want code %s", err, detente.ENOTFOUND)
	}
	if _, _, err := s.ArticleOrigin(ctx, "missing"); detente.ErrorCode(err) != detente.ENOTFOUND {
		t.Errorf("ArticleOrigin(missing) error = %v, want code %s", err, detente.ENOTFOUND)
	}
	if _, err := s.Event(ctx, "missing"); detente.ErrorCode(err) != detente.ENOTFOUND {
		t.Errorf("Event(missing) error = %v, want code %s", err, detente.ENOTFOUND)
	}
}

func testInvalid(t *testing.T, s Store) {
	ctx := context.Background()
	write(t, s, Corpus()...)
	events := []struct {
		name string
		f    detente.EventFilter
	}{
		{"lower-case source", detente.EventFilter{Source: "usa"}},
		{"source with space", detente.EventFilter{Source: "US A"}},
		{"half a pair", detente.EventFilter{Pair: [2]string{"USA", ""}}},
		{"agent punctuation", detente.EventFilter{Agent: "G;OV"}},
		{"code letters", detente.EventFilter{Code: "04a"}},
		{"code too long", detente.EventFilter{Code: "12345"}},
		{"root one digit", detente.EventFilter{Root: "4"}},
		{"quad 5", detente.EventFilter{Quad: 5}},
		{"quad negative", detente.EventFilter{Quad: -1}},
		{"to before from", detente.EventFilter{From: day("2025-03-02"), To: day("2025-03-01")}},
		{"negative limit", detente.EventFilter{Limit: -1}},
		{"garbage cursor", detente.EventFilter{Cursor: "not a cursor!"}},
		{"cursor of nothing", detente.EventFilter{Cursor: "AAAA"}},
		{"query without words", detente.EventFilter{Query: `"() * -`}},
	}
	for _, tt := range events {
		_, err := s.Events(ctx, tt.f)
		if detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("Events %s: error %v, want code %s", tt.name, err, detente.EINVALID)
		}
		err = s.EachEvent(ctx, tt.f, func(detente.Event) error { return nil })
		if tt.f.Cursor == "" && tt.f.Limit == 0 && detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("EachEvent %s: error %v, want code %s", tt.name, err, detente.EINVALID)
		}
	}
	articles := []struct {
		name string
		f    detente.ArticleFilter
	}{
		{"negative limit", detente.ArticleFilter{Limit: -5}},
		{"garbage cursor", detente.ArticleFilter{Cursor: "%%%"}},
		{"to before from", detente.ArticleFilter{From: day("2025-03-02"), To: day("2025-03-01")}},
		{"query without words", detente.ArticleFilter{Query: "***"}},
	}
	for _, tt := range articles {
		if _, err := s.Articles(ctx, tt.f); detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("Articles %s: error %v, want code %s", tt.name, err, detente.EINVALID)
		}
	}
	for _, q := range []string{"", "  ", "(*)", "-Iran"} {
		if _, err := s.SearchSentences(ctx, q, detente.EventFilter{}, 10); detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("SearchSentences(%q): error %v, want code %s", q, err, detente.EINVALID)
		}
	}
	if _, err := s.SearchSentences(ctx, "Iran", detente.EventFilter{Quad: 9}, 10); detente.ErrorCode(err) != detente.EINVALID {
		t.Errorf("SearchSentences with quad 9: error %v, want code %s", err, detente.EINVALID)
	}
}

// testNewestDay checks that NewestDay is the day of the newest counted
// event, the first that Events lists unfiltered: a later copy of a story,
// a negated event or a hypothetical one does not move it.
func testNewestDay(t *testing.T, s Store) {
	ctx := context.Background()
	newest := func(want string) {
		t.Helper()
		got, err := s.NewestDay(ctx)
		if err != nil {
			t.Fatalf("NewestDay: %v", err)
		}
		if want == "" {
			if !got.IsZero() {
				t.Errorf("NewestDay of no counted event = %s, want zero", got)
			}
			return
		}
		if !got.Equal(day(want)) {
			t.Errorf("NewestDay = %s, want %s", got, want)
		}
		page, err := s.Events(ctx, detente.EventFilter{Limit: 1})
		if err != nil || len(page.Events) != 1 || !page.Events[0].Date.Equal(got) {
			t.Errorf("first event listed = %+v, %v; want one of NewestDay %s", page.Events, err, got)
		}
	}
	newest("")
	talks := []string{"U.S. and Iran held talks."}
	write(t, s, doc("https://wire.example/a", "story", "2025-04-01", talks, ev{0, "USAGOV", "IRNGOV", "046", false, false}),
		doc("https://wire.example/n", "", "2025-04-09", []string{"Iran did not attack Iraq."}, ev{0, "IRN", "IRQ", "190", true, false}))
	newest("2025-04-01")
	write(t, s, doc("https://wire.example/c", "story", "2025-04-03", talks, ev{0, "USAGOV", "IRNGOV", "046", false, false}),
		doc("https://wire.example/h", "", "2025-04-08", []string{"Iran may strike Iraq."}, ev{0, "IRN", "IRQ", "190", false, true}))
	newest("2025-04-01")
	write(t, s, doc("https://other.example/d", "", "2025-04-02", []string{"Iran criticised the U.S."}, ev{0, "IRN", "USA", "111", false, false}))
	newest("2025-04-02")
}

package storetest

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

func write(t *testing.T, s Store, docs ...detente.Document) {
	t.Helper()
	if err := s.WriteDocuments(context.Background(), docs); err != nil {
		t.Fatalf("WriteDocuments: %v", err)
	}
}

// writeBatches writes docs in batches of n, as a pipeline's writer does.
func writeBatches(t *testing.T, s Store, docs []detente.Document, n int) {
	t.Helper()
	for i := 0; i < len(docs); i += n {
		write(t, s, docs[i:min(i+n, len(docs))]...)
	}
}

func stats(t *testing.T, s Store) detente.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

// testRoundTrip checks that an article, its sentences and its events come
// back exactly as written.
func testRoundTrip(t *testing.T, s Store) {
	ctx := context.Background()
	d := Corpus()[0]
	d.Events[0].Mediators = []detente.Actor{actor("OMNGOV")}
	// Placed by its dateline, not by its sentence: the store keeps which.
	d.Events[1].Location = detente.Location{Country: "ARE", Place: "DUBAI", Lat: 25.2048, Lon: 55.2708, HasCoord: true,
		Source: detente.PlaceDateline}
	write(t, s, d)
	a, ss, evs, err := s.Article(ctx, d.Article.ID)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	if !a.Published.Equal(d.Article.Published) || !a.Fetched.Equal(d.Article.Fetched) {
		t.Errorf("times = %v, %v; want %v, %v", a.Published, a.Fetched, d.Article.Published, d.Article.Fetched)
	}
	a.Published, a.Fetched = d.Article.Published, d.Article.Fetched
	if !reflect.DeepEqual(a, d.Article) {
		t.Errorf("article:\n got %+v\nwant %+v", a, d.Article)
	}
	if !reflect.DeepEqual(ss, d.Sentences) {
		t.Errorf("sentences:\n got %+v\nwant %+v", ss, d.Sentences)
	}
	if len(evs) != len(d.Events) {
		t.Fatalf("got %d events, want %d", len(evs), len(d.Events))
	}
	for i, want := range d.Events {
		got, err := s.Event(ctx, want.ID)
		if err != nil {
			t.Fatalf("Event(%s): %v", want.ID, err)
		}
		if !got.Date.Equal(want.Date) {
			t.Errorf("event %d date = %v, want %v", i, got.Date, want.Date)
		}
		got.Date = want.Date
		if !reflect.DeepEqual(got, want) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, got, want)
		}
		evs[i].Date = want.Date
		if !reflect.DeepEqual(evs[i], want) {
			t.Errorf("Article event %d:\n got %+v\nwant %+v", i, evs[i], want)
		}
	}
	if ok, err := s.HasArticle(ctx, d.Article.ID); err != nil || !ok {
		t.Errorf("HasArticle(stored) = %v, %v; want true", ok, err)
	}
	url, fetched, err := s.ArticleOrigin(ctx, d.Article.ID)
	if err != nil || url != d.Article.CanonicalURL || !fetched.Equal(d.Article.Fetched) {
		t.Errorf("ArticleOrigin = %q, %v, %v; want %q, %v", url, fetched, err, d.Article.CanonicalURL, d.Article.Fetched)
	}
	if ok, err := s.HasArticle(ctx, "nope"); err != nil || ok {
		t.Errorf("HasArticle(absent) = %v, %v; want false", ok, err)
	}
}

// testIdempotent checks that writing the same documents again, in one
// batch or in another, adds nothing.
func testIdempotent(t *testing.T, s Store) {
	docs := Corpus()
	write(t, s, docs...)
	first := stats(t, s)
	want := detente.Stats{Articles: 5, Sentences: 8, Events: 8, Stories: 5}
	if first != want {
		t.Fatalf("Stats = %+v, want %+v", first, want)
	}
	write(t, s, docs...)
	write(t, s, docs[2], docs[2], docs[0])
	if got := stats(t, s); got != first {
		t.Errorf("after rewriting: Stats = %+v, want %+v", got, first)
	}
	page, err := s.Events(context.Background(), detente.EventFilter{Uncounted: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 10 {
		t.Errorf("after rewriting: %d events stored, want 10", len(page.Events))
	}
	for _, e := range page.Events {
		if e.NumSources != 1 {
			t.Errorf("event %s NumSources = %d after rewriting, want 1", e.ID, e.NumSources)
		}
	}
}

// testStories checks that wire copies in one story add sources to the
// first report of an event instead of counting again.
func testStories(t *testing.T, s Store) {
	ctx := context.Background()
	talks := []string{"U.S. and Iran held talks.", "Iran and the U.S. talked again.", "Iran criticised the U.S."}
	a := doc("https://wire.example/a", "story", "2025-04-01", talks[:1], ev{0, "USAGOV", "IRNGOV", "046", false, false})
	b := doc("https://wire.example/b", "story", "2025-04-01", talks,
		ev{0, "USAGOV", "IRNGOV", "046", false, false}, ev{1, "USAGOV", "IRNGOV", "046", false, false},
		ev{2, "IRN", "USA", "111", false, false})
	c := doc("https://wire.example/c", "story", "2025-04-02", talks[:1], ev{0, "USAGOV", "IRNGOV", "046", false, false})
	other := doc("https://other.example/d", "", "2025-04-02", talks[:1], ev{0, "USAGOV", "IRNGOV", "046", false, false})
	write(t, s, a, b)
	write(t, s, c, other)

	want := detente.Stats{Articles: 4, Sentences: 6, Events: 3, Stories: 2}
	if got := stats(t, s); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
	primary, err := s.Event(ctx, a.Events[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if primary.NumSources != 3 {
		t.Errorf("first report NumSources = %d, want 3 (articles a, b, c)", primary.NumSources)
	}
	if primary.StoryID != "story" {
		t.Errorf("StoryID = %q, want story", primary.StoryID)
	}
	alone, err := s.Event(ctx, other.Events[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if alone.NumSources != 1 || alone.StoryID != other.Article.ID {
		t.Errorf("lone article's event: NumSources %d story %q, want 1 and its article ID %q",
			alone.NumSources, alone.StoryID, other.Article.ID)
	}
	counted, err := s.Events(ctx, detente.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantIDs := map[string]bool{a.Events[0].ID: true, b.Events[2].ID: true, other.Events[0].ID: true}
	if len(counted.Events) != len(wantIDs) {
		t.Errorf("counted events = %v, want %d", ids(counted.Events), len(wantIDs))
	}
	for _, e := range counted.Events {
		if !wantIDs[e.ID] {
			t.Errorf("event %s (%s→%s %s of %s) counted, want it a copy", e.ID, e.Source.Code, e.Target.Code, e.Code, e.ArticleID)
		}
	}
	all, err := s.Events(ctx, detente.EventFilter{Uncounted: true, StoryID: "story"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Events) != 5 {
		t.Errorf("story events with copies = %d, want 5", len(all.Events))
	}
}

// testBadBatch checks that a batch with a bad document fails as a whole,
// with an error naming the document, and leaves what was stored before.
func testBadBatch(t *testing.T, s Store) {
	ctx := context.Background()
	docs := Corpus()
	write(t, s, docs[0])
	bad := docs[2]
	bad.Article.ID = ""
	err := s.WriteDocuments(ctx, []detente.Document{docs[1], bad})
	if detente.ErrorCode(err) != detente.EINVALID || !strings.Contains(err.Error(), bad.Article.URL) {
		t.Errorf("WriteDocuments with an article without ID: %v; want %s naming %s", err, detente.EINVALID, bad.Article.URL)
	}
	for i, want := range []bool{true, false} {
		if ok, err := s.HasArticle(ctx, docs[i].Article.ID); err != nil || ok != want {
			t.Errorf("after the failed batch, HasArticle(doc %d) = %v, %v; want %v", i, ok, err, want)
		}
	}
	if st := stats(t, s); st.Articles != 1 || st.Events != 2 {
		t.Errorf("after the failed batch: %+v, want the first document only", st)
	}
}

// testStoryOrder writes the three copies of a story in every order, each
// under the ID and former IDs a story index gives (the earliest copy
// written so far names the story): the stored story is the same whatever
// the order, named after its earliest copy, and each event's primary is
// the earliest copy's report.
func testStoryOrder(t *testing.T, s Store) {
	k1 := func(sentence int, negated bool) ev { return ev{sentence, "USAGOV", "IRNGOV", "046", negated, false} }
	k2 := func(sentence int, hyp bool) ev { return ev{sentence, "IRN", "USA", "111", false, hyp} }
	k3 := ev{2, "USA", "IRN", "036", false, false}
	talks := []string{"U.S. and Iran held talks.", "Iran criticised the U.S.", "The U.S. offered to meet."}
	copies := func(order int) []detente.Document {
		site := fmt.Sprintf("https://wire%d.example/", order)
		return []detente.Document{
			doc(site+"a", "", "2025-04-01", talks[:1], k1(0, true)), // negated: the primary, not counted
			doc(site+"b", "", "2025-04-02", talks[:2], k1(0, false), k2(1, false)),
			doc(site+"c", "", "2025-04-03", talks, k2(1, true), k1(0, false), k3),
		}
	}
	// stored describes a story by role (a, b, c): each event's role,
	// source, target, code, number of sources and whether it counts.
	stored := func(order int, docs []detente.Document) string {
		role := map[string]string{}
		for i, d := range docs {
			role[d.Article.ID] = string(rune('a' + i))
		}
		all := allEvents(t, s, detente.EventFilter{Uncounted: true, StoryID: docs[0].Article.ID})
		counted := map[string]bool{}
		for _, e := range allEvents(t, s, detente.EventFilter{StoryID: docs[0].Article.ID}) {
			counted[e.ID] = true
		}
		var out []string
		for _, e := range all {
			out = append(out, fmt.Sprintf("%s:%s>%s:%s sources=%d counted=%v story=%s", role[e.ArticleID],
				e.Source.Code, e.Target.Code, e.Code, e.NumSources, counted[e.ID], role[e.StoryID]))
		}
		sort.Strings(out)
		return strings.Join(out, "\n")
	}
	orders := [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {2, 0, 1}, {1, 0, 2}, {0, 2, 1}}
	var want string
	for o, order := range orders {
		docs := copies(o)
		before := stats(t, s)
		var names []string // the story's IDs so far, the latest last
		first := -1
		for _, i := range order {
			d := docs[i]
			if first < 0 || i < first { // copies are dated a < b < c
				first = i
				names = append(names, docs[i].Article.ID)
			}
			d.Article.StoryID = names[len(names)-1]
			d.Article.StoryAliases = names[:len(names)-1]
			write(t, s, d)
		}
		got := stored(o, docs)
		if o == 0 {
			want = got
			wantFirst := strings.Join([]string{
				"a:USAGOV>IRNGOV:046 sources=3 counted=false story=a",
				"b:IRN>USA:111 sources=2 counted=true story=a",
				"b:USAGOV>IRNGOV:046 sources=1 counted=false story=a",
				"c:IRN>USA:111 sources=1 counted=false story=a",
				"c:USA>IRN:036 sources=1 counted=true story=a",
				"c:USAGOV>IRNGOV:046 sources=1 counted=false story=a",
			}, "\n")
			if got != wantFirst {
				t.Fatalf("copies written in published order:\n%s\nwant:\n%s", got, wantFirst)
			}
		} else if got != want {
			t.Errorf("copies written in order %v:\n%s\nin published order:\n%s", order, got, want)
		}
		after := stats(t, s)
		if d := (detente.Stats{Articles: after.Articles - before.Articles, Events: after.Events - before.Events,
			Stories: after.Stories - before.Stories}); d != (detente.Stats{Articles: 3, Events: 2, Stories: 1}) {
			t.Errorf("copies written in order %v added %+v, want 3 articles, 2 counted events, 1 story", order, d)
		}
	}
}

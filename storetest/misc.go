package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

func testState(t *testing.T, s Store) {
	ctx := context.Background()
	if v, ok, err := s.GetState(ctx, "feed:https://a.example/rss"); err != nil || ok || v != nil {
		t.Errorf("GetState(absent) = %q, %v, %v; want nothing", v, ok, err)
	}
	for _, v := range [][]byte{[]byte(`{"etag":"x1"}`), []byte(`{"etag":"x2"}`), {}, {0, 255, 1}} {
		if err := s.PutState(ctx, "feed:https://a.example/rss", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.GetState(ctx, "feed:https://a.example/rss")
		if err != nil || !ok || string(got) != string(v) {
			t.Errorf("GetState after PutState(%q) = %q, %v, %v", v, got, ok, err)
		}
	}
	for _, k := range []string{"mark/a", "mark/b", "mark", "marks/c", "other/mark/d"} {
		if err := s.PutState(ctx, k, []byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.StatesWithPrefix(ctx, "mark/")
	if err != nil || len(got) != 2 || string(got["mark/a"]) != "mark/a" || string(got["mark/b"]) != "mark/b" {
		t.Errorf(`StatesWithPrefix("mark/") = %q, %v; want mark/a and mark/b`, got, err)
	}
	for _, k := range []string{"mark/a", "mark/a", "never-stored"} {
		if err := s.DeleteState(ctx, k); err != nil {
			t.Errorf("DeleteState(%s): %v", k, err)
		}
	}
	if _, ok, _ := s.GetState(ctx, "mark/a"); ok {
		t.Error("mark/a still stored after DeleteState")
	}
	if left, _ := s.StatesWithPrefix(ctx, "mark/"); len(left) != 1 {
		t.Errorf("after deleting mark/a: %q", left)
	}
}

func testFingerprints(t *testing.T, s Store) {
	docs := Corpus()
	docs[4].Article.Fingerprint = nil
	if _, ok, err := s.NewestFingerprinted(context.Background()); ok || err != nil {
		t.Errorf("NewestFingerprinted of an empty store = %v, %v; want false, nil", ok, err)
	}
	write(t, s, docs...)
	var want time.Time
	for _, d := range docs {
		if len(d.Article.Fingerprint) > 0 && d.Article.Published.After(want) {
			want = d.Article.Published
		}
	}
	if newest, ok, err := s.NewestFingerprinted(context.Background()); !ok || err != nil || !newest.Equal(want) {
		t.Errorf("NewestFingerprinted = %v, %v, %v; want %v (the newest with a fingerprint)", newest, ok, err, want)
	}
	var got []string
	err := s.EachFingerprint(context.Background(), day("2025-03-02"),
		func(id, story string, published time.Time, fp []uint64) error {
			got = append(got, story)
			checkFingerprint(t, docs, id, published, fp)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[s2 s3 s4]" {
		t.Errorf("EachFingerprint stories = %v, want [s2 s3 s4] (oldest first, none without one)", got)
	}
	stop := errors.New("stop")
	err = s.EachFingerprint(context.Background(), time.Time{}, func(string, string, time.Time, []uint64) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("EachFingerprint error = %v, want %v", err, stop)
	}
}

// testFingerprintStories checks that the fingerprints the story index
// reads follow the articles through story renames and re-ingest: copies
// written newest first, each under the ID and former IDs a story index
// gives, end in the earliest copy's story, and writing them all again
// adds nothing.
func testFingerprintStories(t *testing.T, s Store) {
	ctx := context.Background()
	sents := []string{"Oman hosted talks.", "The talks went on.", "They ended late."}
	docs := []detente.Document{
		doc("https://wire.example/a", "", "2025-05-01", sents[:1]),
		doc("https://wire.example/b", "", "2025-05-02", sents[:2]),
		doc("https://wire.example/c", "", "2025-05-03", sents),
	}
	var names []string // the story's IDs so far, the latest last
	for i := len(docs) - 1; i >= 0; i-- {
		names = append(names, docs[i].Article.ID)
		docs[i].Article.StoryID = names[len(names)-1]
		docs[i].Article.StoryAliases = names[:len(names)-1]
		write(t, s, docs[i])
	}
	write(t, s, docs...)
	story := docs[0].Article.ID
	var got []string
	err := s.EachFingerprint(ctx, time.Time{}, func(id, st string, published time.Time, fp []uint64) error {
		got = append(got, id+" "+st)
		checkFingerprint(t, docs, id, published, fp)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{docs[0].Article.ID + " " + story, docs[1].Article.ID + " " + story, docs[2].Article.ID + " " + story}
	if !slices.Equal(got, want) {
		t.Errorf("EachFingerprint after renames and re-ingest = %q, want %q (each copy once, in the earliest's story)", got, want)
	}
	if newest, ok, err := s.NewestFingerprinted(ctx); !ok || err != nil || !newest.Equal(docs[2].Article.Published) {
		t.Errorf("NewestFingerprinted = %v, %v, %v; want %v", newest, ok, err, docs[2].Article.Published)
	}
}

// testReadersDuringWrites reads while batches are written and checks that
// readers never fail and only ever see whole batches.
func testReadersDuringWrites(t *testing.T, s Store) {
	ctx := context.Background()
	const batches, perBatch = 20, 5
	docs := manyDocs("concurrent", batches*perBatch)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for r := range 4 {
		wg.Go(func() {
			last := 0
			deadline := time.Now().Add(time.Minute)
			for i := 0; i < 100000 && time.Now().Before(deadline); i++ {
				select {
				case <-done:
					return
				default:
				}
				st, err := s.Stats(ctx)
				if err != nil {
					t.Errorf("reader %d: Stats: %v", r, err)
					return
				}
				if st.Articles%perBatch != 0 || st.Articles < last || st.Events != 2*st.Articles {
					t.Errorf("reader %d saw part of a batch: %+v after %d articles", r, st, last)
					return
				}
				last = st.Articles
				if _, err := s.Events(ctx, detente.EventFilter{Query: "agreement", Limit: 10}); err != nil {
					t.Errorf("reader %d: Events: %v", r, err)
					return
				}
			}
		})
	}
	for b := range batches {
		write(t, s, docs[b*perBatch:(b+1)*perBatch]...)
	}
	close(done)
	wg.Wait()
	if st := stats(t, s); st.Articles != batches*perBatch {
		t.Errorf("Stats after writes = %+v, want %d articles", st, batches*perBatch)
	}
}

// testDirtyText checks that NUL bytes and invalid UTF-8 in a document are
// stored as '?', byte for byte, so offsets still hold and no store fails.
func testDirtyText(t *testing.T, s Store) {
	ctx := context.Background()
	d := doc("https://dirty.example/1", "", "2025-06-01", []string{"Iran\x00 and Iraq \xff\xfe talked."},
		ev{0, "IRN", "IRQ", "040", false, false})
	d.Article.Title = "Bad \xc3 title"
	d.Events[0].Source.Text = "Iran\x00"
	write(t, s, d)
	a, ss, evs, err := s.Article(ctx, d.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "Iran? and Iraq ?? talked."
	if a.Body != want || ss[0].Text != want || a.Title != "Bad ? title" {
		t.Errorf("stored body %q, sentence %q, title %q; want %q and \"Bad ? title\"", a.Body, ss[0].Text, a.Title, want)
	}
	if len(evs) != 1 || evs[0].Source.Text != "Iran?" {
		t.Errorf("stored events %+v", evs)
	}
	if d.Article.Body != "Iran\x00 and Iraq \xff\xfe talked." {
		t.Errorf("WriteDocuments changed the caller's document: %q", d.Article.Body)
	}
	hits, err := s.SearchSentences(ctx, "Iraq\x00", detente.EventFilter{}, 5)
	if err != nil || len(hits) != 1 {
		t.Errorf("search with NUL: %d hits, %v", len(hits), err)
	}
	for _, id := range []string{"\x00", "\xff"} {
		if _, _, _, err := s.Article(ctx, id); detente.ErrorCode(err) != detente.ENOTFOUND {
			t.Errorf("Article(%q): %v, want %s", id, err, detente.ENOTFOUND)
		}
		if _, err := s.Event(ctx, id); detente.ErrorCode(err) != detente.ENOTFOUND {
			t.Errorf("Event(%q): %v, want %s", id, err, detente.ENOTFOUND)
		}
		if _, err := s.Events(ctx, detente.EventFilter{ArticleID: id}); detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("Events(article %q): %v, want %s", id, err, detente.EINVALID)
		}
		if err := s.PutState(ctx, id, nil); detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("PutState(%q): %v, want %s", id, err, detente.EINVALID)
		}
		if _, ok, err := s.GetState(ctx, id); ok || err != nil {
			t.Errorf("GetState(%q): %v, %v; want nothing", id, ok, err)
		}
	}
}

// Fuzz checks that whatever a user puts in a search or a cursor, s answers
// or says EINVALID: never an internal error. s should hold Corpus.
func Fuzz(f *testing.F, s Store) {
	for _, seed := range []struct{ query, cursor string }{
		{"Iran", ""}, {`"unbalanced`, ""}, {"NEAR(a b", "MjAyNS0wMy0wMR9hYmM"}, {"a* OR b AND NOT c", "x"},
		{"col:term ^start", "%%%"}, {"\x00\xff", "AAAA"}, {"'; DROP TABLE events; --", "MjAyNS0wMy0wMR8"},
		{"Ïran — Tehran’s", "_-_-"}, {"0\x00", "0"}, {"a & b | !c <-> d:*", "MjAyNS0wMy0wMR8A"},
	} {
		f.Add(seed.query, seed.cursor)
	}
	f.Fuzz(func(t *testing.T, query, cursor string) {
		// A read that takes seconds on a five-article store is a bug too.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		check := func(what string, err error) {
			if err != nil && detente.ErrorCode(err) != detente.EINVALID {
				t.Errorf("%s(query %q, cursor %q): %v", what, query, cursor, err)
			}
		}
		_, err := s.Events(ctx, detente.EventFilter{Query: query, Cursor: cursor})
		check("Events", err)
		_, err = s.Articles(ctx, detente.ArticleFilter{Query: query, Cursor: cursor})
		check("Articles", err)
		_, err = s.SearchSentences(ctx, query, detente.EventFilter{StoryID: cursor}, 5)
		check("SearchSentences", err)
	})
}

// testConcurrentWriters writes the same wire copies from several writers
// at once, in different orders and batches, and checks that the result is
// what one writer would store.
func testConcurrentWriters(t *testing.T, s Store) {
	ctx := context.Background()
	const stories, copies, writers = 3, 4, 4
	var docs []detente.Document
	for st := range stories {
		for c := range copies {
			docs = append(docs, doc(fmt.Sprintf("https://wire%d.example/%d", st, c), fmt.Sprintf("wire%d", st), "2025-07-01",
				[]string{fmt.Sprintf("Copy %d of story %d: U.S. and Iran held talks.", c, st)},
				ev{0, "USAGOV", "IRNGOV", "046", false, false}))
		}
	}
	// The same articles again under other stories, as two workers whose
	// dedup indexes disagree would write them.
	var regrouped []detente.Document
	for i, d := range manyDocs("regroup", 8) {
		d.Article.StoryID = fmt.Sprintf("group%d", i%2)
		regrouped = append(regrouped, d)
		d.Article.StoryID = fmt.Sprintf("group%d", 1-i%2)
		regrouped = append(regrouped, d)
	}
	for _, set := range [][]detente.Document{docs, regrouped} {
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				order := append(append([]detente.Document(nil), set[w*3%len(set):]...), set[:w*3%len(set)]...)
				if w%2 == 1 {
					slices.Reverse(order)
				}
				for i := 0; i < len(order); i += w + 1 {
					if err := s.WriteDocuments(ctx, order[i:min(i+w+1, len(order))]); err != nil {
						t.Errorf("writer %d: %v", w, err)
						return
					}
				}
			})
		}
		wg.Wait()
	}
	groups := 0
	for g := range 2 {
		story := fmt.Sprintf("group%d", g)
		page, err := s.Articles(ctx, detente.ArticleFilter{StoryID: story})
		if err != nil {
			t.Fatal(err)
		}
		n := len(page.Articles)
		if n == 0 {
			continue
		}
		groups++
		counted := allEvents(t, s, detente.EventFilter{StoryID: story})
		if len(counted) != 2 || counted[0].NumSources != n || counted[1].NumSources != n {
			t.Errorf("%s: %d articles, counted events %+v; want 2 events with NumSources %d", story, n, counted, n)
		}
	}
	want := detente.Stats{Articles: stories*copies + 8, Sentences: stories*copies + 8, Events: stories + 2*groups, Stories: stories + groups}
	if got := stats(t, s); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
	for st := range stories {
		evs := allEvents(t, s, detente.EventFilter{StoryID: fmt.Sprintf("wire%d", st), Uncounted: true})
		primaries := 0
		for _, e := range evs {
			if e.NumSources == copies {
				primaries++
			}
		}
		counted := allEvents(t, s, detente.EventFilter{StoryID: fmt.Sprintf("wire%d", st)})
		if len(evs) != copies || primaries != 1 || len(counted) != 1 || counted[0].NumSources != copies {
			t.Errorf("story %d: %d events, %d with NumSources %d, %d counted; want %d, 1, 1",
				st, len(evs), primaries, copies, len(counted), copies)
		}
	}
}

// checkFingerprint checks that the fingerprint and publication time
// EachFingerprint gave for article id are those of its document in docs.
func checkFingerprint(t *testing.T, docs []detente.Document, id string, published time.Time, fp []uint64) {
	t.Helper()
	for _, d := range docs {
		if d.Article.ID == id && (!reflect.DeepEqual(fp, d.Article.Fingerprint) || !published.Equal(d.Article.Published)) {
			t.Errorf("article %s: fingerprint %v at %v, want %v at %v", id, fp, published,
				d.Article.Fingerprint, d.Article.Published)
		}
	}
}

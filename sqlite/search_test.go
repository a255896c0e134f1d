package sqlite

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/storetest"
)

// storeWith opens a store in a temporary file, closed when the test ends,
// holding docs.
func storeWith(t *testing.T, docs []detente.Document) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "detente.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.WriteDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return s
}

// The three ways of finding the articles a search matches, from the
// matches and walking articles newest first checking or looking each up,
// find the same articles in the same order.
func TestArticleSearchPlans(t *testing.T) {
	ctx := context.Background()
	s := storeWith(t, storetest.Corpus())
	ids := func(query string, p sqlstore.Plan) []string {
		cond, args, err := search{}.Articles(query, p)
		if err != nil {
			t.Fatalf("Articles(%q, %d): %v", query, p, err)
		}
		got, err := sqlscan.Query(ctx, s.read, func(sc sqlscan.Scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		}, `SELECT id FROM articles WHERE `+cond+` ORDER BY published DESC, id DESC`, args...)
		if err != nil {
			t.Fatalf("Articles(%q, %d): %v", query, p, err)
		}
		return got
	}
	for _, q := range []string{"Iran", "talks -Iran", "Oman OR Taipei", `"technical talks"`, "Israel", "nowhere"} {
		from := ids(q, sqlstore.FromSearch)
		for _, p := range []sqlstore.Plan{sqlstore.WalkByDay, sqlstore.LookUp} {
			if got := ids(q, p); !slices.Equal(got, from) {
				t.Errorf("search %q: from the matches %v, plan %d %v", q, from, p, got)
			}
		}
		if q != "nowhere" && len(from) == 0 {
			t.Errorf("search %q finds no article; the corpus has some", q)
		}
	}
}

// The three ways of finding the sentences a search matches, and the
// events of those sentences, find the same in the same order.
func TestSentenceSearchPlans(t *testing.T) {
	ctx := context.Background()
	s := storeWith(t, storetest.Corpus())
	for _, query := range []string{"Iran", "talks -Iran", "Oman OR Taipei", `"technical talks"`, "Israel", "nowhere"} {
		q, err := ftsQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		var first []int64
		for i, cond := range []string{sentenceMatch("sentences_fts", sqlstore.FromSearch), sentenceMatch("sentences_fts", sqlstore.WalkByDay),
			sentenceMatch("sentences_fts", sqlstore.LookUp)} {
			got, err := sqlscan.Query(ctx, s.read, func(sc sqlscan.Scanner) (int64, error) {
				var id int64
				return id, sc.Scan(&id)
			}, `SELECT s.id FROM articles a JOIN sentences s ON s.article_id = a.id WHERE `+cond+`
				ORDER BY a.published DESC, a.id DESC, s.idx`, q)
			if err != nil {
				t.Fatalf("search %q with %s: %v", query, cond, err)
			}
			if i == 0 {
				first = got
				if query != "nowhere" && len(got) == 0 {
					t.Errorf("search %q finds no sentence; the corpus has some", query)
				}
			} else if !slices.Equal(got, first) {
				t.Errorf("search %q: by matches finds %v, %s %v", query, first, cond, got)
			}
		}
		var events []string
		for i, p := range []sqlstore.Plan{sqlstore.FromSearch, sqlstore.WalkByDay, sqlstore.LookUp} {
			cond, args, err := search{}.Events(query, p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := sqlscan.Query(ctx, s.read, func(sc sqlscan.Scanner) (string, error) {
				var id string
				return id, sc.Scan(&id)
			}, `SELECT id FROM events WHERE `+cond+` ORDER BY day DESC, id DESC`, args...)
			if err != nil {
				t.Fatalf("events of search %q with plan %d: %v", query, p, err)
			}
			if i == 0 {
				events = got
			} else if !slices.Equal(got, events) {
				t.Errorf("events of search %q: plan %d finds %v, plan %d %v", query, sqlstore.FromSearch, events, p, got)
			}
		}
		if query == "Iran" && len(events) == 0 {
			t.Errorf("search %q finds no event; the corpus has some", query)
		}
	}
	// A word in every sentence is very dense for a page of one, not for
	// a page of 50; a word in one sentence of 30 is not.
	if err := s.WriteDocuments(ctx, []detente.Document{manySentences(300)}); err != nil {
		t.Fatal(err)
	}
	checkVeryDense(t, "VeryDense", (search{}).VeryDense, s, "zanzibar")
	// A page of one is dense from fewer matches than a page of 50, and
	// both from fewer than the 300 sentences of the long article.
	one, err := (search{}).DenseAt(ctx, s.read, 1)
	if err != nil {
		t.Fatal(err)
	}
	fifty, err := (search{}).DenseAt(ctx, s.read, 50)
	if err != nil || !(0 < one && one < fifty && fifty < 300) {
		t.Errorf("DenseAt = %d for a page of one, %d, %v for 50; want 0 < one < fifty < 300", one, fifty, err)
	}
	// So for articles: a word in 300 of 307 is very dense for a page of
	// one, not of 50; a word in one of them is not.
	var docs []detente.Document
	for i := range 300 {
		d := manySentences(1)
		d.Article.URL = fmt.Sprintf("https://many.example/bulletin/%d", i)
		d.Article.CanonicalURL, d.Article.StoryID = d.Article.URL, fmt.Sprintf("bulletin-%d", i)
		d.Article.ID = detente.ArticleID(d.Article.URL, d.Article.Body)
		d.Sentences[0].ArticleID = d.Article.ID
		docs = append(docs, d)
	}
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	checkVeryDense(t, "VeryDenseArticles", (search{}).VeryDenseArticles, s, "Taipei")
}

// checkVeryDense checks that very, a density test named name, finds
// "report" (in every row) very dense for a page of one but not of 50, and
// rare, a word in few rows, not very dense.
func checkVeryDense(t *testing.T, name string, very func(context.Context, sqlscan.Querier, string, int) (bool, error),
	s *Store, rare string) {
	t.Helper()
	for _, tt := range []struct {
		word  string
		limit int
		want  bool
	}{
		{"report", 1, true},
		{"report", 50, false},
		{rare, 1, false},
	} {
		if got, err := very(context.Background(), s.read, tt.word, tt.limit); err != nil || got != tt.want {
			t.Errorf("%s(%q, %d) = %v, %v; want %v", name, tt.word, tt.limit, got, err, tt.want)
		}
	}
}

// manySentences returns an article of n sentences that each hold the
// word "report", one in 30 "Zanzibar" too.
func manySentences(n int) detente.Document {
	a := storetest.Corpus()[0].Article
	var ss []string
	for i := range n {
		w := ""
		if i%30 == 0 {
			w = " from Zanzibar"
		}
		ss = append(ss, fmt.Sprintf("Report %d%s came in.", i, w))
	}
	a.URL, a.CanonicalURL, a.StoryID = "https://many.example/1", "https://many.example/1", "many"
	a.Body = strings.Join(ss, " ")
	a.ID, a.ContentHash = detente.ArticleID(a.URL, a.Body), detente.ContentHash(a.Body)
	d := detente.Document{Article: a}
	off := 0
	for i, text := range ss {
		d.Sentences = append(d.Sentences, detente.Sentence{ArticleID: a.ID, Index: i, Text: text, Start: off, End: off + len(text)})
		off += len(text) + 1
	}
	return d
}

// A dense search narrowed by a pair looks up the sentences of a pair of
// few events, and walks the matches against the sentences of a pair of
// many: either way it lists the newest matches that hold such an event,
// down to the second (for sentences) or the day (for events) of the
// limit-th, whether it walks the last days first or not.
func TestFilteredSearchPaths(t *testing.T) {
	ctx := context.Background()
	s := storeWith(t, storetest.FilteredDocs(600))
	pairOf := func(a, b string) (string, []any) {
		return "counted = 1 AND ((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))",
			[]any{a, b, b, a}
	}
	for _, c := range []struct {
		word, a, b string
		lookUp     bool
	}{
		// Five events of 3,000 sentences: looked up for a word in every
		// sentence or in a third, not for one in an eleventh (walking
		// them costs less).
		{"common", "OMN", "YEM", true},
		{"alpha", "OMN", "YEM", true},
		{"beta", "OMN", "YEM", false},
		// Hundreds of events: walked.
		{"common", "USA", "IRN", false},
		{"beta", "USA", "IRN", false},
	} {
		where, args := pairOf(c.a, c.b)
		look, err := search{}.LooksUp(ctx, s.read, c.word, where, args, 11)
		if err != nil || look != c.lookUp {
			t.Errorf("LooksUp(%s, %s-%s) = %v, %v; want %v", c.word, c.a, c.b, look, err, c.lookUp)
		}
		q, err := ftsQuery(c.word)
		if err != nil {
			t.Fatal(err)
		}
		all, err := sqlscan.Query(ctx, s.read, func(sc sqlscan.Scanner) (int64, error) {
			var id int64
			return id, sc.Scan(&id)
		}, `SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?
			AND rowid IN (SELECT sentence_id FROM events WHERE `+where+`) ORDER BY rowid DESC`, append([]any{q}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{1, 11, 1000} {
			for _, byDay := range []bool{false, true} {
				fn, floor := search{}.FilteredSentences, func(id int64) int64 { return id >> keyShift << keyShift }
				if byDay {
					fn, floor = search{}.FilteredEvents, dayKey
				}
				want := all
				if limit <= len(all) {
					want = slices.DeleteFunc(slices.Clone(all), func(id int64) bool { return id < floor(all[limit-1]) })
				}
				cond, cargs, ok, err := fn(ctx, s.read, c.word, sqlstore.Window{}, where, args, limit)
				if err != nil || !ok {
					t.Fatalf("%s %s-%s, %d by day %v: %v, ok %v", c.word, c.a, c.b, limit, byDay, err, ok)
				}
				var got []int64
				for _, a := range cargs {
					got = append(got, a.(int64))
				}
				if !slices.Equal(got, want) || !strings.Contains(cond, "IN (") {
					t.Errorf("%s %s-%s, %d by day %v: %s %v; want %v", c.word, c.a, c.b, limit, byDay, cond, got, want)
				}
				if len(want) < min(limit, len(all)) || len(want) == 0 {
					t.Errorf("%s %s-%s, %d by day %v: %d of %d sentences", c.word, c.a, c.b, limit, byDay, len(want), len(all))
				}
				// The corpus spans ten days: first spans of one to nine
				// days end the walk in a span, or go on to the next, or
				// to all.
				for _, span := range []int{0, 1, 2, 3, 5, 7, 9} {
					ids, ok, err := holding(ctx, s.read, c.word, sqlstore.Window{}, where, args, limit, floor, span)
					got = got[:0]
					for _, a := range ids {
						got = append(got, a.(int64))
					}
					if err != nil || !ok || !slices.Equal(got, want) {
						t.Errorf("%s %s-%s, %d by day %v, first span %d: %v, ok %v, %v; want %v", c.word, c.a, c.b, limit, byDay, span,
							got, ok, err, want)
					}
				}
			}
		}
	}
}

// A search of events narrowed by dates reads the same page whether its
// walk lists the events down to the day of the limit-th or, with more to
// list than it keeps, gives the matches from that day on (newestEvents).
func TestNewestEventsListed(t *testing.T) {
	ctx := context.Background()
	s := storeWith(t, append(storetest.Corpus(), storetest.BenchDocs("newest", 60)...))
	page := func(cond string, args []any, limit int) []string {
		t.Helper()
		ids, err := sqlscan.Query(ctx, s.read, func(sc sqlscan.Scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		}, `SELECT id FROM events WHERE counted = 1 AND `+cond+` ORDER BY day DESC, id DESC LIMIT ?`, append(args, limit)...)
		if err != nil {
			t.Fatalf("%s: %v", cond, err)
		}
		return ids
	}
	for _, query := range []string{"talks", "border", "Iran"} {
		q, err := ftsQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{1, 5, 50} {
			want := page(`sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`, []any{q}, limit)
			if len(want) == 0 {
				t.Fatalf("%q matches no counted event; the corpus has some", query)
			}
			for _, most := range []int{1, 2, 10000} {
				cond, args, err := newestEvents(ctx, s.read, q, math.MinInt64, math.MaxInt64, "counted = 1", nil, limit, most)
				if err != nil {
					t.Fatal(err)
				}
				listed := strings.HasPrefix(cond, "rowid IN (")
				if listed != (len(args) <= most) || (most == 10000 && !listed) {
					t.Errorf("%q, page of %d, listing at most %d: %d arguments, condition %.40s", query, limit, most, len(args), cond)
				}
				if got := page(cond, args, limit); !slices.Equal(got, want) {
					t.Errorf("%q, page of %d, listing at most %d: %v, want %v", query, limit, most, got, want)
				}
			}
		}
	}
}

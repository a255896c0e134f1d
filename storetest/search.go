package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

func testSearch(t *testing.T, s Store) {
	ctx := context.Background()
	docs := Corpus()
	write(t, s, docs...)
	tests := []struct {
		name  string
		query string
		f     detente.EventFilter
		want  []string // snippets, newest first
	}{
		{"word", "talks", detente.EventFilter{}, []string{
			"Beijing may impose sanctions on Taipei if [[talks]] fail.",
			"U.S. and Iran began technical [[talks]] in Oman on Saturday.",
		}},
		{"case", "TALKS oman", detente.EventFilter{}, []string{
			"U.S. and Iran began technical [[talks]] in [[Oman]] on Saturday.",
		}},
		{"excluded word", "talks -Iran", detente.EventFilter{}, []string{
			"Beijing may impose sanctions on Taipei if [[talks]] fail.",
		}},
		{"either word", "Oman OR Taipei", detente.EventFilter{}, []string{
			"Beijing may impose sanctions on [[Taipei]] if talks fail.",
			"U.S. and Iran began technical talks in [[Oman]] on Saturday.",
		}},
		{"phrase", `"technical talks"`, detente.EventFilter{}, []string{
			"U.S. and Iran began [[technical talks]] in Oman on Saturday.",
		}},
		{"phrase in the wrong order", `"talks technical"`, detente.EventFilter{}, nil},
		{"by event source", "talks", detente.EventFilter{Source: "USA"}, []string{
			"U.S. and Iran began technical [[talks]] in Oman on Saturday.",
		}},
		{"by event pair", "Israel", detente.EventFilter{Pair: [2]string{"ISR", "IRN"}}, []string{
			"Iranian police arrested protesters in Tehran; [[Israel]]'s army mobilised.",
			"Iran accused [[Israel]] of aggression.",
		}},
		{"by event root", "talks", detente.EventFilter{Root: "04"}, []string{
			"U.S. and Iran began technical [[talks]] in Oman on Saturday.",
		}},
		{"by event agent", "Israel", detente.EventFilter{Agent: "MIL"}, []string{
			"Iranian police arrested protesters in Tehran; [[Israel]]'s army mobilised.",
		}},
		{"uncounted event", "talks", detente.EventFilter{Source: "CHN"}, nil},
		{"uncounted included", "talks", detente.EventFilter{Source: "CHN", Uncounted: true}, []string{
			"Beijing may impose sanctions on Taipei if [[talks]] fail.",
		}},
		{"by date", "Israel", detente.EventFilter{From: day("2025-03-04")}, []string{
			"Iranian police arrested protesters in Tehran; [[Israel]]'s army mobilised.",
			"The United Nations urged [[Israel]] and Iran to show restraint.",
		}},
		{"by story", "Israel", detente.EventFilter{StoryID: "s2"}, []string{
			"Iran accused [[Israel]] of aggression.",
		}},
		{"by article", "Iran", detente.EventFilter{ArticleID: docs[0].Article.ID}, []string{
			"U.S. and [[Iran]] began technical talks in Oman on Saturday.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.SearchSentences(ctx, tt.query, tt.f, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				// Stores mark a phrase whole or word by word.
				got = append(got, strings.ReplaceAll(h.Snippet, "]] [[", " "))
				if h.Sentence.Text != strings.NewReplacer("[[", "", "]]", "").Replace(h.Snippet) {
					t.Errorf("snippet %q is not sentence %q marked", h.Snippet, h.Sentence.Text)
				}
				if h.Title == "" || h.URL == "" || h.Site == "" || h.StoryID == "" || h.Date.IsZero() {
					t.Errorf("hit without its article: %+v", h)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("SearchSentences(%q):\n got %q\nwant %q", tt.query, got, tt.want)
			}
			if n, err := s.CountSentences(ctx, tt.query, tt.f, 10); err != nil || n != len(tt.want) {
				t.Errorf("CountSentences(%q) = %d, %v; want %d", tt.query, n, err, len(tt.want))
			}
		})
	}
	hits, err := s.SearchSentences(ctx, "Iran", detente.EventFilter{}, 2)
	if err != nil || len(hits) != 2 {
		t.Errorf("SearchSentences with limit 2: %d hits, %v", len(hits), err)
	}
	all, err := s.SearchSentences(ctx, "Iran", detente.EventFilter{}, 10)
	if err != nil || len(all) <= 2 {
		t.Fatalf("SearchSentences(Iran): %d hits, %v; the corpus has more than 2", len(all), err)
	}
	if n, err := s.CountSentences(ctx, "Iran", detente.EventFilter{}, 2); err != nil || n != 2 {
		t.Errorf("CountSentences with limit 2 = %d, %v; want 2", n, err)
	}
	if n, err := s.CountSentences(ctx, "Iran", detente.EventFilter{}, 10); err != nil || n != len(all) {
		t.Errorf("CountSentences(Iran) = %d, %v; want %d, as SearchSentences finds", n, err, len(all))
	}
	if _, err := s.CountSentences(ctx, "-Iran", detente.EventFilter{}, 10); detente.ErrorCode(err) != detente.EINVALID {
		t.Errorf("CountSentences(-Iran): error %v, want code %s", err, detente.EINVALID)
	}
	countsAfterWrite(t, s, len(all))
}

// countsAfterWrite checks that a count of sentences, however kept,
// counts what a write adds: "Iran" is in had sentences of s, and in
// March 2025 in all of them.
func countsAfterWrite(t *testing.T, s Store, had int) {
	ctx := context.Background()
	filters := []struct {
		name string
		f    detente.EventFilter
	}{{"no filter", detente.EventFilter{}}, {"March 2025", detente.EventFilter{From: day("2025-03-01"), To: day("2025-03-31")}}}
	for _, c := range filters {
		if n, err := s.CountSentences(ctx, "Iran", c.f, 10); err != nil || n != had {
			t.Fatalf("CountSentences(Iran, %s) = %d, %v; want %d", c.name, n, err, had)
		}
	}
	write(t, s, doc("https://f.example/6", "s6", "2025-03-06", []string{
		"Iran and Oman spoke again.", "No event here.",
	}))
	for _, c := range filters {
		if n, err := s.CountSentences(ctx, "Iran", c.f, 10); err != nil || n != had+1 {
			t.Errorf("after a write, CountSentences(Iran, %s) = %d, %v; want %d", c.name, n, err, had+1)
		}
	}
}

// testOddQueries checks that search operators and punctuation in a user's
// query are read as words, never as a syntax error.
func testOddQueries(t *testing.T, s Store) {
	ctx := context.Background()
	docs := Corpus()
	write(t, s, docs...)
	names := eventNames(docs)
	tests := []struct {
		query string
		want  string
	}{
		{`"progress"`, "d0e1"},
		{`(again)`, "d0e1"},
		{`"progress`, "d0e1"},
		{`Oman AND talks`, "d0e0"},
		{`talks*`, "d0e0"},
		{`*talks`, "d0e0"},
		{`talks -Iran`, ""}, // "talks" alone finds d0e0, in a sentence with Iran
		{`Iran OR Israel`, "d0e0 d1e1 d3e0 d3e1 d4e0 d4e1"},
		{`"technical talks" -Beijing`, "d0e0"},
		{`NEAR(Iran Damascus)`, ""},
		{`text:Damascus`, ""},
		{`Damascus^`, "d1e0"},
		{`Damascus;DROP TABLE events`, ""},
		{`'Damascus'`, "d1e0"},
		{`Damascus{}`, "d1e0"},
	}
	for _, tt := range tests {
		evs := allEvents(t, s, detente.EventFilter{Query: tt.query})
		if got := strings.Join(sortedNames(evs, names), " "); got != tt.want {
			t.Errorf("Events query %q = %q, want %q", tt.query, got, tt.want)
		}
		if _, err := s.SearchSentences(ctx, tt.query, detente.EventFilter{}, 5); err != nil {
			t.Errorf("SearchSentences(%q): %v", tt.query, err)
		}
		if _, err := s.Articles(ctx, detente.ArticleFilter{Query: tt.query}); err != nil {
			t.Errorf("Articles query %q: %v", tt.query, err)
		}
	}
	if st := stats(t, s); st.Events != 8 {
		t.Errorf("after odd queries: %d events, want 8", st.Events)
	}
}

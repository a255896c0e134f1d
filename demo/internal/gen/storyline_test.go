package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseStoryline(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    int // stories
		wantErr string
	}{
		{name: "one story", in: "# c\n== 2026-06-02T08:40 a-b\n@title T\n@pair USA-IRN\nP one.\nP two.\n", want: 1},
		{name: "two stories with outlets", in: "== 2026-06-02T08:40 a\n@title T\n@pair X\n@outlets gulf-ledger atlas-daily\nP.\n\n== 2026-06-03T08:40 b\n@title U\n@pair X\n@dateline DUBAI\nQ.\n", want: 2},
		{name: "empty", in: "# nothing\n", want: 0},
		{name: "text before header", in: "P.\n", wantErr: "s.txt:1: text before"},
		{name: "bad date", in: "== 2026-06-02 a\n", wantErr: `s.txt:1: story date "2026-06-02"`},
		{name: "bad slug", in: "== 2026-06-02T08:40 A_B\n", wantErr: `s.txt:1: story slug "A_B"`},
		{name: "no slug", in: "== 2026-06-02T08:40\n", wantErr: "s.txt:1: story header"},
		{name: "no title", in: "== 2026-06-02T08:40 a\n@pair X\nP.\n", wantErr: "s.txt:1: story a has no @title"},
		{name: "no pair", in: "== 2026-06-02T08:40 a\n@title T\nP.\n", wantErr: "s.txt:1: story a has no @pair"},
		{name: "no body", in: "== 2026-06-02T08:40 a\n@title T\n@pair X\n", wantErr: "s.txt:1: story a has no body"},
		{name: "unknown field", in: "== 2026-06-02T08:40 a\n@tilte T\n", wantErr: "s.txt:2: unknown field @tilte"},
		{name: "empty field", in: "== 2026-06-02T08:40 a\n@title\n", wantErr: "s.txt:2: field @title has no value"},
		{name: "field after body", in: "== 2026-06-02T08:40 a\n@title T\nP.\n@pair X\n", wantErr: "s.txt:4: field after the body"},
		{name: "unknown outlet", in: "== 2026-06-02T08:40 a\n@title T\n@pair X\n@outlets daily-bugle\nP.\n", wantErr: `unknown outlet "daily-bugle"`},
		{name: "outlet twice", in: "== 2026-06-02T08:40 a\n@title T\n@pair X\n@outlets atlas-daily atlas-daily\nP.\n", wantErr: "listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStoryline(strings.NewReader(tt.in), "s.txt")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Errorf("got %d stories, want %d", len(got), tt.want)
			}
		})
	}
}

// TestStoryline checks the shipped storyline against what the demo needs:
// dates in the window and in order, bodies a coder can work with, and a
// main pair whose reports rise before the Muscat talks and fall after.
func TestStoryline(t *testing.T) {
	f, err := os.Open("storyline.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stories, err := parseStoryline(f, "storyline.txt")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 9, 29, 0, 0, 0, 0, time.UTC)
	talks := time.Date(2026, 8, 10, 0, 0, 0, 0, time.UTC)
	pairs := map[string]bool{}
	var early, late, after int // USA-IRN reports: first four weeks, four weeks before the talks, September
	for i, s := range stories {
		if s.Published.Before(from) || !s.Published.Before(to) {
			t.Errorf("line %d: %s dated %s, outside the storyline", s.Line, s.Slug, s.Published)
		}
		if i > 0 && s.Published.Before(stories[i-1].Published) {
			t.Errorf("line %d: %s dated before the story above it", s.Line, s.Slug)
		}
		if n := len(s.Paras); n < 4 || n > 10 {
			t.Errorf("line %d: %s has %d paragraphs, want 4 to 10", s.Line, s.Slug, n)
		}
		if h := s.Published.Hour(); h < 5 || h > 18 {
			t.Errorf("line %d: %s at %d:00 UTC; keep stories in daytime so every outlet's zone gives the same day", s.Line, s.Slug, h)
		}
		pairs[s.Pair] = true
		if s.Pair != "USA-IRN" {
			continue
		}
		n := max(1, len(s.Outlets))
		switch {
		case s.Published.Before(from.AddDate(0, 0, 28)):
			early += n
		case s.Published.Before(talks) && !s.Published.Before(talks.AddDate(0, 0, -28)):
			late += n
		case s.Published.Month() == time.September:
			after += n
		}
	}
	for _, p := range []string{"USA-IRN", "ISR-IRN", "RUS-UKR", "CHN-TWN", "IND-PAK", "FRA-DEU", "JPN-KOR"} {
		if !pairs[p] {
			t.Errorf("no story for pair %s", p)
		}
	}
	if late < 5*early || late < 5*after {
		t.Errorf("USA-IRN reports: %d in June's first weeks, %d before the talks, %d in September; want a peak five times the calm", early, late, after)
	}
}

// FuzzParseStoryline checks that no input panics and that every story it
// accepts has what rendering needs.
func FuzzParseStoryline(f *testing.F) {
	f.Add("== 2026-06-02T08:40 a-b\n@title T\n@pair USA-IRN\n@outlets northwind-wire\nP one.\n")
	f.Add("== 2026-06-02T08:40 a\n@title\n")
	f.Add("@@\n==\n== x y\n")
	f.Fuzz(func(t *testing.T, in string) {
		stories, err := parseStoryline(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range stories {
			if s.Title == "" || s.Pair == "" || len(s.Paras) == 0 || !slugRE.MatchString(s.Slug) {
				t.Errorf("accepted incomplete story %+v", s)
			}
		}
		if _, err := buildPages(stories); err != nil && !strings.Contains(err.Error(), "made twice") {
			t.Errorf("buildPages: %v", err)
		}
	})
}

package demo

import (
	"sort"
	"strings"
	"testing"
	"time"
)

// syntheticNote must end every article body.
const syntheticNote = "This is a synthetic sample article written for the detente demo; " +
	"the events and quotes in it are fictional."

func TestParseEntry(t *testing.T) {
	tests := []struct {
		name, line string
		want       Entry
		wantErr    string
	}{
		{
			name: "valid",
			line: "atlas-daily/2026-07-05-x.html\t2026-07-05T08:29:00Z\tx",
			want: Entry{
				Path: "atlas-daily/2026-07-05-x.html", URL: BaseURL + "atlas-daily/2026-07-05-x",
				Published: time.Date(2026, 7, 5, 8, 29, 0, 0, time.UTC), Story: "x",
			},
		},
		{name: "offset converted to UTC", line: "a/b.html\t2026-07-05T12:29:00+04:00\tb",
			want: Entry{Path: "a/b.html", URL: BaseURL + "a/b", Published: time.Date(2026, 7, 5, 8, 29, 0, 0, time.UTC), Story: "b"}},
		{name: "missing field", line: "a/b.html\t2026-07-05T08:29:00Z", wantErr: "want 3 tab-separated fields, got 2"},
		{name: "bad time", line: "a/b.html\tJuly 5\tb", wantErr: `published time "July 5"`},
		{name: "not html", line: "a/b.txt\t2026-07-05T08:29:00Z\tb", wantErr: `path "a/b.txt"`},
		{name: "no site folder", line: "b.html\t2026-07-05T08:29:00Z\tb", wantErr: `path "b.html"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseEntry(tt.line)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseEntry(%q) error = %v, want one containing %q", tt.line, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseEntry(%q): %v", tt.line, err)
			}
			if got != tt.want {
				t.Errorf("parseEntry(%q) = %+v, want %+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestEntries(t *testing.T) {
	entries, err := Entries()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(entries); n < 100 || n > 140 {
		t.Errorf("corpus has %d pages, want 100 to 140", n)
	}
	from, to := Window()
	urls := map[string]bool{}
	for i, e := range entries {
		if urls[e.URL] {
			t.Errorf("URL %s listed twice", e.URL)
		}
		urls[e.URL] = true
		if e.Published.Before(from) || !e.Published.Before(to.AddDate(0, 0, 1)) {
			t.Errorf("%s published %s, outside the window %s to %s", e.Path, e.Published, from, to)
		}
		if i > 0 && e.Published.Before(entries[i-1].Published) {
			t.Errorf("%s is listed after the later %s", e.Path, entries[i-1].Path)
		}
	}
}

func TestPages(t *testing.T) {
	entries, err := Entries()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := Pages()
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(entries) {
		t.Fatalf("Pages gives %d pages, the index lists %d", len(pages), len(entries))
	}
	styles := map[string]int{}
	dateFrom := map[string]int{}
	for i, pg := range pages {
		e := entries[i]
		if pg.URL != e.URL || !pg.Fetched.Equal(e.Published) || pg.Origin != "demo" || pg.Offset != -1 || pg.IsText {
			t.Errorf("page %d = {URL %s, Fetched %s, Origin %q, Offset %d, IsText %v}, want URL %s fetched %s from demo at -1 as HTML",
				i, pg.URL, pg.Fetched, pg.Origin, pg.Offset, pg.IsText, e.URL, e.Published)
		}
		p, err := parse(pg.Body)
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			continue
		}
		if p.Canonical != e.URL {
			t.Errorf("%s: canonical %s, want %s", e.Path, p.Canonical, e.URL)
		}
		if !p.Published.Equal(e.Published) {
			t.Errorf("%s: metadata date %s, index says %s", e.Path, p.Published, e.Published)
		}
		if !strings.HasPrefix(p.Notice, "Synthetic sample data.") {
			t.Errorf("%s: visible notice %q, want one starting \"Synthetic sample data.\"", e.Path, p.Notice)
		}
		if n := len(p.Body); n < 5 || n > 11 || p.Body[n-1] != syntheticNote {
			t.Errorf("%s: body of %d paragraphs ending %q, want 4 to 10 and the synthetic note", e.Path, n, p.Body[n-1:])
		}
		styles[p.Style]++
		dateFrom[p.DateFrom]++
	}
	for _, s := range []string{"news", "wordpress", "wire", "magazine"} {
		if styles[s] < 10 {
			t.Errorf("%d pages in the %s style, want at least 10 (all: %v)", styles[s], s, styles)
		}
	}
	if styles[""] > 0 {
		t.Errorf("%d pages of no known style", styles[""])
	}
	for _, f := range []string{"meta", "json-ld", "time"} {
		if dateFrom[f] == 0 {
			t.Errorf("no page gives its date in %s, want every kind used (all: %v)", f, dateFrom)
		}
	}
}

// TestWireCopies checks that the stories told by several outlets share
// most of their text, so deduplication can group them, while different
// stories share little.
func TestWireCopies(t *testing.T) {
	entries, err := Entries()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := Pages()
	if err != nil {
		t.Fatal(err)
	}
	type copyOf struct {
		site, style string
		shingles    map[string]bool
	}
	stories := map[string][]copyOf{}
	for i, e := range entries {
		p, err := parse(pages[i].Body)
		if err != nil {
			t.Fatalf("%s: %v", e.Path, err)
		}
		body := strings.Join(p.Body[:len(p.Body)-1], " ")
		site, _, _ := strings.Cut(e.Path, "/")
		stories[e.Story] = append(stories[e.Story], copyOf{site, p.Style, shingles(body)})
	}
	var groups []string
	for story, copies := range stories {
		if len(copies) < 2 {
			continue
		}
		groups = append(groups, story)
		styles := map[string]bool{}
		for i, c := range copies {
			styles[c.style] = true
			for _, d := range copies[:i] {
				if c.site == d.site {
					t.Errorf("story %s appears twice at %s", story, c.site)
				}
				if j := jaccard(c.shingles, d.shingles); j < 0.6 {
					t.Errorf("story %s: copies at %s and %s share %.2f of their shingles, want at least 0.6", story, d.site, c.site, j)
				}
			}
		}
		if len(styles) < 2 {
			t.Errorf("story %s: all copies in the %v style, want different templates", story, styles)
		}
	}
	if len(groups) < 3 {
		t.Errorf("%d wire-copy stories, want at least 3", len(groups))
	}
	names := make([]string, 0, len(stories))
	for s := range stories {
		names = append(names, s)
	}
	sort.Strings(names)
	for i, a := range names {
		for _, b := range names[:i] {
			if j := jaccard(stories[a][0].shingles, stories[b][0].shingles); j > 0.2 {
				t.Errorf("different stories %s and %s share %.2f of their shingles, want at most 0.2", a, b, j)
			}
		}
	}
}

// shingles returns the 3-word shingles of s, lower-cased.
func shingles(s string) map[string]bool {
	w := strings.Fields(strings.ToLower(s))
	out := map[string]bool{}
	for i := 0; i+3 <= len(w); i++ {
		out[strings.Join(w[i:i+3], " ")] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

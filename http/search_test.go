package http

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// hitTexts returns the sentences of a search page, markup removed.
func hitTexts(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<blockquote>(.*?)</blockquote>`).FindAllStringSubmatch(body, -1) {
		out = append(out, regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], ""))
	}
	return out
}

func TestSearchSyntax(t *testing.T) {
	ts, _ := testServer(t, Config{})
	search := func(q string, extra ...string) string {
		t.Helper()
		v := url.Values{"q": {q}}
		for i := 0; i+1 < len(extra); i += 2 {
			v.Set(extra[i], extra[i+1])
		}
		status, _, b := get(t, ts, "/search?"+v.Encode())
		if status != 200 {
			t.Fatalf("search %q: status %d\n%s", q, status, b)
		}
		return string(b)
	}

	talks := hitTexts(search("talks"))
	if len(talks) == 0 {
		t.Fatal("no sentence with talks")
	}
	// "Muscat" alone finds the Oman story, which names Iran, and the
	// envoys' meetings, which say "Iranian".
	without := hitTexts(search("Muscat -Iran"))
	if len(without) == 0 || len(without) >= len(hitTexts(search("Muscat"))) {
		t.Errorf("Muscat -Iran: %d hits, want some, fewer than Muscat's", len(without))
	}
	for _, h := range without {
		if regexp.MustCompile(`\bIran\b`).MatchString(h) {
			t.Errorf("Muscat -Iran found %q", h)
		}
	}
	either := hitTexts(search("Isfahan OR Muscat"))
	var isfahan, muscat bool
	for _, h := range either {
		isfahan = isfahan || strings.Contains(h, "Isfahan")
		muscat = muscat || strings.Contains(h, "Muscat")
	}
	if !isfahan || !muscat {
		t.Errorf("Isfahan OR Muscat: %q, want sentences with either", either)
	}
	if got := hitTexts(search(`"fourth round"`)); len(got) != 1 {
		t.Errorf(`"fourth round": %d hits, want the Oman story's sentence once`, len(got))
	}

	// The Oman story is told by three outlets: one hit, with the other two.
	page := search("fourth round")
	if hits := hitTexts(page); len(hits) != 1 || hits[0] != knownSentence {
		t.Errorf("wire copies not collapsed: %q", hits)
	}
	if !strings.Contains(page, "also in") || strings.Count(page, `rel="noopener noreferrer nofollow">`) < 2 {
		t.Errorf("the collapsed hit does not list the other outlets")
	}

	// Paging past 50.
	first := search("Iran")
	if !strings.Contains(first, "Sentences 1 to 50") || !strings.Contains(first, `rel="next" href="/search?offset=50&amp;q=Iran"`) {
		t.Fatalf("first page of Iran lacks its count or next link")
	}
	second := search("Iran", "offset", "50")
	if !strings.Contains(second, "Sentences 51 to") || !strings.Contains(second, `rel="prev"`) {
		t.Errorf("second page of Iran lacks its count or previous link")
	}

	// A pair filter says what it leaves out; as a field in the words too.
	for _, p := range []string{search("talks", "pair", "IRN-USA"), search("talks pair:IRN-USA")} {
		if !strings.Contains(p, `id="filtered"`) || !strings.Contains(p, `href="/search?q=talks"`) {
			t.Errorf("a pair-filtered search does not say that it drops sentences without events")
		}
	}
	if strings.Contains(search("talks"), `id="filtered"`) {
		t.Error("an unfiltered search says it is filtered")
	}
	if status, _, _ := get(t, ts, "/search?q=-Iran"); status != 400 {
		t.Errorf("a search that only excludes: status %d, want 400", status)
	}
}

func TestArticlePage(t *testing.T) {
	ts, docs := testServer(t, Config{})
	var oman, hostile string
	for _, d := range docs {
		switch d.Article.Title {
		case "Oman hosts U.S.–Iran talks":
			oman = d.Article.ID
		case hostileTitle:
			hostile = d.Article.ID
		}
	}
	status, _, b := get(t, ts, "/articles/"+oman)
	body := string(b)
	if status != 200 || !strings.Contains(body, `<span class="sent coded" id="s0">`) || !strings.Contains(body, `href="/events/`) ||
		strings.Count(body, `href="/articles/`) < 2 || !strings.Contains(body, "Other outlets of this story") {
		t.Errorf("article page: status %d, want its coded sentence marked with its event and the story's other outlets\n%s", status, body)
	}
	checkPage(t, body)
	_, _, b = get(t, ts, "/articles/"+hostile)
	checkPage(t, string(b))
	if status, _, _ := get(t, ts, "/articles/nope"); status != 404 {
		t.Errorf("unknown article: status %d, want 404", status)
	}
}

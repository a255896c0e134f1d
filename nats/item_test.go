package nats

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDecodeItem(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Kind
		wantErr string
	}{
		{"page", `{"kind":"page","url":"https://news.example.org/a"}`, KindPage, ""},
		{"feed", `{"kind":"feed","url":"http://news.example.org/rss.xml"}`, KindFeed, ""},
		{"warc", `{"kind":"warc","path":"/data/crawl-01.warc.gz"}`, KindWARC, ""},
		{"article", `{"kind":"article","record":{"url":"https://news.example.org/b","published":"2026-03-10","text":"Iran accused the United States."}}`, KindArticle, ""},
		{"article without url", `{"kind":"article","record":{"text":"France pledged aid to Lebanon."}}`, KindArticle, ""},
		{"not json", `{"kind":"page",`, "", "decode item"},
		{"trailing data", `{"kind":"page","url":"https://a.example/"} {}`, "", "data after"},
		{"unknown field", `{"kind":"page","link":"https://a.example/"}`, "", "unknown field"},
		{"unknown kind", `{"kind":"video","url":"https://a.example/"}`, "", "unknown item kind"},
		{"no kind", `{"url":"https://a.example/"}`, "", "unknown item kind"},
		{"page without url", `{"kind":"page"}`, "", `needs "url"`},
		{"page with path too", `{"kind":"page","url":"https://a.example/","path":"/x.warc"}`, "", `needs "url"`},
		{"relative url", `{"kind":"page","url":"/news/a"}`, "", "not an absolute"},
		{"file url", `{"kind":"feed","url":"file:///etc/passwd"}`, "", "not an absolute"},
		{"warc wrong suffix", `{"kind":"warc","path":"/data/a.html"}`, "", "not a .warc"},
		{"warc with url", `{"kind":"warc","path":"/a.warc","url":"https://a.example/"}`, "", `needs "path"`},
		{"article no record", `{"kind":"article"}`, "", `needs "record"`},
		{"article null record", `{"kind":"article","record":null}`, "", `needs "record"`},
		{"article empty text", `{"kind":"article","record":{"text":"  "}}`, "", `"text" or "html"`},
		{"article bad date", `{"kind":"article","record":{"text":"x","published":"March"}}`, "", "published"},
		{"invalid utf-8", "{\"kind\":\"page\",\"url\":\"https://a.example/\xff\"}", "", "UTF-8"},
		{"array", `[]`, "", "decode item"},
		{"article by reference", `{"kind":"article","ref":"article-0123456789abcdef0123456789abcdef"}`, KindArticle, ""},
		{"ref and record", `{"kind":"article","ref":"article-01","record":{"text":"x"}}`, "", `"ref" goes only`},
		{"ref on a page", `{"kind":"page","url":"https://a.example/","ref":"article-01"}`, "", `"ref" goes only`},
		{"ref not an article ID", `{"kind":"article","ref":"../etc/passwd"}`, "", "not an article item's ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, err := DecodeItem([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("DecodeItem(%s) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("DecodeItem(%s): %v", tt.in, err)
			}
			if it.Kind != tt.want {
				t.Errorf("kind = %q, want %q", it.Kind, tt.want)
			}
		})
	}
}

func TestItemIDIsDeterministic(t *testing.T) {
	a := `{"kind":"article","record":{"url":"https://news.example.org/b","title":"T","text":"Turkey condemned the strike."}}`
	// The same item with fields in another order and other spacing.
	b := `{ "record": {"text":"Turkey condemned the strike.", "title":"T", "url":"https://news.example.org/b"}, "kind":"article" }`
	c := `{"kind":"article","record":{"url":"https://news.example.org/b","title":"T","text":"Turkey condemned the raid."}}`
	ids := map[string]string{}
	for name, in := range map[string]string{"a": a, "b": b, "c": c} {
		it, err := DecodeItem([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[name] = it.ID()
	}
	if ids["a"] != ids["b"] {
		t.Errorf("equal items have IDs %s and %s", ids["a"], ids["b"])
	}
	if ids["a"] == ids["c"] {
		t.Errorf("different items share ID %s", ids["a"])
	}
	page := Item{Kind: KindPage, URL: "https://a.example/x"}
	feed := Item{Kind: KindFeed, URL: "https://a.example/x"}
	if page.ID() == feed.ID() {
		t.Errorf("page and feed of one URL share ID %s", page.ID())
	}
}

// FuzzDecodeItem checks that any bytes decode to a valid item or an error,
// never a panic, and that a decoded item survives encoding with its ID.
func FuzzDecodeItem(f *testing.F) {
	for _, s := range []string{
		`{"kind":"page","url":"https://news.example.org/a"}`,
		`{"kind":"feed","url":"http://news.example.org/rss.xml"}`,
		`{"kind":"warc","path":"/data/crawl-01.warc.gz"}`,
		`{"kind":"article","record":{"url":"https://news.example.org/b","published":"2026-03-10","text":"Iran accused the United States."}}`,
		`{"kind":"article","record":{"html":"<p>France pledged aid.</p>"}}`,
		`{"kind":"page","url":"/x"}`,
		`{"kind":"article","record":null}`,
		`{"kind":`,
		"\xff",
		`null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		it, err := DecodeItem(data)
		if err != nil {
			return
		}
		if err := it.Validate(); err != nil {
			t.Fatalf("decoded item does not validate: %v", err)
		}
		enc, err := json.Marshal(it)
		if err != nil {
			t.Fatalf("marshal decoded item: %v", err)
		}
		again, err := DecodeItem(enc)
		if err != nil {
			t.Fatalf("re-decode %s: %v", enc, err)
		}
		if again.ID() != it.ID() {
			t.Fatalf("ID changed by a round trip: %s != %s", again.ID(), it.ID())
		}
	})
}

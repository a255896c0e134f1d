package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

// FuzzExtract feeds arbitrary bytes as HTML and as text: Extract must not
// panic, and must return either an error or a non-empty valid UTF-8 body.
func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, false)
	}
	f.Add([]byte("Title\n\n0\n\nsome-slug-here\n\nA sentence of text that is long enough to be a paragraph of an article.\n"), true)
	f.Add([]byte("<html><body><p>caf\xe9 \x93quoted\x94 text in windows-1252 declared nowhere at all</p></body></html>"), false)
	f.Add([]byte("<script type=\"application/ld+json\">{\"datePublished\":[[[[{}]]]]}</script><p>x y z w v</p>"), false)
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), false)
	f.Add([]byte("<table><tr><td>a<td>b</table><time pubdate datetime=\"2099-99-99\">x</time>"), false)
	x := New(WithMaxSize(1 << 20))
	f.Fuzz(func(t *testing.T, body []byte, isText bool) {
		a, err := x.Extract(context.Background(), detente.Page{URL: "https://fuzz.example/2024/01/02/a", Body: body, IsText: isText})
		if err != nil {
			if !strings.Contains(err.Error(), "https://fuzz.example/2024/01/02/a") {
				t.Errorf("error %q does not name the page", err)
			}
			if errors.Is(err, ErrTooLarge) && len(body) <= 1<<20 {
				t.Errorf("too large at %d bytes", len(body))
			}
			return
		}
		if a.Body == "" {
			t.Error("no error and an empty body")
		}
		for _, s := range []string{a.Body, a.Title, a.Byline, a.Site, a.Lang} {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8: %q", s)
			}
		}
		if a.ContentHash != detente.ContentHash(a.Body) || a.ID == "" {
			t.Error("hash or ID not set from the body")
		}
	})
}

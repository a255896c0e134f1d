package sqltext

import (
	"testing"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"nul\x00byte", "nul?byte"},
		{"bad \xff utf8", "bad ? utf8"},
		{"Tehran — ok", "Tehran — ok"},
	} {
		got := Clean(tc.in)
		if got != tc.want || len(got) != len(tc.in) || !utf8.ValidString(got) {
			t.Errorf("Clean(%q) = %q, want %q of the same length", tc.in, got, tc.want)
		}
	}
}

func TestDocumentLeavesInputAlone(t *testing.T) {
	in := detente.Document{
		Article:   detente.Article{ID: "a", Title: "x\x00y"},
		Sentences: []detente.Sentence{{Text: "s\xff"}},
		Events:    []detente.Event{{ID: "e", Source: detente.Actor{Text: "\x00"}}},
	}
	out := Document(in)
	if out.Article.Title != "x?y" || out.Sentences[0].Text != "s?" || out.Events[0].Source.Text != "?" {
		t.Errorf("cleaned %+v", out)
	}
	if in.Sentences[0].Text != "s\xff" || in.Events[0].Source.Text != "\x00" {
		t.Error("Document changed its input")
	}
}

func TestPlain(t *testing.T) {
	if got := Plain("a\x00b\tc\xffd"); got != "a b c d" {
		t.Errorf("Plain = %q", got)
	}
}

package http

import (
	"html/template"
	"strings"
	"testing"
)

// segsTemplate is how the templates drew a sentence's segments before
// marked wrote them: marked must write the same characters.
const segsTemplate = `{{range .}}{{if .Class}}<mark class="{{.Class}}"{{if .Title}} title="{{.Title}}"{{end}}>{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}`

var segsReference = template.Must(template.New("segs").Parse(segsTemplate))

func segsByTemplate(t testing.TB, segs []segment) string {
	t.Helper()
	var b strings.Builder
	if err := segsReference.Execute(&b, segs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestMarked checks that marked escapes and marks a sentence exactly as
// html/template does: quotes, ampersands, '+', NUL and broken UTF-8
// included.
func TestMarked(t *testing.T) {
	for _, segs := range [][]segment{
		nil,
		{{Text: "Iran accused the U.S. of sabotage."}},
		{{Text: "Iran", Class: "src", Title: "source: IRN"}, {Text: " accused "}, {Text: "the U.S.", Class: "tgt", Title: `target: "USA" & co`}},
		{{Text: `<script>alert('x')</script> 1+1 "q" & ; \x00 end`, Class: "hit"}},
		{{Text: "caf\xc3\xa9 \xff\xfe bad \uFFFD \uFDD0 ok"}, {Text: "x", Class: "trg", Title: "trigger: 046 engage in negotiation"}},
	} {
		if got, want := string(marked(segs)), segsByTemplate(t, segs); got != want {
			t.Errorf("marked(%q)\n= %q\nwant %q", segs, got, want)
		}
	}
}

// FuzzMarked compares marked with html/template on any text.
func FuzzMarked(f *testing.F) {
	f.Add("Iran accused", "src", "source: IRN")
	f.Add(`a+b <c> "d" 'e' & f`, "hit", "")
	f.Add("\x00\xff\uFFFD", "", "t")
	f.Fuzz(func(t *testing.T, text, class, title string) {
		segs := []segment{{Text: text}, {Text: text, Class: class, Title: title}}
		if got, want := string(marked(segs)), segsByTemplate(t, segs); got != want {
			t.Errorf("marked(%q)\n= %q\nwant %q", segs, got, want)
		}
	})
}

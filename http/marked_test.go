package http

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
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

// eventsTemplate is how the templates drew a list of events before
// eventList wrote it: eventList must write the same characters.
const eventsTemplate = `
<ol class="events">
{{- range .}}
<li class="ev q{{.Quad}}">
<div class="meta"><time datetime="{{day .Date}}">{{day .Date}}</time>
<span class="actors">{{.Source.Code}} → {{.Target.Code}}</span>
<a href="/events/{{.ID}}">{{codeName .Code}}</a>
<span class="tag q{{.Quad}}">{{quadName .Quad}}</span>
{{- if gt .NumSources 1}} <span class="tag">{{.NumSources}} sources</span>{{end}}
{{- if .Negated}} <span class="tag">negated</span>{{end}}
{{- if .Hypothetical}} <span class="tag">hypothetical</span>{{end}}</div>
<blockquote>{{marked .Sentence}}</blockquote>
<div class="from"><a href="/articles/{{.ArticleID}}#s{{.SentenceIndex}}">{{.Title}}</a>{{if .Site}} · {{.Site}}{{end}}</div>
</li>
{{- else}}
<li class="none">No events.</li>
{{- end}}
</ol>
`

var eventsReference = template.Must(template.New("events").Funcs(template.FuncMap{
	"day":      func(t time.Time) string { return t.UTC().Format(dayLayout) },
	"codeName": codeName,
	"quadName": func(q detente.QuadClass) string { return quadNames[q] },
	"marked":   marked,
}).Parse(eventsTemplate))

func eventsByTemplate(t testing.TB, evs []eventView) string {
	t.Helper()
	var b strings.Builder
	if err := eventsReference.Execute(&b, evs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestEventList checks that eventList writes a list of events exactly as
// the template did: every field escaped for its place, in URLs too.
func TestEventList(t *testing.T) {
	e := detente.Event{ID: "b723dcacf781eae52fc5a3c67f698799", Date: time.Date(2026, 9, 28, 0, 0, 0, 0, time.UTC),
		Source: detente.Actor{Code: "USACVL", Start: 0, End: 13}, Target: detente.Actor{Code: "CHNCOP", Start: 18, End: 23},
		Code: "052", Quad: detente.VerbalCoop, ArticleID: "91965cea2352ff2fa5f3e6f819c4ab9b", SentenceIndex: 4, NumSources: 7}
	text := "United States backs China."
	view := eventView{Event: e, Sentence: highlight(text, eventSpans(e)), Title: "United States and China: talks", Site: "news38.example"}
	odd := view
	odd.ID, odd.ArticleID = `a b/c?d=1&e+f#g%41%zz'"<>é`+"\x00\xff", "x y%2F'\"<&>+"
	odd.Title, odd.Site = `<b>"Tom & Jerry's"</b> 1+1`, ""
	odd.Code, odd.Quad, odd.NumSources, odd.Negated, odd.Hypothetical = "9999", detente.QuadClass(7), 1, true, true
	for _, evs := range [][]eventView{nil, {}, {view}, {view, odd}} {
		if got, want := string(eventList(evs)), eventsByTemplate(t, evs); got != want {
			t.Errorf("eventList of %d events\n= %q\nwant %q", len(evs), got, want)
		}
	}
}

// FuzzEventList compares eventList with the template on any IDs and
// texts.
func FuzzEventList(f *testing.F) {
	f.Add("b723dcacf781eae52fc5a3c67f698799", "91965cea", "A title", "news.example", "USA")
	f.Add("a b/c?d=1&e+f#g%41%zz", "x%2f'\"", "<b>1+1</b>", "", "\x00\xff")
	f.Fuzz(func(t *testing.T, id, article, title, site, code string) {
		evs := []eventView{{Event: detente.Event{ID: id, ArticleID: article, Source: detente.Actor{Code: code}, Code: code, Quad: 2, NumSources: 2},
			Sentence: []segment{{Text: title, Class: "src", Title: site}}, Title: title, Site: site}}
		if got, want := string(eventList(evs)), eventsByTemplate(t, evs); got != want {
			t.Errorf("eventList\n= %q\nwant %q", got, want)
		}
	})
}

package http

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/tension"
)

// The fixture is a small corpus written by hand into a real SQLite store:
// sixty days of news between four pairs, with spans that point into the
// sentences as the coder's would, a wire story told by three articles, and
// one article whose title and text are hostile HTML.

var fixtureStart = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

const (
	fixtureDays  = 60
	hostileTitle = `<script>alert(1)</script> Talks "resume" & more`
	hostileText  = `Iran warned Israel that <img src=x onerror=alert(2)> would not be tolerated.`
	// knownSentence is a sentence the search test looks for.
	knownSentence = "Oman hosted the fourth round of technical talks between the United States and Iran in Muscat."
)

// fixtureEvent is one event of a hand-built sentence: actor and trigger
// texts are located in the sentence to set their spans.
type fixtureEvent struct {
	src, srcText string // actor code and its text in the sentence
	tgt, tgtText string
	code         string
	trigger      string
	negated      bool
}

type fixtureSentence struct {
	text   string
	events []fixtureEvent
}

// fixtureDoc builds one document; every actor and trigger text must occur
// in its sentence.
func fixtureDoc(t testing.TB, url, site, title, story string, day time.Time, sents []fixtureSentence) detente.Document {
	t.Helper()
	var body strings.Builder
	var ss []detente.Sentence
	for i, s := range sents {
		if i > 0 {
			body.WriteString(" ")
		}
		start := body.Len()
		body.WriteString(s.text)
		ss = append(ss, detente.Sentence{Index: i, Text: s.text, Start: start, End: body.Len()})
	}
	published := day.Add(8 * time.Hour)
	a := detente.Article{
		ID: detente.ArticleID(url, body.String()), URL: url, CanonicalURL: url, Site: site, Title: title,
		Byline: "Staff", Published: published, DateSource: detente.DateFromMetadata, Lang: "en",
		Body: body.String(), Fetched: published.Add(time.Hour), StoryID: story,
		ContentHash: detente.ContentHash(body.String()),
	}
	doc := detente.Document{Article: a}
	for i := range ss {
		ss[i].ArticleID = a.ID
	}
	doc.Sentences = ss
	for i, s := range sents {
		for _, fe := range s.events {
			span := func(text string) (int, int) {
				j := strings.Index(s.text, text)
				if j < 0 {
					t.Fatalf("fixture: %q not in %q", text, s.text)
				}
				return j, j + len(text)
			}
			actor := func(code, text string) detente.Actor {
				st, en := span(text)
				return detente.Actor{Code: code, Country: code[:3], Agent: code[3:], Text: text, Start: st, End: en, Entry: "countries.txt:1"}
			}
			ts, te := span(fe.trigger)
			doc.Events = append(doc.Events, detente.Event{
				ID:   detente.EventID(a.ID, i, fe.src, fe.tgt, fe.code),
				Date: day, Source: actor(fe.src, fe.srcText), Target: actor(fe.tgt, fe.tgtText),
				Code: fe.code, Root: fe.code[:2], Quad: detente.QuadOf(fe.code), Goldstein: goldstein(fe.code),
				Negated: fe.negated, Trigger: detente.Span{Text: fe.trigger, Start: ts, End: te},
				Rule: "verbs.txt:" + fe.code, Confidence: 0.9, ArticleID: a.ID, SentenceIndex: i,
				StoryID: story, NumSources: 1, CoderVersion: detente.Version, DictVersion: "fixture",
			})
		}
	}
	return doc
}

// goldstein gives a plausible score by root for the fixture.
func goldstein(code string) float64 {
	switch detente.QuadOf(code) {
	case detente.VerbalCoop:
		return 3.5
	case detente.MaterialCoop:
		return 6
	case detente.VerbalConflict:
		return -4
	default:
		return -9
	}
}

// fixtureDocs is the corpus: per day, a few articles whose mix of
// cooperation and conflict drifts, so that tension moves.
func fixtureDocs(t testing.TB) []detente.Document {
	var docs []detente.Document
	for d := 0; d < fixtureDays; d++ {
		day := fixtureStart.AddDate(0, 0, d)
		ds := day.Format(dayLayout)
		// USA–IRN: talks early, threats later.
		if d%2 == 0 {
			s := fixtureSentence{text: "The United States accused Iran of enriching uranium beyond agreed limits.",
				events: []fixtureEvent{{src: "USAGOV", srcText: "The United States", tgt: "IRN", tgtText: "Iran", code: "112", trigger: "accused"}}}
			if d < 30 {
				s = fixtureSentence{text: "U.S. envoys met Iranian negotiators in Muscat to discuss sanctions relief.",
					events: []fixtureEvent{{src: "USAGOV", srcText: "U.S. envoys", tgt: "IRNGOV", tgtText: "Iranian negotiators", code: "046", trigger: "met"}}}
			}
			docs = append(docs, fixtureDoc(t, "https://wire.example/usa-iran/"+ds, "Wire", "U.S. and Iran, day "+ds, "usa-iran-"+ds, day, []fixtureSentence{s,
				{text: "Officials in Tehran said Iran would not negotiate under pressure.", events: []fixtureEvent{{src: "IRNGOV", srcText: "Officials in Tehran", tgt: "USA", tgtText: "pressure", code: "128", trigger: "would not negotiate", negated: true}}},
			}))
		}
		// IRN–ISR: threats throughout, an attack on day 40.
		if d%3 == 0 {
			code, text, trig := "138", "Iran threatened Israel with a forceful response.", "threatened"
			if d == 39 {
				code, text, trig = "190", "Israel struck Iranian air defences near Isfahan.", "struck"
			}
			src, srcText, tgt, tgtText := "IRN", "Iran", "ISR", "Israel"
			if code == "190" {
				src, srcText, tgt, tgtText = "ISRMIL", "Israel", "IRNMIL", "Iranian air defences"
			}
			docs = append(docs, fixtureDoc(t, "https://herald.example/iran-israel/"+ds, "Herald", "Iran and Israel, "+ds, "iran-israel-"+ds, day, []fixtureSentence{
				{text: text, events: []fixtureEvent{{src: src, srcText: srcText, tgt: tgt, tgtText: tgtText, code: code, trigger: trig}}},
			}))
		}
		// CHN–TWN: drills every fifth day.
		if d%5 == 0 {
			docs = append(docs, fixtureDoc(t, "https://strait.example/"+ds, "Strait Times", "Drills near Taiwan, "+ds, "chn-twn-"+ds, day, []fixtureSentence{
				{text: "China staged military drills around Taiwan for a second day.", events: []fixtureEvent{{src: "CHNMIL", srcText: "China", tgt: "TWN", tgtText: "Taiwan", code: "152", trigger: "staged military drills"}}},
			}))
		}
	}
	// A wire story told by three outlets: one event with three sources.
	day := fixtureStart.AddDate(0, 0, 20)
	for i, site := range []string{"Wire", "Herald", "Courier"} {
		docs = append(docs, fixtureDoc(t, fmt.Sprintf("https://%s.example/oman-talks", strings.ToLower(site)), site,
			"Oman hosts U.S.–Iran talks", "oman-talks", day, []fixtureSentence{
				{text: knownSentence, events: []fixtureEvent{{src: "OMNGOV", srcText: "Oman", tgt: "USA", tgtText: "the United States", code: "043", trigger: "hosted"}}},
				{text: fmt.Sprintf("Report %d of the same story.", i+1)},
			}))
	}
	// Hostile markup in the title and the text.
	docs = append(docs, fixtureDoc(t, "https://evil.example/x", "Evil <b>Site</b>", hostileTitle, "hostile", fixtureStart.AddDate(0, 0, 45), []fixtureSentence{
		{text: hostileText, events: []fixtureEvent{{src: "IRN", srcText: "Iran", tgt: "ISR", tgtText: "Israel", code: "138", trigger: "warned"}}},
	}))
	return docs
}

// fixtureStore is a real SQLite store in a temporary folder holding the
// fixture, with its tension series, indexes and alerts computed by the
// tension package.
func fixtureStore(t testing.TB) (*sqlite.Store, []detente.Document) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/detente.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	docs := fixtureDocs(t)
	if err := st.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := tension.NewUpdater(st, nil, tension.DefaultParams(), quiet).Rebuild(ctx, st); err != nil {
		t.Fatal(err)
	}
	return st, docs
}

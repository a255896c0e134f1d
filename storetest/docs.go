package storetest

import (
	"fmt"
	"strings"
	"time"

	"github.com/detente-project/detente"
)

// day returns UTC midnight of a "YYYY-MM-DD" date.
func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(fmt.Sprintf("storetest: bad day %q", s)) // test data written by hand
	}
	return t
}

// ev describes one event of a hand-built document.
type ev struct {
	sentence     int
	src, tgt     string // full actor codes: "USAGOV", "IRN"
	code         string
	negated, hyp bool
}

// actor builds an actor from a code whose first three letters are the
// country (or six for IGO codes).
func actor(code string) detente.Actor {
	country := code
	if strings.HasPrefix(code, "IGO") && len(code) >= 6 {
		country = code[:6]
	} else if len(code) > 3 {
		country = code[:3]
	}
	return detente.Actor{Code: code, Country: country, Agent: code[len(country):], Text: code + " text",
		Start: 0, End: len(code), Entry: "countries.txt:1"}
}

// doc builds a document published on date whose body is the sentences, with
// the given events coded from them.
func doc(url, story, date string, sentences []string, evs ...ev) detente.Document {
	published := day(date).Add(9*time.Hour + 30*time.Minute)
	body := strings.Join(sentences, " ")
	a := detente.Article{
		ID: detente.ArticleID(url, body), URL: url, CanonicalURL: url, Site: "example.org",
		Title: "Title of " + url, Byline: "A. Writer", Published: published,
		DateSource: detente.DateFromMetadata, Lang: "en", Body: body,
		Fetched: published.Add(time.Hour), StoryID: story, ContentHash: detente.ContentHash(body),
		Fingerprint: []uint64{1, 2, 3, uint64(len(body)) << 40},
	}
	d := detente.Document{Article: a}
	off := 0
	for i, s := range sentences {
		d.Sentences = append(d.Sentences, detente.Sentence{ArticleID: a.ID, Index: i, Text: s, Start: off, End: off + len(s)})
		off += len(s) + 1
	}
	for _, e := range evs {
		src, tgt := actor(e.src), actor(e.tgt)
		d.Events = append(d.Events, detente.Event{
			ID: detente.EventID(a.ID, e.sentence, e.src, e.tgt, e.code), Date: day(date),
			Source: src, Target: tgt, Code: e.code, Root: e.code[:2], Quad: detente.QuadOf(e.code),
			Goldstein: 3.5, Plover: "CONSULT",
			Location: detente.Location{Country: "OMN", Place: "Muscat", Lat: 23.588, Lon: 58.3829, HasCoord: true,
				Source: detente.PlaceSentence},
			Negated: e.negated, Hypothetical: e.hyp,
			Trigger: detente.Span{Text: "met", Start: 10, End: 13}, Rule: "verbs.txt:118", Confidence: 0.8,
			ArticleID: a.ID, SentenceIndex: e.sentence, StoryID: story, NumSources: 1,
			CoderVersion: "test-coder", DictVersion: "test-dict",
		})
	}
	return d
}

// Corpus returns five hand-built documents from 2025-03-01 to 2025-03-05
// (one a day, one story each) with ten events over several countries,
// agents and codes, two of them not counted (one negated, one
// hypothetical). The suite's filter and search tests select from it; other
// packages' tests may store it too.
func Corpus() []detente.Document {
	return []detente.Document{
		doc("https://a.example/1", "s1", "2025-03-01", []string{
			"U.S. and Iran began technical talks in Oman on Saturday.",
			"The Iranian foreign minister said (again) that \"progress\" was possible.",
		}, ev{0, "USAGOV", "IRNGOV", "046", false, false}, ev{1, "IRNGOV", "USAGOV", "036", false, false}),
		doc("https://b.example/2", "s2", "2025-03-02", []string{
			"Israeli jets struck targets near Damascus overnight.",
			"Iran accused Israel of aggression.",
		}, ev{0, "ISRMIL", "SYR", "195", false, false}, ev{1, "IRN", "ISR", "112", false, false}),
		doc("https://c.example/3", "s3", "2025-03-03", []string{
			"China did not threaten Taiwan, officials insisted.",
			"Beijing may impose sanctions on Taipei if talks fail.",
		}, ev{0, "CHN", "TWN", "130", true, false}, ev{1, "CHNGOV", "TWNGOV", "163", false, true}),
		doc("https://d.example/4", "s4", "2025-03-04", []string{
			"The United Nations urged Israel and Iran to show restraint.",
		}, ev{0, "IGOUNO", "ISR", "010", false, false}, ev{0, "IGOUNO", "IRN", "010", false, false}),
		doc("https://e.example/5", "s5", "2025-03-05", []string{
			"Iranian police arrested protesters in Tehran; Israel's army mobilised.",
		}, ev{0, "IRNCOP", "IRNCVL", "173", false, false}, ev{0, "ISRMIL", "IRN", "152", false, false}),
	}
}

// ids returns the IDs of events in order.
func ids(evs []detente.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/cameo"
	"github.com/detente-project/detente/dedup"
	"golang.org/x/sync/errgroup"
)

// scaleCountries are the countries of the synthetic store, most reported
// first: the generator draws them by a Zipf law over this order, so a few
// pairs carry most events and a long tail of pairs carries a few each.
var scaleCountries = []struct{ code, name string }{
	{"USA", "United States"}, {"CHN", "China"}, {"RUS", "Russia"}, {"UKR", "Ukraine"}, {"ISR", "Israel"},
	{"IRN", "Iran"}, {"GBR", "Britain"}, {"FRA", "France"}, {"DEU", "Germany"}, {"IND", "India"},
	{"PAK", "Pakistan"}, {"TUR", "Turkey"}, {"SAU", "Saudi Arabia"}, {"JPN", "Japan"}, {"KOR", "South Korea"},
	{"PRK", "North Korea"}, {"SYR", "Syria"}, {"IRQ", "Iraq"}, {"EGY", "Egypt"}, {"TWN", "Taiwan"},
	{"AFG", "Afghanistan"}, {"LBN", "Lebanon"}, {"YEM", "Yemen"}, {"QAT", "Qatar"}, {"ARE", "the Emirates"},
	{"BRA", "Brazil"}, {"MEX", "Mexico"}, {"CAN", "Canada"}, {"AUS", "Australia"}, {"ITA", "Italy"},
	{"ESP", "Spain"}, {"POL", "Poland"}, {"NGA", "Nigeria"}, {"ZAF", "South Africa"}, {"ETH", "Ethiopia"},
	{"SDN", "Sudan"}, {"LBY", "Libya"}, {"VEN", "Venezuela"}, {"COL", "Colombia"}, {"ARG", "Argentina"},
	{"IDN", "Indonesia"}, {"PHL", "the Philippines"}, {"VNM", "Vietnam"}, {"THA", "Thailand"}, {"MMR", "Myanmar"},
	{"BGD", "Bangladesh"}, {"KAZ", "Kazakhstan"}, {"AZE", "Azerbaijan"}, {"ARM", "Armenia"}, {"GEO", "Georgia"},
	{"BLR", "Belarus"}, {"SRB", "Serbia"}, {"GRC", "Greece"}, {"CUB", "Cuba"}, {"KEN", "Kenya"},
	{"SOM", "Somalia"}, {"MLI", "Mali"}, {"NER", "Niger"}, {"JOR", "Jordan"}, {"OMN", "Oman"},
}

// scaleAgents are the agents an actor may carry, "" (the country itself)
// and GOV most often.
var scaleAgents = []string{"", "GOV", "", "GOV", "MIL", "GOV", "", "OPP", "REB", "BUS", "MED", "JUD", "LEG", "CVL", "COP"}

// scaleRootShare is roughly how GDELT's events spread over the CAMEO roots:
// statements, consultations and cooperation far more often than force.
var scaleRootShare = map[string]int{
	"01": 10, "02": 7, "03": 7, "04": 20, "05": 9, "06": 3, "07": 2, "08": 2, "09": 1, "10": 2,
	"11": 6, "12": 3, "13": 3, "14": 3, "15": 1, "16": 2, "17": 4, "18": 5, "19": 8, "20": 1,
}

// scaleWords are common words of news prose, most frequent first; the
// generator draws them by a Zipf law and adds a long tail of made-up names.
var scaleWords = strings.Fields(`the of and to in a said on for that with by was as at from his its
officials minister government talks president security foreign week after would military forces
border trade agreement meeting state spokesman capital statement reported country region support
peace ministry defence sanctions nuclear deal attack troops police protest election economic aid
visit leaders summit council talks ceasefire missile oil gas energy refugees negotiations diplomats
embassy envoy army rebels opposition parliament court investigation violence strike drone navy
port bank investment tariffs exports imports crisis humanitarian ceasefire hostages prisoners
accord treaty pledge warned accused denied rejected condemned urged demanded threatened welcomed`)

// scaleTail is how many made-up names (places, people) join the words.
const scaleTail = 4000

// scaleGen generates a synthetic corpus, deterministic from its seed.
type scaleGen struct {
	rng       *rand.Rand
	country   *rand.Zipf
	word      *rand.Zipf
	codes     map[string][]cameo.Code // by root
	roots     []string                // each root repeated by its share
	vocab     []string                // scaleWords then the tail
	start     time.Time
	days      int
	story     int
	sites     []string
	coderInfo [2]string
	// inOrder dates each story by how far the generation has got
	// (progress, of 1), so that the stories are written in the order of
	// their days, as news arrives, and their rows lie in their tables in
	// that order; otherwise each is dated on a random day. Either way the
	// same stories are drawn, only dated differently.
	inOrder  bool
	progress float64
}

// ingestedDays is how many of a generated store's last days are written
// after its bulk load, through the writes and indexes an ingest uses.
// The bulk load builds each index by sorting it whole, which packs its
// leaf pages full (at 1,000,000 events the event indexes' leaves had 13
// to 40 bytes free of 4,096), so that the first row written into any
// range of an index split its leaf; in a store grown by ingest, the
// leaves new rows go to have room, split as they filled. A month written
// as an ingest writes it gives the ranges that the next day's news
// reaches (the newest days of each pair, code and actor) the leaves of a
// grown store.
const ingestedDays = 30

// recent reports whether a story (its copies, as nextStory returns them)
// falls in the last ingestedDays days of the generator's span.
func (g *scaleGen) recent(story []detente.Document) bool {
	return !story[0].Article.Published.Before(g.start.AddDate(0, 0, g.days-ingestedDays))
}

// newScaleGen returns a generator of stories published over the days
// from start.
func newScaleGen(seed uint64, start time.Time, days int) *scaleGen {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &scaleGen{
		rng:       rng,
		country:   rand.NewZipf(rng, 1.3, 2, uint64(len(scaleCountries)-1)),
		codes:     map[string][]cameo.Code{},
		start:     start,
		days:      days,
		coderInfo: [2]string{"bench-scale", "bench-scale"},
	}
	for _, c := range cameo.All() {
		g.codes[c.Root] = append(g.codes[c.Root], c)
	}
	for root, n := range scaleRootShare {
		if len(g.codes[root]) > 0 {
			for range n {
				g.roots = append(g.roots, root)
			}
		}
	}
	// Map order is random: sort for determinism.
	slices.Sort(g.roots)
	g.vocab = append(g.vocab, scaleWords...)
	syll := strings.Fields("ka ro vi len dar mo tes an bri gol sha nu pel ur zan qi fo mer tol ash")
	for i := range scaleTail {
		n := i
		var b strings.Builder
		for range 3 {
			b.WriteString(syll[n%len(syll)])
			n /= len(syll)
		}
		b.WriteString(syll[(i*7)%len(syll)])
		w := b.String()
		g.vocab = append(g.vocab, strings.ToUpper(w[:1])+w[1:])
	}
	g.word = rand.NewZipf(rng, 1.1, 3, uint64(len(g.vocab)-1))
	for i := range 40 {
		g.sites = append(g.sites, fmt.Sprintf("news%02d.example", i))
	}
	return g
}

// pickCountry returns an index into scaleCountries, by popularity.
func (g *scaleGen) pickCountry() int { return int(g.country.Uint64()) }

// actor returns the actor of country i with a drawn agent.
func (g *scaleGen) actor(i int) detente.Actor {
	c := scaleCountries[i]
	agent := scaleAgents[g.rng.IntN(len(scaleAgents))]
	return detente.Actor{Code: c.code + agent, Country: c.code, Agent: agent, Text: c.name, Entry: "bench-scale"}
}

// code draws a CAMEO code by the roots' shares.
func (g *scaleGen) code() cameo.Code {
	cs := g.codes[g.roots[g.rng.IntN(len(g.roots))]]
	return cs[g.rng.IntN(len(cs))]
}

// words returns n words drawn by frequency.
func (g *scaleGen) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.vocab[g.word.Uint64()]
	}
	return strings.Join(ws, " ")
}

// copies draws how many articles tell one story: most stories once, wire
// stories up to eight times.
func (g *scaleGen) copies() int {
	switch r := g.rng.IntN(100); {
	case r < 50:
		return 1
	case r < 70:
		return 2
	case r < 82:
		return 3
	default:
		return 4 + g.rng.IntN(5)
	}
}

// plannedEvent is one event of a story, before it is placed in a copy.
type plannedEvent struct {
	sentence       int
	source, target detente.Actor // with their offsets in the sentence
	trigger        detente.Span
	code           cameo.Code
	negated, hyp   bool
}

// nextStory returns the articles of the next story: one to eight copies
// of the same report, each with 10 to 20 sentences and the story's one to
// six events, mostly between one pair of countries.
func (g *scaleGen) nextStory() []detente.Document {
	g.story++
	storyID := fmt.Sprintf("bench-story-%d", g.story)
	d := g.rng.IntN(g.days)
	if g.inOrder {
		d = min(int(g.progress*float64(g.days)), g.days-1)
	}
	day := g.start.AddDate(0, 0, d)
	a := g.pickCountry()
	b := g.pickCountry()
	for b == a {
		b = g.pickCountry()
	}
	nsent := 10 + g.rng.IntN(11)
	sentences := make([]string, nsent)
	for i := range sentences {
		sentences[i] = g.words(12 + g.rng.IntN(18))
	}
	var evs []plannedEvent
	for _, at := range g.rng.Perm(nsent)[:1+g.rng.IntN(6)] {
		src, tgt := a, b
		switch r := g.rng.IntN(10); {
		case r < 4:
			src, tgt = b, a
		case r == 9:
			// A third country joins the story.
			if t := g.pickCountry(); t != src {
				tgt = t
			}
		}
		e := plannedEvent{sentence: at, source: g.actor(src), target: g.actor(tgt), code: g.code(),
			negated: g.rng.IntN(40) == 0, hyp: g.rng.IntN(40) == 0}
		// "<source> <two words> <code name> <target> <words>."
		s := e.source.Text + " " + g.words(2) + " "
		e.source.End = len(e.source.Text)
		e.trigger = detente.Span{Text: e.code.Name, Start: len(s), End: len(s) + len(e.code.Name)}
		s += e.code.Name + " "
		e.target.Start, e.target.End = len(s), len(s)+len(e.target.Text)
		sentences[at] = s + e.target.Text + " " + g.words(6+g.rng.IntN(10)) + "."
		evs = append(evs, e)
	}
	for i, s := range sentences {
		if !strings.HasSuffix(s, ".") {
			sentences[i] = strings.ToUpper(s[:1]) + s[1:] + "."
		}
	}
	title := fmt.Sprintf("%s and %s: %s", scaleCountries[a].name, scaleCountries[b].name, g.words(5))
	n := g.copies()
	docs := make([]detente.Document, n)
	for k := range docs {
		// Each copy has its outlet's own lede and is published within a
		// day of the first.
		own := append([]string{g.words(14) + "."}, sentences...)
		site := g.sites[g.rng.IntN(len(g.sites))]
		published := day.Add(time.Duration(6+k)*time.Hour + time.Duration(g.rng.IntN(3600))*time.Second)
		docs[k] = g.document(fmt.Sprintf("https://%s/%d/%d", site, g.story, k), site, storyID, title, published, own, evs)
	}
	return docs
}

// document builds one copy of a story: its sentences with offsets, and
// its events shifted past the copy's lede.
func (g *scaleGen) document(url, site, story, title string, published time.Time, sentences []string, evs []plannedEvent) detente.Document {
	body := strings.Join(sentences, " ")
	a := detente.Article{
		ID: detente.ArticleID(url, body), URL: url, CanonicalURL: url, Site: site, Title: title,
		Byline: "Staff", Published: published, DateSource: detente.DateFromMetadata, Lang: "en", Body: body,
		Fetched: published.Add(time.Hour), StoryID: story, ContentHash: detente.ContentHash(body),
		Fingerprint: dedup.Fingerprint(body),
	}
	d := detente.Document{Article: a, Sentences: make([]detente.Sentence, len(sentences))}
	off := 0
	for i, s := range sentences {
		d.Sentences[i] = detente.Sentence{ArticleID: a.ID, Index: i, Text: s, Start: off, End: off + len(s)}
		off += len(s) + 1
	}
	date := published.Truncate(24 * time.Hour)
	for _, e := range evs {
		idx := e.sentence + 1
		src, tgt := e.source, e.target
		d.Events = append(d.Events, detente.Event{
			ID: detente.EventID(a.ID, idx, src.Code, tgt.Code, e.code.Code), Date: date,
			Source: src, Target: tgt, Code: e.code.Code, Root: e.code.Root, Quad: e.code.Quad,
			Goldstein: e.code.Goldstein, Plover: e.code.Plover,
			Location: detente.Location{Country: tgt.Country},
			Negated:  e.negated, Hypothetical: e.hyp,
			Trigger: e.trigger,
			Rule:    "bench-scale", Confidence: 0.8,
			ArticleID: a.ID, SentenceIndex: idx, StoryID: story, NumSources: 1,
			CoderVersion: g.coderInfo[0], DictVersion: g.coderInfo[1],
		})
	}
	return d
}

// scaleLoad writes stories from g into w in batches until at least
// events events are generated, and returns the articles and events
// generated. Stories that hold reports (nil: none) are not written but
// returned, whole and in order, with the rest of the counts: the caller
// writes them later (writeStories). progress is called, from one
// goroutine, with the events generated so far each time a batch is handed
// to a writer.
func scaleLoad(ctx context.Context, w detente.DocumentWriter, g *scaleGen, events, writers int, progress func(events int),
	hold func(story []detente.Document) bool) (articles, written int, held [][]detente.Document, err error) {
	next := func() []detente.Document {
		for written < events {
			g.progress = float64(written) / float64(events)
			story := g.nextStory()
			articles += len(story)
			for _, d := range story {
				written += len(d.Events)
			}
			if hold == nil || !hold(story) {
				return story
			}
			held = append(held, story)
		}
		return nil
	}
	err = writeStories(ctx, w, writers, next, func() { progress(written) })
	return articles, written, held, err
}

// storiesOf returns a next for writeStories that gives stories in order,
// then nil.
func storiesOf(stories [][]detente.Document) func() []detente.Document {
	return func() []detente.Document {
		if len(stories) == 0 {
			return nil
		}
		story := stories[0]
		stories = stories[1:]
		return story
	}
}

// scaleBatch is the least number of documents in a batch of writeStories.
const scaleBatch = 256

// writeStories writes the stories next returns, until it returns nil,
// into w in batches of whole stories, at least scaleBatch documents but
// the last. writers batches are written at once, each in its own
// transaction: as a batch holds whole stories, which batch is written
// first changes nothing stored but the order of rows. sent is called, from
// one goroutine, each time a batch is handed to a writer.
func writeStories(ctx context.Context, w detente.DocumentWriter, writers int, next func() []detente.Document, sent func()) error {
	eg, ctx := errgroup.WithContext(ctx)
	batches := make(chan []detente.Document, writers)
	for range max(writers, 1) {
		eg.Go(func() error {
			for docs := range batches {
				if err := w.WriteDocuments(ctx, docs); err != nil {
					return err
				}
			}
			return nil
		})
	}
	eg.Go(func() error {
		defer close(batches)
		var docs []detente.Document
		for {
			story := next()
			docs = append(docs, story...)
			if len(docs) > 0 && (story == nil || len(docs) >= scaleBatch) {
				select {
				case batches <- docs:
				case <-ctx.Done():
					return ctx.Err()
				}
				sent()
				docs = nil
			}
			if story == nil {
				return nil
			}
		}
	})
	return eg.Wait()
}

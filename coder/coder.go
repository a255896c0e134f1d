// Package coder codes political events from sentences: who did what to whom
// in CAMEO terms, with the evidence (actor spans, trigger, rule) for every
// event.
//
// It reads a sentence in passes, each with its output in the --explain
// view and in the golden file testdata/passes.golden:
//
//  1. tokens (package text) tagged with a coarse part of speech
//     (tagger.go, from the WordNet-derived lexicon grammar/pos.txt);
//  2. actor mentions (package actor's dictionaries) and places (package
//     geo), grouped into actor phrases: lists, an agent composed with a
//     country from an adjective, a possessive or a place ("police in
//     Kiev"), names after titles (phrase.go);
//  3. clauses: for each verb group its subject, voice, negation,
//     modality and controlling verb ("agreed to", "threatened to"), through
//     appositives, relative and participle clauses, coordination and
//     reported speech (clause.go);
//  4. triggers: the event patterns of dict/verbs*.txt matched at the verbs
//     and nouns of the sentence, with their slots (trigger.go, nominal.go);
//  5. events: sources and targets from the clause and the slots, codes
//     adjusted for intent, threat and refusal, one-sided events where the
//     sentence names one side only, provenance (emit.go).
//
// The words the passes read clauses with (determiners, speech verbs,
// verbs that take an infinitive, the codes that behave in their own way)
// are data in grammar/words.txt; patterns are data in dict/; adding a verb
// takes one dictionary line. WithDictDir adds a user's own dictionaries or
// PETRARCH2's (CAMEO.2.0.txt; see ReadPetrarchVerbs). Precision comes first:
// a side that is not safe to name is left empty rather than guessed. It
// depends only on the standard library and detente's own packages.
package coder

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/actor"
	"github.com/detente-project/detente/geo"
	"github.com/detente-project/detente/text"
)

//go:embed dict/*.txt
var embedded embed.FS

// The coder is the pipeline's code stage.
var _ detente.Coder = (*Coder)(nil)

// Coder codes events. It is safe for concurrent use.
type Coder struct {
	dict        *actor.Dictionary
	rules       []*Rule
	byWord      map[string][]*Rule // every form of a rule's first word → its rules
	verbForms   map[string]bool    // every form of every rule's verb
	participles map[string]bool    // forms that may be a past participle
	version     string
	places      *geo.Gazetteer // nil when no gazetteer is loaded
	lex         map[string]*lexeme
	pos         posLexicon        // the tagger's open-class lexicon
	wordID      map[string]uint32 // every literal word of the patterns → a number
	pool        sync.Pool
	reports     []actor.Report // of the files of the dictionary folder
}

// Option configures a Coder.
type Option func(*config)

type config struct{ dir string }

// WithDictDir adds the dictionaries of dir to the embedded ones: actor
// dictionaries as actor.Load reads them, gazetteers (places*.txt) as
// geo.Load reads them, and verb dictionaries whose rules take precedence
// over the embedded rules: verbs*.txt in detente's format, and PETRARCH or
// TABARI verb files (a name containing ".verbs", or a .txt file with
// PETRARCH verb blocks such as CAMEO.2.0.txt; see actor.Classify and
// ReadPetrarchVerbs). A file named like an embedded one replaces it.
// Coder.Reports says what was read from each file of dir.
func WithDictDir(dir string) Option { return func(c *config) { c.dir = dir } }

// New loads the dictionaries and returns a Coder.
func New(opts ...Option) (*Coder, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	dict, err := actor.Load(cfg.dir)
	if err != nil {
		return nil, fmt.Errorf("load actor dictionaries: %w", err)
	}
	rules, hash, verbReports, err := loadRules(cfg.dir)
	if err != nil {
		return nil, err
	}
	pos, err := loadPOS()
	if err != nil {
		return nil, fmt.Errorf("load part-of-speech lexicon: %w", err)
	}
	places, placeReports, err := geo.Load(cfg.dir)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	c := &Coder{dict: dict, rules: rules, byWord: map[string][]*Rule{}, verbForms: map[string]bool{},
		participles: map[string]bool{}, pos: pos, version: dict.Version() + "-" + hash + "-" + places.Version(), places: places,
		reports: append(append(dict.Reports(), verbReports...), placeReports...)}
	sort.SliceStable(c.reports, func(i, j int) bool { return c.reports[i].File < c.reports[j].File })
	inflected := map[string][]string{} // a verb's forms, for the many rules of one verb
	for _, r := range rules {
		forms := []string{r.Verb}
		if !r.Literal {
			inf, ok := inflected[r.Verb]
			if !ok {
				inf = Inflect(r.Verb)
				inflected[r.Verb] = inf
			}
			forms = append(inf[:len(inf):len(inf)], r.Forms...)
			for _, f := range forms {
				c.verbForms[f] = true
			}
			for _, f := range forms[1:] {
				if strings.HasSuffix(f, "ed") || strings.HasSuffix(f, "en") || strings.HasSuffix(f, "wn") ||
					!strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ing") {
					c.participles[f] = true
				}
			}
		}
		for _, f := range forms {
			c.byWord[f] = append(c.byWord[f], r)
		}
	}
	c.buildLexicon()
	c.numberWords()
	c.pool.New = func() any { return new(work) }
	return c, nil
}

// loadRules reads the embedded verb dictionaries and those of dir; rules of
// dir come first. It returns them with a hash of their contents and the
// reports of the files of dir.
func loadRules(dir string) ([]*Rule, string, []actor.Report, error) {
	type file struct {
		name, format string
		data         []byte
	}
	var files []file
	names, err := fs.Glob(embedded, "dict/*.txt")
	if err != nil {
		return nil, "", nil, fmt.Errorf("list embedded verb dictionaries: %w", err)
	}
	for _, n := range names {
		b, err := embedded.ReadFile(n)
		if err != nil {
			return nil, "", nil, fmt.Errorf("read embedded %s: %w", n, err)
		}
		files = append(files, file{filepath.Base(n), actor.FormatVerbs, b})
	}
	var own []file
	if dir != "" {
		paths, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			return nil, "", nil, fmt.Errorf("list verb dictionaries in %s: %w", dir, err)
		}
		for _, p := range paths {
			base := filepath.Base(p)
			if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() || !mayBeVerbFile(actor.Classify(base, nil)) {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, "", nil, fmt.Errorf("read verb dictionary: %w", err)
			}
			if f := actor.Classify(base, b); f == actor.FormatVerbs || f == actor.FormatPetrarchVerbs {
				own = append(own, file{base, f, b})
			}
		}
	}
	replaced := map[string]bool{}
	for _, f := range own {
		replaced[f.name] = true
	}
	all := own
	for _, f := range files {
		if !replaced[f.name] {
			all = append(all, f)
		}
	}
	sort.SliceStable(all[len(own):], func(i, j int) bool { return all[len(own)+i].name < all[len(own)+j].name })
	h := newHash()
	var rules []*Rule
	var reports []actor.Report
	for i, f := range all {
		h.add(f.name, f.data)
		read := ParseRules
		if f.format == actor.FormatPetrarchVerbs {
			read = ReadPetrarchVerbs
		}
		rs, rep, err := read(f.name, bytes.NewReader(f.data))
		if err != nil {
			return nil, "", nil, err
		}
		if i < len(own) {
			reports = append(reports, rep)
		}
		rules = append(rules, rs...)
	}
	return rules, h.sum(), reports, nil
}

// mayBeVerbFile reports whether a file classified by its name alone may be
// a verb dictionary: a .txt file may turn out one by its content.
func mayBeVerbFile(format string) bool {
	return format == actor.FormatVerbs || format == actor.FormatPetrarchVerbs || format == actor.FormatActors
}

// DictVersion returns the version recorded on every event: the hashes of
// the actor dictionaries, the verb dictionaries and the gazetteer, joined
// by "-", so that a change to any dictionary file changes it.
func (c *Coder) DictVersion() string { return c.version }

// Reports says what was read from each file of the dictionary folder
// given by WithDictDir, sorted by file name: entries loaded, lines skipped
// and a warning for each malformed line, whatever the file's format. It is
// empty without a folder.
func (c *Coder) Reports() []actor.Report { return append([]actor.Report(nil), c.reports...) }

// Rules returns the number of event patterns loaded.
func (c *Coder) Rules() int { return len(c.rules) }

// Code codes the events of an article's sentences, in sentence order.
// Pronouns and hosts ("the talks, hosted by Oman") are resolved within
// the article only.
func (c *Coder) Code(a *detente.Article, sentences []detente.Sentence) []detente.Event {
	w := c.pool.Get().(*work)
	defer c.pool.Put(w)
	w.art = artState{}
	var out []detente.Event
	for _, s := range sentences {
		out = c.codeSentence(w, a, s, out)
	}
	return out
}

// CodeText codes one sentence on its own, dated date.
func (c *Coder) CodeText(sentence string, date time.Time) []detente.Event {
	a := &detente.Article{Published: date}
	return c.Code(a, []detente.Sentence{{Text: sentence, End: len(sentence)}})
}

// codeSentence codes one sentence and appends its events to out.
func (c *Coder) codeSentence(w *work, a *detente.Article, s detente.Sentence, out []detente.Event) []detente.Event {
	w.reset(c, s.Text, a.Published)
	w.index = s.Index
	w.analyse()
	out = w.emit(a, s, out)
	w.rememberPeople()
	return out
}

// maxTokens is the most tokens of a sentence the coder reads.
const maxTokens = 300

// work is the reusable state of coding one sentence.
type work struct {
	c       *Coder
	s       actor.Sentence
	date    time.Time
	ments   []actor.Mention
	mentAt  []int           // token → mention index+1 starting there
	blocked []bool          // token → inside a blocking phrase ("South China Sea")
	blocks  []actor.Mention // the blocking phrases, for explanations
	phrases []phrase
	arena   []unit // the units of the phrases
	startOf []int  // token → phrase index+1 starting there
	endOf   []int  // token → phrase index+1 ending there
	trig    []trigger
	words   []string  // token → match key
	lex     []*lexeme // token → what the coder knows of it, nil for nothing
	tags    []tag     // token → part of speech (tagger.go)
	posBuf  posEntry  // scratch: a token's possible tags
	present []uint64  // bit set of the pattern words in the sentence (Coder.wordID)
	mask    uint64    // the same numbers modulo 64
	ends    []int     // scratch: word ends for gazetteer lookups
	art     artState
	index   int              // sentence index, for article state
	dateEnd int              // token after the sentence's dateline, 0 for none
	loc     detente.Location // where the sentence puts its events, once locRead
	locRead bool
}

func (w *work) reset(c *Coder, s string, date time.Time) {
	w.c = c
	w.s.Text, w.s.Lower = s, text.LowerASCII(s)
	w.s.Tokens = text.Tokenize(s, w.s.Tokens[:0])
	// A "sentence" this long is a splitting failure (a table, a list):
	// coding only its start keeps the coder's time linear in the input.
	if len(w.s.Tokens) > maxTokens {
		w.s.Tokens = w.s.Tokens[:maxTokens]
	}
	w.words, w.lex = w.words[:0], w.lex[:0]
	if n := (len(c.wordID) + 64) / 64; len(w.present) != n {
		w.present = make([]uint64, n)
	}
	clear(w.present)
	w.mask = 0
	for i := range w.s.Tokens {
		wd := w.s.Word(i)
		w.words = append(w.words, wd)
		w.lex = append(w.lex, c.lookup(wd))
		if id, ok := c.wordID[wd]; ok {
			w.present[id/64] |= 1 << (id % 64)
			w.mask |= 1 << (id % 64)
		}
	}
	w.tagTokens()
	y, m, d := date.UTC().Date()
	w.date = time.Time{}
	if !date.IsZero() {
		w.date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	w.locRead = false
	w.ments = w.ments[:0]
	w.phrases = w.phrases[:0]
	w.arena = w.arena[:0]
	w.trig = w.trig[:0]
	n := len(w.s.Tokens)
	w.mentAt = zeroed(w.mentAt, n)
	if cap(w.blocked) < n {
		w.blocked = make([]bool, n)
	}
	w.blocked = w.blocked[:n]
	clear(w.blocked)
	w.startOf = zeroed(w.startOf, n)
	w.endOf = zeroed(w.endOf, n)
}

func zeroed(b []int, n int) []int {
	if cap(b) < n {
		return make([]int, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// analyse finds the mentions, phrases and triggers of the sentence.
func (w *work) analyse() {
	w.ments = w.c.dict.Match(&w.s, w.date, w.ments)
	// A blocking phrase names nobody: it only keeps its words from actors
	// and places.
	kept := w.ments[:0]
	w.blocks = w.blocks[:0]
	for _, m := range w.ments {
		if !m.Entry.Block {
			kept = append(kept, m)
			continue
		}
		w.blocks = append(w.blocks, m)
		for k := m.Start; k < m.End; k++ {
			w.blocked[k] = true
		}
	}
	w.ments = kept
	for i, m := range w.ments {
		w.mentAt[m.Start] = i + 1
	}
	w.buildPhrases()
	w.findTriggers()
}

// word returns the match key of token i, "" outside the sentence.
func (w *work) word(i int) string {
	if i < 0 || i >= len(w.s.Tokens) {
		return ""
	}
	return w.words[i]
}

// mention returns the mention starting at token i, or nil.
func (w *work) mention(i int) *actor.Mention {
	if i < 0 || i >= len(w.mentAt) || w.mentAt[i] == 0 {
		return nil
	}
	return &w.ments[w.mentAt[i]-1]
}

// mentionLen returns the length in tokens of the mention at i, or 0.
func (w *work) mentionLen(i int) int {
	if m := w.mention(i); m != nil {
		return m.End - m.Start
	}
	return 0
}

// sentenceLocation returns where the sentence puts its events (location),
// read once a sentence: the phrases that guess countries and every event
// ask for it.
func (w *work) sentenceLocation() detente.Location {
	if !w.locRead {
		w.loc, w.locRead = w.location(), true
	}
	return w.loc
}

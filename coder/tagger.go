package coder

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/detente-project/detente/text"
)

// The coder's first pass tags each token with a coarse part of speech.
// Closed classes come from grammar/words.txt; open-class words from
// grammar/pos.txt, a lexicon generated from WordNet with the parts of
// speech of each word in the order of their frequency in SemCor; a few
// rules of context choose among them ("the attack" is a noun, "Iran
// attacks" a verb) and suffixes tag what neither knows. It is a lexicon
// tagger, not a trained model: one map lookup a token keeps the coder
// at tens of thousands of sentences a second, and the later passes need
// only to tell verbs, nouns and modifiers apart.

// tag is a coarse part of speech.
type tag uint8

// The tags. tagVerbPast stands for both the past tense and the past
// participle ("attacked").
const (
	tagNone tag = iota
	tagPunct
	tagNum
	tagDet
	tagPrep
	tagTo
	tagPron
	tagAux   // forms of be, have, do
	tagModal // can, will, would...
	tagNeg
	tagConj
	tagNoun
	tagPlural
	tagProper
	tagVerb     // base or present form
	tagVerb3    // third person present: "attacks"
	tagVerbPast // "attacked", "met"
	tagVerbIng  // "attacking"
	tagAdj
	tagAdv
)

var tagNames = [...]string{"", "PUNCT", "NUM", "DET", "PREP", "TO", "PRON", "AUX", "MODAL", "NEG", "CONJ",
	"NN", "NNS", "NNP", "VB", "VBZ", "VBD", "VBG", "JJ", "RB"}

func (t tag) String() string { return tagNames[t] }

// finite reports whether the tag is a verb form that can head a clause.
func (t tag) finite() bool { return t == tagVerb3 || t == tagVerbPast || t == tagVerb }

// posFile is the generated open-class lexicon.
//
//go:embed grammar/pos.txt
var posFile string

// posEntry is what the lexicon knows of a word form: its possible tags,
// the most frequent first.
type posEntry []tag

// posLexicon maps words of grammar/pos.txt to their tags as written: a
// lemma's base tags (NN, VB, JJ, RB) and an irregular form's (VBD, NNS).
type posLexicon map[string]posEntry

// ReadPOSLexicon reads a lexicon in the format of grammar/pos.txt ("word n
// v a r" a line; V and N for irregular forms). name is used in errors,
// which carry the line number.
func ReadPOSLexicon(name string, r io.Reader) (posLexicon, error) {
	lex := posLexicon{}
	sc := bufio.NewScanner(r)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: want a word and its parts of speech", name, ln)
		}
		e := make(posEntry, 0, len(f)-1)
		for _, p := range f[1:] {
			t, ok := posLetters[p]
			if !ok {
				return nil, fmt.Errorf("%s:%d: unknown part of speech %q", name, ln, p)
			}
			e = append(e, t)
		}
		lex[f[0]] = e
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return lex, nil
}

var posLetters = map[string]tag{"n": tagNoun, "v": tagVerb, "a": tagAdj, "r": tagAdv, "V": tagVerbPast, "N": tagPlural}

// lookup returns the tags of a word form: those of the word itself, then
// those its regular inflection gives a lemma ("attacks" is a plural noun
// and a verb in the third person; "attacked" a past). buf is reused.
func (lex posLexicon) lookup(w string, buf posEntry) posEntry {
	buf = append(buf[:0], lex[w]...)
	add := func(base string, noun, verb tag) {
		for _, t := range lex[base] {
			switch {
			case t == tagNoun && noun != tagNone:
				buf = appendTag(buf, noun)
			case t == tagVerb && verb != tagNone:
				buf = appendTag(buf, verb)
			}
		}
	}
	n := len(w)
	switch {
	case n > 4 && hasSuffix(w, "ing"):
		stem := w[:n-3]
		add(stem, tagNone, tagVerbIng)
		add(stem+"e", tagNone, tagVerbIng)
		if len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] {
			add(stem[:len(stem)-1], tagNone, tagVerbIng)
		}
	case n > 3 && hasSuffix(w, "ied"):
		add(w[:n-3]+"y", tagNone, tagVerbPast)
	case n > 3 && hasSuffix(w, "ed"):
		stem := w[:n-2]
		add(stem, tagNone, tagVerbPast)
		add(w[:n-1], tagNone, tagVerbPast)
		if len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] {
			add(stem[:len(stem)-1], tagNone, tagVerbPast)
		}
	case n > 3 && hasSuffix(w, "ies"):
		add(w[:n-3]+"y", tagPlural, tagVerb3)
	case n > 2 && hasSuffix(w, "s") && !hasSuffix(w, "ss"):
		add(w[:n-1], tagPlural, tagVerb3)
		if hasSuffix(w, "es") {
			add(w[:n-2], tagPlural, tagVerb3)
		}
	}
	return buf
}

func appendTag(e posEntry, t tag) posEntry {
	if e.has(t) {
		return e
	}
	return append(e, t)
}

var (
	posOnce sync.Once
	posLex  posLexicon
	posErr  error
)

// loadPOS reads the embedded lexicon once.
func loadPOS() (posLexicon, error) {
	posOnce.Do(func() { posLex, posErr = ReadPOSLexicon("grammar/pos.txt", strings.NewReader(posFile)) })
	return posLex, posErr
}

// tagTokens tags the tokens of the sentence into w.tags.
func (w *work) tagTokens() {
	n := len(w.s.Tokens)
	if cap(w.tags) < n {
		w.tags = make([]tag, n)
	}
	w.tags = w.tags[:n]
	prev := tagNone
	for i := 0; i < n; i++ {
		t := w.tagAt(i, prev)
		w.tags[i] = t
		prev = t
	}
}

// tagAt tags token i after a token tagged prev.
func (w *work) tagAt(i int, prev tag) tag {
	tok := w.s.Tokens[i]
	c := w.words[i]
	if c == "'s" || c == "'" {
		return tagDet
	}
	switch tok.Kind {
	case text.Punct:
		return tagPunct
	case text.Number:
		return tagNum
	}
	switch {
	case c == "to":
		return tagTo
	case w.is(i, cBe|cHave|cDo):
		return tagAux
	case w.is(i, cHypModal|cFutModal):
		return tagModal
	case w.is(i, cNeg):
		return tagNeg
	case c == "and" || c == "or" || c == "but" || c == "nor":
		return tagConj
	case w.is(i, cPrep) || c == "that" || c == "because" || c == "while" || c == "if" || c == "whether":
		return tagPrep
	case w.is(i, cDet):
		return tagDet
	case w.is(i, cPronoun) || c == "we" || c == "i" || c == "you" || c == "who" || c == "which":
		return tagPron
	case w.is(i, cAdverb):
		return tagAdv
	}
	w.posBuf = w.c.pos.lookup(c, w.posBuf)
	entry := w.posBuf
	if len(entry) == 0 {
		entry = nil
	}
	if w.capitalised(i) {
		// Mid-sentence capitals are names; so is a first word WordNet
		// knows only as a noun ("Iran", "Police").
		if i > 0 && !opensSentence(w.words[i-1]) || entry == nil || entry.only(tagNoun, tagPlural) {
			return tagProper
		}
	}
	if w.is(i, cSpeech) {
		// "said" is a verb here, whatever WordNet's adjective.
		for _, t := range entry {
			if t.finite() {
				return t
			}
		}
		return tagVerbPast
	}
	if entry == nil {
		if prev == tagTo || prev == tagModal || prev == tagNeg {
			// "did not apologise"
			return tagVerb
		}
		if w.is(i, cVerb) && !w.is(i, cParticiple|cMeeting) && prev != tagDet && prev != tagAdj {
			// A verb of the patterns that WordNet's counts leave out:
			// "demanded that Hamas renounce".
			return verbSuffixTag(c)
		}
		return suffixTag(c)
	}
	switch prev {
	case tagDet, tagAdj, tagNum:
		// "the attack", "a new strike", "two attacks"; but "67 poor
		// farmers", "the elderly Kenyan nationals": an adjective before a
		// name or a noun.
		if entry.has(tagAdj) && w.nounNext(i) {
			return tagAdj
		}
		if t, ok := entry.first(tagNoun, tagPlural, tagAdj); ok {
			return t
		}
	case tagTo, tagModal, tagNeg:
		if entry.has(tagVerb) {
			return tagVerb
		}
	case tagAux:
		if t, ok := entry.first(tagVerbPast, tagVerbIng); ok {
			return t
		}
	case tagVerb, tagVerb3, tagVerbPast, tagVerbIng, tagPrep:
		// "held talks", "in talks": an object
		if t, ok := entry.first(tagNoun, tagPlural); ok && !entry.has(tagVerbPast) {
			return t
		}
	case tagProper, tagPlural, tagPron:
		if w.is(i-1, cTime) {
			// "denied on Thursday charges by": a day is no subject.
			if t, ok := entry.first(tagNoun, tagPlural); ok {
				return t
			}
			break
		}
		// "Iran attacks", "militants attacked", "they attack"
		if t, ok := entry.first(tagVerb3, tagVerbPast); ok {
			return t
		}
		if prev != tagProper && entry.has(tagVerb) {
			return tagVerb
		}
		if t, ok := entry.first(tagNoun, tagPlural); ok {
			// "the EU plan"
			return t
		}
	}
	if entry[0] == tagAdj && entry.has(tagVerbPast) && prev != tagDet && prev != tagAdj && prev != tagNum {
		// "rejected", "held": a verb after anything but a determiner.
		return tagVerbPast
	}
	return entry[0]
}

// has reports whether t is one of the entry's tags.
func (e posEntry) has(t tag) bool {
	for _, x := range e {
		if x == t {
			return true
		}
	}
	return false
}

// first returns the first of ts that the entry has.
func (e posEntry) first(ts ...tag) (tag, bool) {
	for _, t := range ts {
		if e.has(t) {
			return t, true
		}
	}
	return tagNone, false
}

// only reports whether the entry has no tag but ts.
func (e posEntry) only(ts ...tag) bool {
	for _, x := range e {
		ok := false
		for _, t := range ts {
			ok = ok || x == t
		}
		if !ok {
			return false
		}
	}
	return true
}

// nounNext reports whether the token after i is a name or a word the
// lexicon knows only as a noun.
func (w *work) nounNext(i int) bool {
	j := i + 1
	if j >= len(w.s.Tokens) || w.s.Tokens[j].Kind != text.Word {
		return false
	}
	if w.capitalised(j) {
		return true
	}
	e := w.c.pos.lookup(w.words[j], nil)
	return len(e) > 0 && e.only(tagNoun, tagPlural)
}

// opensSentence reports whether a word before a capitalised one leaves it
// the first word of a sentence or quotation, where capitals say nothing.
func opensSentence(prev string) bool {
	return prev == "\"" || prev == "“" || prev == ":" || prev == "‘" || prev == "("
}

// verbSuffixTag tags a form of a pattern's verb that the lexicon does not
// know by its ending.
func verbSuffixTag(c string) tag {
	switch {
	case hasSuffix(c, "ing"):
		return tagVerbIng
	case hasSuffix(c, "ed"):
		return tagVerbPast
	case hasSuffix(c, "s") && !hasSuffix(c, "ss"):
		return tagVerb3
	}
	return tagVerb
}

// suffixTag tags a lower-case word the lexicon does not know by its ending.
func suffixTag(c string) tag {
	switch {
	case hasSuffix(c, "ly"):
		return tagAdv
	case hasSuffix(c, "ing"):
		return tagVerbIng
	case hasSuffix(c, "ed"):
		return tagVerbPast
	case hasSuffix(c, "tion") || hasSuffix(c, "ment") || hasSuffix(c, "ness") || hasSuffix(c, "ity") || hasSuffix(c, "ism"):
		return tagNoun
	case hasSuffix(c, "ous") || hasSuffix(c, "ive") || hasSuffix(c, "al") || hasSuffix(c, "ic") || hasSuffix(c, "ful") ||
		hasSuffix(c, "less") || hasSuffix(c, "able") || hasSuffix(c, "ible") || strings.Contains(c, "-"):
		return tagAdj
	case hasSuffix(c, "s") && !hasSuffix(c, "ss"):
		return tagPlural
	}
	return tagNoun
}

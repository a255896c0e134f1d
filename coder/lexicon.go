package coder

// class is a set of word classes, as bits.
type class uint32

// The word classes of words.go, as bits, so that one map lookup per token
// tells everything the coder asks about it.
const (
	cDet class = 1 << iota
	cMod
	cPrep
	cBe
	cHave
	cDo
	cHypModal
	cFutModal
	cNeg
	cAdverb
	cTime
	cSpeech
	cPronoun
	cHypWord
	cCommentator
	cCommentVerb
	cMeeting
	cObjPrep
	cDenial
	cVerb       // a form of a pattern's verb
	cParticiple // a form that may be a past participle
)

// lexeme is what the coder knows of one word.
type lexeme struct {
	cls   class
	rules []*Rule // patterns starting with the word
	ctl   control // as a verb taking an infinitive
	bectl control // after "be", taking an infinitive
}

// lyAdverb stands for words ending in -ly that the lexicon does not know.
var lyAdverb = &lexeme{cls: cAdverb}

// buildLexicon merges the closed word classes and the coder's patterns into
// one map.
func (c *Coder) buildLexicon() {
	c.lex = map[string]*lexeme{}
	get := func(w string) *lexeme {
		l := c.lex[w]
		if l == nil {
			l = &lexeme{}
			c.lex[w] = l
		}
		return l
	}
	for _, s := range []struct {
		words map[string]bool
		cls   class
	}{
		{determiners, cDet}, {modifiers, cMod}, {prepositions, cPrep}, {beForms, cBe}, {haveForms, cHave},
		{doForms, cDo}, {hypotheticalModals, cHypModal}, {futureModals, cFutModal}, {negations, cNeg},
		{adverbs, cAdverb}, {timeWords, cTime}, {speechVerbs, cSpeech}, {pronouns, cPronoun},
		{hypothetical, cHypWord}, {commentators, cCommentator}, {commentVerbs, cCommentVerb},
		{meetingNouns, cMeeting}, {objectPreps, cObjPrep}, {denials, cDenial},
	} {
		for w := range s.words {
			get(w).cls |= s.cls
		}
	}
	for _, w := range notAdverbs {
		get(w)
	}
	for w, ct := range controlForms {
		get(w).ctl = ct
	}
	for w, ct := range beControls {
		get(w).bectl = ct
	}
	for w := range c.verbForms {
		get(w).cls |= cVerb
	}
	for w := range c.participles {
		get(w).cls |= cParticiple
	}
	for w, rs := range c.byWord {
		get(w).rules = rs
	}
}

// notAdverbs end in -ly but are not adverbs.
var notAdverbs = wordList("not-adverbs")

// lookup returns the lexeme of a word, nil when the coder knows nothing of
// it.
func (c *Coder) lookup(w string) *lexeme {
	if l := c.lex[w]; l != nil {
		return l
	}
	if len(w) > 4 && w[len(w)-2:] == "ly" {
		return lyAdverb
	}
	return nil
}

// numberWords gives every literal word of the patterns a number, so that
// a sentence's words are a bit set against which a rule is passed over
// at once when one of its words is missing.
func (c *Coder) numberWords() {
	c.wordID = map[string]uint32{}
	for _, r := range c.rules {
		for k := range r.elems {
			e := &r.elems[k]
			if e.kind != elemWord {
				continue
			}
			e.ids, e.mask = e.ids[:0], 0
			for _, x := range e.words {
				id, ok := c.wordID[x]
				if !ok {
					id = uint32(len(c.wordID))
					c.wordID[x] = id
				}
				e.ids = append(e.ids, id)
				e.mask |= 1 << (id % 64)
			}
		}
	}
}

// is reports whether token i has any of the classes.
func (w *work) is(i int, cls class) bool {
	if i < 0 || i >= len(w.lex) || w.lex[i] == nil {
		return false
	}
	return w.lex[i].cls&cls != 0
}

// ctlOf returns what token i does as a verb taking an infinitive, after
// "be" when be is true.
func (w *work) ctlOf(i int, be bool) control {
	if i < 0 || i >= len(w.lex) || w.lex[i] == nil {
		return ctlNone
	}
	if be {
		return w.lex[i].bectl
	}
	return w.lex[i].ctl
}

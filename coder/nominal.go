package coder

import "github.com/detente-project/detente/text"

// Noun events: a pattern whose first word is a noun ("~attack on +") names
// an act whose doer stands around the noun, not before a verb:
//
//	Russia's attack on Ukraine          possessive
//	Israeli strikes on Gaza             an actor's adjective
//	accusations by Iran against Israel  "by" after the noun
//	an attack on Kyiv by Russia         "by" after the target
//	a truce between A and B brokered by C  "by" ending the pattern
//
// Talks, meetings and clashes "between" two actors need no doer: they join
// them both ways.

// nounSource finds the doer of the noun trigger t and where its noun
// phrase starts and ends; src is the doer's phrase index+1, 0 for none.
func (w *work) nounSource(t *trigger) (src, start, end int) {
	i := t.at
	start, end = w.nounStart(i), t.end
	if w.word(i+1) == "by" {
		if p := w.objectAt(i + 2); p != 0 && !w.phrases[p-1].isPlace() {
			return p, start, end
		}
	}
	// "a ceasefire between Israel and Hamas brokered by Egypt": a pattern
	// that ends in "by" has its doer there, or none.
	if t.end > t.at+1 && w.word(t.end-1) == "by" {
		if p := w.objectAt(t.end); p != 0 && !w.phrases[p-1].isPlace() {
			return p, start, w.phrases[p-1].end
		}
		return 0, start, end
	}
	if t.slot != 0 && w.word(t.end) == "by" {
		if p := w.objectAt(t.end + 1); p != 0 && !w.phrases[p-1].isPlace() {
			return p, start, w.phrases[p-1].end
		}
	}
	// The doer stands before the noun and its modifiers, as a possessive
	// or as an adjective.
	k := i - 1
	for n := 0; n < 2 && w.nounModifier(k); n++ {
		k--
	}
	possessive := false
	if c := w.word(k); c == "'s" || c == "'" {
		k--
		possessive = true
	}
	if k < 0 {
		return 0, start, end
	}
	p := w.endOf[k]
	if p == 0 || w.phrases[p-1].isPlace() {
		return 0, start, end
	}
	// "the Doha talks", "the Geneva meeting": a place before a meeting is
	// where it is held, not who holds it.
	if !possessive && meetingCodes.has(t.rule.Code) && w.venue(&w.phrases[p-1]) {
		return 0, start, end
	}
	return p, w.phrases[p-1].start, end
}

// venue reports whether a one-actor phrase is also a place of the
// gazetteer.
func (w *work) venue(p *phrase) bool {
	if len(p.units) != 1 || w.c.places == nil {
		return false
	}
	a, b := w.s.Tokens[p.start].Start, w.s.Tokens[p.end-1].End
	_, ok := w.c.places.Lookup(w.s.Text[a:b])
	return ok
}

// doerOfObject looks through the object of a verb of reaction that names
// an act and its doer: "condemned the killing of civilians by Israeli
// troops", "opposed violations of international law by China",
// "condemned as unacceptable allegations by Rwanda"; the object's own
// actors ("of civilians") are passed over. It returns where the doer's
// phrase starts, or j when the object has no "by" and an actor.
func (w *work) doerOfObject(j int) int {
	for k := j; k < len(w.s.Tokens) && k < j+10; k++ {
		t := w.s.Tokens[k]
		c := w.word(k)
		switch {
		case c == "by":
			// A doer whose country is only a guess from the sentence
			// ("condemned the attack by gunmen") stays unnamed.
			if p := w.objectAt(k + 1); p != 0 && !w.phrases[p-1].isPlace() && !allGuessed(w.phrases[p-1].units) {
				return w.phrases[p-1].start
			}
			return j
		case w.is(k, cVerb) && nounDeterminers[w.word(k-1)]:
			// "the killing of": a noun.
		case t.Kind == text.Punct && !quoteMarks[c], w.is(k, cVerb|cSpeech|cBe|cHave|cPronoun),
			c == "that" || c == "which" || c == "who" || c == "and" || c == "or" || c == "to":
			return j
		}
	}
	return j
}

// reactorOf resolves the pronoun at token k in "X condemned allegations by
// Y that it had ..." to X, the subject of the verb of reaction whose object
// holds the noun at token noun. It returns X's phrase index+1, or 0.
func (w *work) reactorOf(noun, k int) int {
	if c := w.word(k); c != "it" && c != "they" {
		return 0
	}
	for v := noun - 1; v >= 0 && v >= noun-8; v-- {
		if !reactionVerbs[w.word(v)] {
			continue
		}
		cl := w.leftContext(v)
		if cl.subj == 0 || cl.passive || w.phrases[cl.subj-1].isPlace() {
			return 0
		}
		return cl.subj
	}
	return 0
}

// quoteMarks may stand inside an object: condemned as “unacceptable”.
var quoteMarks = wordClass("quote-marks")

// nounDeterminers make the word after them a noun.
var nounDeterminers = wordClass("noun-determiners")

// nounContext reports whether the word at token i is a noun by what stands
// before it: a determiner or a possessive, past any modifiers ("the
// talks", "Iran's latest talks"), or a determiner before an actor ("the
// Doha talks").
func (w *work) nounContext(i int) bool {
	k := i - 1
	for n := 0; n < 2 && w.nounModifier(k); n++ {
		k--
	}
	if k >= 0 && w.endOf[k] != 0 && w.nounForm(i) {
		// "the Doha talks", "the Iranian attack": a determiner before an
		// actor before a word that is a noun of the patterns, and no
		// verb in the past ("the U.S. accused").
		k = w.phrases[w.endOf[k]-1].start - 1
		return k >= 0 && nounDeterminers[w.word(k)] && w.word(k) != "'s" && w.word(k) != "'"
	}
	if k >= 0 && w.is(k, cHave) && w.tags[i] != tagVerbPast && hasSuffix(w.word(i), "s") {
		// "had talks with": after "have", a form in -s is no verb.
		return true
	}
	if k < i-1 && w.tags[i] == tagVerbPast {
		// "the country staged", "the north attacked": a verb in the past
		// after a noun, not a noun after its modifiers.
		return false
	}
	return k >= 0 && nounDeterminers[w.word(k)]
}

// lightVerbs take an act named by a noun as their object: "announced
// sanctions against", "launched an attack on". The act's doer is their
// subject.
var lightVerbs = verbClass("light-verbs")

// lightDoer finds the doer of a noun trigger that has none of its own in
// the subject of a verb such as "announce" whose object list holds the
// noun: "Canada announced asset freezes and travel bans, as well as
// sanctions against Russian banks". The list may not cross a clause: a
// relative pronoun, a verb with a subject of its own, or the end of a
// sentence. It returns the subject's phrase index+1 and where the clause
// starts, or 0 and start.
func (w *work) lightDoer(t *trigger, start int) (int, int) {
	if c := w.word(start - 1); c == "of" || c == "for" || c == "against" || c == "about" {
		// "a review of the sanctions": another noun's complement.
		return 0, start
	}
	for k := start - 1; k >= 0 && k >= start-30; k-- {
		c := w.word(k)
		if lightVerbs[c] {
			cl := w.leftContext(k)
			if cl.subj == 0 || cl.passive || cl.noSubj || w.phrases[cl.subj-1].isPlace() {
				return 0, start
			}
			t.cl.neg = t.cl.neg || cl.neg
			t.cl.hyp = t.cl.hyp || cl.hyp
			t.cl.future = t.cl.future || cl.future
			t.cl.ctl = cl.ctl
			return cl.subj, w.phrases[cl.subj-1].start
		}
		switch {
		case c == "." || c == ";" || c == ":" || c == "that" || c == "which" || c == "who" || c == "whom" || c == "while" || c == "but":
			return 0, start
		case w.is(k, cVerb|cSpeech|cBe|cHave|cHypModal|cFutModal) && !nounDeterminers[w.word(k-1)] && w.word(k-1) != "and" &&
			w.word(k-1) != "," && !w.is(k-1, cPrep) &&
			(k == 0 || w.endOf[k-1] != 0 || w.is(k-1, cPronoun|cNeg|cAdverb) || !w.is(k, cVerb) || hasSuffix(c, "ed")):
			// Another verb, not a noun ("bans on travel to", "asset
			// freezes"): another clause.
			return 0, start
		}
	}
	return 0, start
}

// nounForm reports whether token i may be a noun of the patterns: a word
// that starts a noun pattern, in -s or without a verb's ending ("talks",
// "attack"; not "attacked", "attacking").
func (w *work) nounForm(i int) bool {
	l := w.lex[i]
	if l == nil {
		return false
	}
	for _, r := range l.rules {
		if r.Literal {
			c := w.word(i)
			return !hasSuffix(c, "ed") && !hasSuffix(c, "ing")
		}
	}
	return false
}

// nounStart returns the first token of the noun phrase whose noun is at
// token i: its modifiers and determiner included.
func (w *work) nounStart(i int) int {
	k := i - 1
	for n := 0; n < 2 && w.nounModifier(k); n++ {
		k--
	}
	return w.beforeDet(k+1) + 1
}

// nounModifier reports whether token k may stand between a doer and its
// noun: a lower-case word that is no actor, verb or function word
// ("latest", "full-scale", "deadly", "missile").
func (w *work) nounModifier(k int) bool {
	if k < 0 || k >= len(w.s.Tokens) || w.s.Tokens[k].Kind != text.Word || w.capitalised(k) ||
		w.mention(k) != nil || w.endOf[k] != 0 || w.blocked[k] {
		return false
	}
	switch w.word(k) {
	case "'s", "'", "and", "or", "but", "nor", "than", "so", "yet":
		return false
	}
	l := w.lex[k]
	return l == nil || l.cls&^(cMod|cAdverb) == 0 && len(l.rules) == 0
}

// prospective modifiers make a noun's act one that has not happened: "a
// possible attack", "the planned talks".
var prospective = wordClass("prospective")

// nounModality marks a noun trigger future or hypothetical from the words
// around its noun phrase: "a possible attack on", "talks between A and B
// will resume", "a meeting with Iran is planned".
func (w *work) nounModality(t *trigger, start, end int) {
	for k := start; k < t.at; k++ {
		if prospective[w.word(k)] {
			t.cl.hyp = true
		}
	}
	for k := end; k < len(w.s.Tokens) && k < end+4; k++ {
		switch {
		case w.is(k, cFutModal) || w.word(k) == "next" || w.is(k, cBe) && plannedWords[w.word(k+1)]:
			t.cl.future = true
			return
		case w.is(k, cHypModal):
			t.cl.hyp = true
			return
		case w.s.Tokens[k].Kind == text.Punct || w.is(k, cVerb):
			return
		}
	}
}

// symmetricNoun reports whether a noun pattern joins the actors of its
// slot both ways when no doer is named: "talks between A and B", "clashes
// between A and B"; not a mediation, which has a third side.
func symmetricNoun(r *Rule) bool {
	if r.slot <= 0 || thirdPartyCodes.has(r.Code) {
		return false
	}
	return has(r.elems[r.slot-1].words, "between")
}

// background words put a noun's act before the news: "since Russia's
// invasion of", "amid Israel's war on".
var background = wordClass("background")

// plannedWords after "is" or "was" make a noun's act future: "a meeting
// with Iran is planned".
var plannedWords = wordClass("planned-words")

// reactionVerbs take as object an act that happened: "condemned Russia's
// attack on", "rejected Iran's accusations against".
var reactionVerbs = verbClass("reaction-verbs")

// nounHappened reports whether a noun trigger whose noun phrase starts at
// token start reports what happened: the subject of its sentence or
// clause ("Talks between A and B resumed"), after "during", "in", "after"
// ("during talks between"), after a verb of reaction ("condemned Russia's
// attack on") or a speech verb, or "in response to"; not what someone
// wants ("called for talks between A and B"). A noun with a doer
// ("Russia's invasion of") after "since" or "amid" is background, not
// news.
func (w *work) nounHappened(start int, sourced bool) bool {
	k := w.nounAnchor(start)
	if k < 0 {
		return true
	}
	c := w.word(k)
	switch c {
	case ",", ";", ":", "during", "in", "at", "after", "following",
		"held", "holds", "holding", "hosted", "hosts", "hosting", "mediated", "mediates", "brokered", "organised", "organized":
		return true
	case "amid", "since", "before":
		return !sourced
	case "to", "for":
		switch w.word(k - 1) {
		case "response", "responded", "responds", "responding", "retaliation", "retaliated", "retaliates", "reaction", "reacted", "reacts":
			return true
		}
	}
	return sourced && (reactionVerbs[c] || w.is(k, cSpeech))
}

// doerlessHappened reports whether a noun trigger with no doer whose noun
// phrase starts at token start plainly reports what happened: the subject
// of its sentence or clause ("An attempt to assassinate the governor was
// thwarted"), or after "during", "in", "at" or "after" ("killed in an
// attack on"). Not after "before", "amid" or a verb: "before any strike
// on Syria" has not happened, "denied an attack on" may not have.
func (w *work) doerlessHappened(start int) bool {
	k := w.nounAnchor(start)
	if k < 0 {
		return true
	}
	switch w.word(k) {
	case ",", ";", ":", "during", "in", "at", "after", "following":
		return true
	}
	return false
}

// nounAnchor returns the token that a noun phrase starting at token start
// hangs from, past up to three modifiers and quotation marks: a
// preposition, a verb, a punctuation mark, or -1 at the sentence's start.
func (w *work) nounAnchor(start int) int {
	k := start - 1
	for n := 0; n < 3 && k >= 0; k-- {
		if quoteMarks[w.word(k)] {
			// condemned as “unacceptable” allegations
			continue
		}
		if w.word(k) == "as" && reactionVerbs[w.word(k-1)] {
			k--
			break
		}
		if w.s.Tokens[k].Kind != text.Word || !w.gapOK(k) || w.is(k, cVerb) || background[w.word(k)] ||
			w.word(k) == "after" || w.word(k) == "following" || w.word(k) == "during" {
			break
		}
		n++
	}
	return k
}

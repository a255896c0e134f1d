package coder

import (
	"strings"

	"github.com/detente-project/detente/text"
)

// trigger is a pattern matched in a sentence.
type trigger struct {
	rule  *Rule
	at    int // token of the verb
	end   int // token after the pattern
	slot  int // phrase index+1 of the "+" or "$" slot, 0 for none
	cl    clause
	score int
	// reciprocal marks a target "each other" or "one another": the events
	// join the members of the subject pairwise.
	reciprocal bool
	// nominal marks a passive whose pattern's noun stands before the verb:
	// "sanctions were imposed on Iran by", "evidence against Russia was
	// presented by". The slot is then the target, "by" the source.
	nominal bool
	// src is the phrase index+1 of the doer of a noun trigger ("Russia's
	// attack on", "an attack on Kyiv by Russia"), 0 for none.
	src int
	// doerless marks a noun trigger of force with no doer that plainly
	// happened ("An attempt to assassinate the governor was thwarted"):
	// its target is coded with the doer unnamed.
	doerless bool
}

// findTriggers matches the rules at every token and keeps, at each, the
// best match: the most elements matched, the first rule on a tie.
func (w *work) findTriggers() {
	n := len(w.s.Tokens)
	covered := 0
	for i := 0; i < n; i++ {
		if w.lex[i] == nil || len(w.lex[i].rules) == 0 {
			continue
		}
		// Inside an earlier pattern only a noun may start another ("hosted
		// talks between A and B").
		inside := i < covered
		cl := w.leftContext(i)
		best := trigger{}
		// After "the" or "Iran's" a word is a noun: "Iran's talks with"
		// is no verb "talk with".
		noun := w.nounContext(i)
		for _, r := range w.lex[i].rules {
			if (inside || noun) && !r.Literal || !w.wordsPresent(r) {
				continue
			}
			end, slot, score, ok := w.match(r, i, cl.passive)
			nominal, recip := false, false
			if !ok && !cl.passive {
				end, score, ok = w.matchReciprocal(r, i)
				recip = ok
			}
			if !ok && cl.passive {
				end, slot, score, ok = w.matchNominal(r, i, cl.start)
				nominal = ok
			}
			if ok && score > best.score {
				best = trigger{rule: r, at: i, end: end, slot: slot, cl: cl, score: score, nominal: nominal, reciprocal: recip}
			}
		}
		if best.rule == nil || w.attributive(&best) {
			continue
		}
		if best.rule.Literal && w.predicate(&best) {
			// "Japan is skeptical about", "Iran was open to talks with":
			// the subject of "be" is the doer.
			best.src = best.cl.subj
		} else if best.rule.Literal {
			src, start, end := w.nounSource(&best)
			if src == 0 && !inside && !symmetricNoun(best.rule) {
				src, start = w.lightDoer(&best, start)
			}
			// A deal "brokered by Egypt" was brokered, whatever the
			// parties did with it ("agreed to a ceasefire brokered by").
			if !w.nounHappened(start, src != 0) && !(src != 0 && thirdPartyCodes.has(best.rule.Code)) {
				continue
			}
			best.src = src
			best.doerless = src == 0 && attackCodes.has(best.rule.Code) && w.doerlessHappened(start) && w.tightSlot(&best)
			w.nounModality(&best, start, end)
		}
		w.trig = append(w.trig, best)
		if inside {
			continue
		}
		// Words of the pattern itself start no other trigger, but its slot
		// may, and so may its noun when it has no slot ("held talks
		// between A and B").
		covered = i + 1
		if best.slot != 0 {
			if p := w.phrases[best.slot-1]; p.start > i {
				covered = p.start
			}
		}
	}
}

// attributive reports whether a verb trigger is a participle used as an
// adjective before a noun its slot only modifies: "on occupied
// Palestinian land", "the U.S.-backed rebels".
func (w *work) attributive(t *trigger) bool {
	if t.rule.Literal || t.slot == 0 || w.tags[t.at] != tagVerbPast {
		return false
	}
	if t.at == 0 && w.capitalised(0) && w.phrases[t.slot-1].start == 1 {
		// "Ousted President Askar Akayev has agreed to resign"
		return true
	}
	if w.phrases[t.slot-1].head {
		return false
	}
	switch w.tags[max(t.at-1, 0)] {
	case tagDet, tagPrep, tagAdj:
		return t.at > 0 && w.word(t.at-1) != "by"
	}
	return false
}

// wordsPresent reports whether every literal word of rule r after its
// first has one of its forms somewhere in the sentence: a rule without
// them cannot match, and most rules of a common verb are passed over so.
func (w *work) wordsPresent(r *Rule) bool {
	for _, e := range r.elems {
		if e.kind != elemWord {
			continue
		}
		if e.mask&w.mask == 0 {
			return false
		}
		found := false
		for _, id := range e.ids {
			if w.present[id/64]&(1<<(id%64)) != 0 {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// predicate reports whether a noun or adjective trigger follows a form of
// "be" (adverbs and "not" aside) whose subject the clause has: "Japan is
// deeply skeptical about".
func (w *work) predicate(t *trigger) bool {
	if t.cl.subj == 0 || t.cl.passive {
		return false
	}
	k := t.at - 1
	for k >= 0 && w.is(k, cAdverb|cNeg) {
		k--
	}
	return k >= 0 && w.is(k, cBe)
}

// match tries rule r with its first word at token i. In the passive voice
// a rule's first target is the subject, so it is not looked for after the
// verb. It returns the token after the match, the slot's phrase index+1,
// and a score: one per word, two per slot.
func (w *work) match(r *Rule, i int, passive bool) (end, slot, score int, ok bool) {
	j, score := i+1, 1
	if r.Literal && w.word(j) == "by" {
		// "accusations by Iran against Israel": the doer, then the rest.
		if p := w.objectAt(j + 1); p != 0 {
			j = w.phrases[p-1].end
		}
	}
	first := r.firstSlot()
	for ei, e := range r.elems {
		switch e.kind {
		case elemWord:
			k, found := j, false
			if (ei == 0 || r.elems[ei-1].kind != elemWord && r.elems[ei-1].kind != elemAmount) && !has(e.words, w.word(k)) {
				// "warned Ukraine on Monday not to", "denied on Thursday
				// charges by": the day after the verb or the slot is no
				// part of the pattern.
				k = w.afterAdjunct(k)
			}
			maxGap := 3
			if prepositions[e.words[0]] {
				maxGap = 0
			}
			for g := 0; g <= maxGap && k < len(w.s.Tokens); g++ {
				if has(e.words, w.word(k)) {
					found = true
					break
				}
				if !w.gapOK(k) && !w.modifierActor(k) {
					break
				}
				k++
			}
			if !found && maxGap == 0 {
				// "protested in Kiev against", "carried out strikes last
				// month against": a place or a time before the
				// preposition.
				if a := w.skipAdjuncts(j); a > j && has(e.words, w.word(a)) {
					k, found = a, true
				}
			}
			if !found {
				return 0, 0, 0, false
			}
			j, score = k+1, score+1
		case elemAmount:
			k, ok := w.amount(j)
			if !ok {
				return 0, 0, 0, false
			}
			j, score = k, score+1
		default:
			if passive && ei == first && e.kind == elemTarget {
				continue
			}
			k := j
			// A sum comes first: the number of "200 billion dollars of
			// Chinese goods" is no modifier to pass over.
			if _, sum := w.amount(k); !sum {
				for g := 0; g < 4 && k < len(w.s.Tokens) && w.startOf[k] == 0 && w.skippable(k); g++ {
					k++
				}
			}
			// "tariffs on $200 billion (worth) of Chinese goods"
			if e, ok := w.amount(k); ok {
				k = e
				if w.word(k) == "worth" {
					k++
				}
				if w.word(k) == "of" {
					k++
				}
			}
			k = w.memberOf(k)
			k = w.settlementOf(k)
			if ei > 0 && r.elems[ei-1].kind == elemWord && (has(r.elems[ei-1].words, "on") || has(r.elems[ei-1].words, "against")) {
				k = w.tradeWith(k)
			}
			if (k >= len(w.s.Tokens) || w.startOf[k] == 0) && len(r.elems) == 1 && !r.Literal && reactionVerbs[w.word(i)] {
				k = w.doerOfObject(j)
			}
			if k < len(w.s.Tokens) && w.startOf[k] == 0 && r.Literal && ei > 0 && has(r.elems[ei-1].words, "that") {
				// "rejected allegations by Rwanda that it had": the
				// rejecter.
				if p := w.reactorOf(i, k); p != 0 {
					slot, j, score = p, k+1, score+2
					continue
				}
			}
			if k < len(w.s.Tokens) && w.startOf[k] == 0 && e.kind == elemTarget && !r.Literal {
				// "Biden called Macron and urged him to": the person
				// named last before the verb, not its subject.
				if p := w.objectPronoun(i, k); p != 0 {
					slot, j, score = p, k+1, score+2
					continue
				}
			}
			if (k >= len(w.s.Tokens) || w.startOf[k] == 0) && r.Literal && e.kind == elemTarget {
				// "Iran condemned the American strike on its territory":
				// what the sentence's subject owns is the subject.
				if p, end := w.ownedBySubject(i, j); p != 0 {
					slot, j, score = p, end, score+2
					continue
				}
			}
			if k >= len(w.s.Tokens) || w.startOf[k] == 0 {
				return 0, 0, 0, false
			}
			slot = w.startOf[k]
			if ph := &w.phrases[slot-1]; !ph.head && hasSuffix(w.word(ph.end-1), "-based") {
				// "acclaimed London-based designer": where someone is
				// based names no side.
				return 0, 0, 0, false
			}
			j, score = w.phrases[slot-1].end, score+2
			// "rejected Kyiv's accusations": the slot's possessive.
			if c := w.word(j); ei+1 < len(r.elems) && (c == "'s" || c == "'") {
				j++
			}
			// "forced the UN refugee agency, UNHCR, out of": an
			// appositive that names the slot's actor again.
			if ei+1 < len(r.elems) {
				j = w.afterRestated(slot, j)
			}
		}
	}
	return j, slot, score, true
}

// matchReciprocal matches a pattern whose only slot is its target with
// "each other" or "one another" there: "accused each other of".
func (w *work) matchReciprocal(r *Rule, i int) (end, score int, ok bool) {
	fs := r.firstSlot()
	if fs < 0 || r.elems[fs].kind != elemTarget {
		return 0, 0, false
	}
	j, ok := w.literals(r.elems[:fs], i+1)
	if !ok {
		return 0, 0, false
	}
	if a, b := w.word(j), w.word(j+1); !(a == "each" && b == "other" || a == "one" && b == "another") {
		return 0, 0, false
	}
	return j + 2, fs + 3, true
}

// matchNominal matches a passive verb whose pattern puts a noun before
// the target ("impose sanctions on +") with the noun before the verb group
// starting at start: "Sanctions were imposed on Iran", "Evidence against
// Russia was presented".
func (w *work) matchNominal(r *Rule, i, start int) (end, slot, score int, ok bool) {
	fs := r.firstSlot()
	if fs <= 0 || r.elems[fs].kind != elemTarget {
		return 0, 0, 0, false
	}
	words := r.elems[:fs]
	h := -1
	for k := start - 1; k >= 0 && k >= start-4; k-- {
		if has(words[0].words, w.word(k)) {
			h = k
			break
		}
	}
	if h < 0 {
		return 0, 0, 0, false
	}
	score = len(words) + 3
	// "Evidence against Russia was presented by": all before the verb.
	if j, ok := w.literals(words[1:], h+1); ok {
		if p := w.objectAt(j); p != 0 && w.phrases[p-1].end <= start {
			return i + 1, p, score, true
		}
	}
	// "Sanctions were imposed on Iran by": the rest after the verb; "a
	// mortar bomb was fired at Israel": part before, part after.
	for n := 1; n < len(words); n++ {
		if j, ok := w.literals(words[1:n], h+1); !ok || n > 1 && j != start {
			continue
		}
		j, ok := w.literals(words[n:], i+1)
		if !ok {
			continue
		}
		if p := w.objectAt(j); p != 0 {
			return w.phrases[p-1].end, p, score, true
		}
		if p := w.speakerObject(j, r); p != 0 {
			return j + 1, p, score, true
		}
	}
	return 0, 0, 0, false
}

// speakerObject resolves "it" after "at", "on" or "against" in a report of
// an attack to the reporter: "Israel said a mortar bomb was fired at it"
// is a bomb fired at Israel. It returns the reporter's phrase index+1, or
// 0.
func (w *work) speakerObject(j int, r *Rule) int {
	if w.word(j) != "it" || !attackCodes.has(r.Code) {
		return 0
	}
	switch w.word(j - 1) {
	case "at", "on", "against", "into":
	default:
		return 0
	}
	for k := j - 1; k >= 0; k-- {
		if !w.is(k, cSpeech) || w.insideQuote(k) {
			continue
		}
		if cl := w.leftContext(k); cl.subj != 0 && !cl.passive && !w.phrases[cl.subj-1].isPlace() {
			return cl.subj
		}
		return 0
	}
	return 0
}

// literals matches pattern words at token j, one token each, and returns
// the token after them.
func (w *work) literals(es []elem, j int) (int, bool) {
	for _, e := range es {
		if e.kind != elemWord || !has(e.words, w.word(j)) {
			return j, false
		}
		j++
	}
	return j, true
}

// objectAt returns the phrase (index+1) of an object starting at token j
// after skippable words, or 0.
func (w *work) objectAt(j int) int {
	for g := 0; g < 4 && j < len(w.s.Tokens) && w.startOf[j] == 0 && w.skippable(j); g++ {
		j++
	}
	if j >= len(w.s.Tokens) {
		return 0
	}
	return w.startOf[j]
}

// memberOf looks through "members of", "officers in the", "positions
// of": a plural noun the dictionaries do not know, followed by "of" or
// "in" and an actor, stands for that actor. It returns where the actor
// starts, or k unchanged.
func (w *work) memberOf(k int) int {
	if k+2 >= len(w.s.Tokens) || w.startOf[k] != 0 || w.s.Tokens[k].Kind != text.Word || w.capitalised(k) ||
		w.lex[k] != nil && !collectives[w.word(k)] || !hasSuffix(w.word(k), "s") {
		return k
	}
	if c := w.word(k + 1); c != "of" && c != "in" {
		return k
	}
	j := k + 2
	// "bodies of 500 Russian soldiers", "members of the"
	for g := 0; g < 3 && j < len(w.s.Tokens) && w.startOf[j] == 0 && w.skippable(j); g++ {
		j++
	}
	if j < len(w.s.Tokens) && w.startOf[j] != 0 && !w.phrases[w.startOf[j]-1].isPlace() {
		return j
	}
	return k
}

// objectPronoun resolves "him" or "her" at token k after the verb at
// token i to the person the sentence names last before the verb, passing
// over the verb's subject. It returns the phrase index+1, or 0.
func (w *work) objectPronoun(i, k int) int {
	if c := w.word(k); c != "him" && c != "her" || c == "her" && k+1 < len(w.s.Tokens) && (w.tags[k+1] == tagNoun || w.tags[k+1] == tagPlural || w.tags[k+1] == tagAdj) {
		// "urged her country to": a possessive, not the object.
		return 0
	}
	subj := w.leftContext(i).subj
	for j := i - 1; j >= 0; j-- {
		p := w.endOf[j]
		if p == 0 {
			continue
		}
		ph := &w.phrases[p-1]
		if len(ph.units) != 1 || !isPerson(&ph.units[0]) {
			continue
		}
		if p == subj {
			// "Erdogan said Trump had urged him": the one before.
			continue
		}
		return p
	}
	return 0
}

// ownedBySubject reads "its" or "their" and the nouns after it at token j
// as a thing of the sentence's first subject, when that subject stands
// before the noun trigger at token i: "Iran condemned the American strike
// on its territory". It returns the subject's phrase index+1 and the token
// after the nouns, or 0.
func (w *work) ownedBySubject(i, j int) (int, int) {
	if c := w.word(j); c != "its" && c != "their" {
		return 0, j
	}
	s := w.firstSubject(i)
	if s == 0 || w.phrases[s-1].end > i {
		return 0, j
	}
	k := j + 1
	for g := 0; g < 3 && k < len(w.s.Tokens) && w.mention(k) == nil; g++ {
		switch w.tags[k] {
		case tagNoun, tagPlural, tagAdj:
			k++
			continue
		}
		break
	}
	if k == j+1 {
		return 0, j
	}
	return s, k
}

// tradeWith looks through the trade that sanctions fall on to the country
// traded with: "eased sanctions on humanitarian trade with Iran", "tariffs
// on steel imports from China". Up to two nouns or adjectives the
// dictionaries do not know stand before "with", "from" or "to" and the
// actor. It returns where the actor starts, or k unchanged.
func (w *work) tradeWith(k int) int {
	j := k
	for g := 0; g < 3 && j < len(w.s.Tokens) && w.startOf[j] == 0 && w.mention(j) == nil && !w.capitalised(j); g++ {
		switch w.tags[j] {
		case tagNoun, tagPlural, tagAdj:
		default:
			if c := w.word(j); c == "with" || c == "from" || c == "to" {
				if g > 0 && j+1 < len(w.s.Tokens) && w.startOf[j+1] != 0 && !w.phrases[w.startOf[j+1]-1].isPlace() {
					return j + 1
				}
			}
			return k
		}
		j++
	}
	if c := w.word(j); j > k && (c == "with" || c == "from" || c == "to") && j+1 < len(w.s.Tokens) && w.startOf[j+1] != 0 && !w.phrases[w.startOf[j+1]-1].isPlace() {
		return j + 1
	}
	return k
}

// memberOfBefore reports whether token b is the "of" of "members of",
// "fighters of", "supporters of": what follows is the actor the members
// act for ("Members of the Taliban attacked").
func (w *work) memberOfBefore(b int) bool {
	return w.word(b) == "of" && b > 0 && memberNouns[w.word(b-1)]
}

// settlementOf returns the token of the actor in "the city of Kunduz", "the
// port of Hodeidah" when a settlement noun and "of" start at k, or k.
func (w *work) settlementOf(k int) int {
	if k+2 < len(w.s.Tokens) && settlements[w.word(k)] && w.word(k+1) == "of" && w.startOf[k+2] != 0 {
		return k + 2
	}
	return k
}

// settlements are the nouns of "the city of": a place named after "of".
var settlements = wordClass("settlements")

// afterAdjunct returns the token after the time words and adverbs that
// start at k ("on Monday", "last week", "again"), or k when there are none
// or they end in a word that needs more ("on", "last").
func (w *work) afterAdjunct(k int) int {
	e := k
	for e < len(w.s.Tokens) && w.is(e, cTime|cAdverb) && w.mention(e) == nil {
		e++
	}
	if e == k || openAdjuncts[w.word(e-1)] {
		return k
	}
	return e
}

// skipAdjuncts returns the token after the time adjuncts and places that
// start at k ("on Monday", "last month", "in Kiev", "in the capital"), or
// k when there are none. A place is "in", "at" or "near" with a country or
// a place of the gazetteer, or a settlement noun ("in the capital").
func (w *work) skipAdjuncts(k int) int {
	for n := 0; n < 3; n++ {
		if a := w.afterAdjunct(k); a > k {
			k = a
			continue
		}
		c := w.word(k)
		if c != "in" && c != "at" && c != "near" {
			return k
		}
		j := k + 1
		for g := 0; g < 2 && j < len(w.s.Tokens) && w.is(j, cDet|cMod) && w.mention(j) == nil; g++ {
			j++
		}
		switch {
		case j >= len(w.s.Tokens):
			return k
		case w.startOf[j] != 0 && w.phrases[w.startOf[j]-1].units[0].agent == "" && len(w.phrases[w.startOf[j]-1].units) == 1:
			k = w.phrases[w.startOf[j]-1].end
		case settlements[w.word(j)]:
			k = j + 1
		default:
			return k
		}
	}
	return k
}

// openAdjuncts are time words that need a word after them.
var openAdjuncts = wordClass("open-adjuncts")

// gapOK reports whether token k may stand between two words of a pattern:
// a modifier such as "direct" in "held direct talks", not a function word,
// a verb or an actor.
func (w *work) gapOK(k int) bool {
	t := w.s.Tokens[k]
	c := w.word(k)
	if t.Kind == text.Punct {
		// "a $500 million loan", "pledged his country's support"
		// "to forge “ties of confidence”"
		return c == "$" || c == "€" || c == "£" || quoteMarks[c] && c != "'" ||
			c == "'s" && k > 0 && w.mention(k-1) == nil && w.endOf[k-1] == 0
	}
	// An agent word with no country is a modifier: "air strikes on
	// military targets in Iran".
	// An organisation is a modifier too: "vetoed a UN Security Council
	// resolution condemning Syria".
	if m := w.mention(k); m != nil && !m.Entry.IsAgent && !strings.HasPrefix(m.Entry.Country, "IGO") {
		return false
	}
	// "dozens of rockets"
	if w.quantityOf(k) {
		return true
	}
	// A verb in the present starts another clause: "held talks, says".
	return !w.is(k, cPrep|cBe|cHave|cNeg|cSpeech|cHypModal|cFutModal) && c != "and" && c != "or" && c != "that" &&
		w.tags[k] != tagVerb3 && w.tags[k] != tagModal
}

// modifierActor reports whether token k is an actor's adjective that
// modifies a pattern's noun: "provided Vietnam with a surplus American
// ship".
func (w *work) modifierActor(k int) bool {
	p := w.startOf[k]
	return p != 0 && w.phrases[p-1].end == k+1 && !w.phrases[p-1].head
}

// skippable reports whether token k may stand between a verb and its
// object's actor: "accused the two exiled dissidents", "freed over 150
// Palestinian prisoners", "killed dozens of Iranian soldiers".
func (w *work) skippable(k int) bool {
	t := w.s.Tokens[k]
	if t.Kind == text.Number {
		return true
	}
	if w.word(k) == "of" {
		return w.quantityOf(k)
	}
	// "the rebel-held enclave of", "Kurdish-controlled areas"
	c := w.word(k)
	if hasSuffix(c, "-held") || hasSuffix(c, "-controlled") || hasSuffix(c, "-occupied") {
		return true
	}
	switch c {
	case "about", "over", "at", "than", "more":
		// "killed about 300 Iranians", not "asked about the Muslim
		// Brotherhood": a count's word, or a preposition.
		return k+1 < len(w.s.Tokens) && (w.s.Tokens[k+1].Kind == text.Number || w.is(k+1, cDet) && quantities[w.word(k+1)] || c == "more" || c == "than")
	}
	// "paid compensation to 67 elderly British nationals"
	// "the rump Yugoslav state": a noun that modifies the actor after it.
	return w.is(k, cDet|cMod) || w.tags[k] == tagAdj && w.mention(k) == nil || w.unknownNameBeforeAgent(k) ||
		w.tags[k] == tagNoun && k+1 < len(w.s.Tokens) && w.startOf[k+1] != 0 && w.nounModifier(k) && w.c.pos.lookup(w.word(k), nil).has(tagNoun)
}

// unknownNameBeforeAgent reports whether token k starts up to two
// capitalised words the dictionaries do not know that stand before an
// agent with a country: "held Tamil civilian refugees", "attacked Yazidi
// villagers". The words name the agent's people, not another actor.
func (w *work) unknownNameBeforeAgent(k int) bool {
	j := k
	for ; j < len(w.s.Tokens) && j < k+2; j++ {
		if !w.capitalised(j) || w.tags[j] != tagProper || w.mention(j) != nil || w.blocked[j] || w.startOf[j] != 0 || w.is(j, cTime) {
			break
		}
	}
	if j == k || j >= len(w.s.Tokens) || w.startOf[j] == 0 {
		return false
	}
	// The agent's country is a guess or named after it ("extremist
	// groups in Northern Ireland").
	u := &w.phrases[w.startOf[j]-1].units[0]
	m := w.mention(u.start)
	return m != nil && m.Entry.IsAgent && u.country != ""
}

func has(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// afterRestated returns the token after an appositive at token j that
// names phrase slot's actor again between commas ("the UN refugee agency,
// UNHCR, out of", "UNICEF, the UN children's agency, out of"), or j when
// there is none.
func (w *work) afterRestated(slot, j int) int {
	k := j + 1
	if c := w.word(k); c == "the" || c == "a" || c == "an" {
		k++
	}
	if w.word(j) != "," || k >= len(w.s.Tokens) || w.startOf[k] == 0 {
		return j
	}
	p, q := &w.phrases[slot-1], &w.phrases[w.startOf[k]-1]
	if w.word(q.end) != "," || len(p.units) != 1 || len(q.units) != 1 || p.units[0].code() != q.units[0].code() {
		return j
	}
	return q.end + 1
}

// tightSlot reports whether only the pattern's own words, determiners,
// modifiers and nouns that modify the slot's agent stand between a
// trigger's noun and its slot: "an attempt to assassinate the deputy
// governor", not "a bombing near the town of Samarra".
func (w *work) tightSlot(t *trigger) bool {
	if t.slot == 0 {
		return false
	}
	for k := t.at + 1; k < w.phrases[t.slot-1].start; k++ {
		if w.is(k, cDet|cMod) || w.tags[k] == tagAdj || t.rule.hasWord(w.word(k)) || w.tags[k] == tagNoun && w.nounModifier(k) && !w.is(k, cTime) {
			continue
		}
		return false
	}
	return true
}

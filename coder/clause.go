package coder

import "github.com/detente-project/detente/text"

// clause is what the words before a verb say about it: its subject, voice,
// negation and modality.
type clause struct {
	subj    int    // phrase index+1 of the subject, 0 for none
	via     string // how the subject was found: "", "pronoun", "coordination", "relative"
	start   int    // first token of the verb group
	neg     bool   // "did not", "never", "denied attacking"
	hyp     bool   // "could", "may", "might"
	future  bool   // "will", "would"
	passive bool   // "was attacked"
	ctl     control
	ctlAt   int  // token of the controlling verb ("agreed" in "agreed to lift"), -1
	noSubj  bool // an infinitive of purpose: no subject of its own
}

// objectPreps take a noun phrase as object: an actor after one is not the
// subject of the verb that follows ("troops in Syria attacked").
var objectPreps = wordClass("object-preps")

// denials turn a following -ing verb into a negated act ("denied sending
// troops").
var denials = wordClass("denials")

// leftContext reads the verb group ending at verb token v and finds its
// subject.
func (w *work) leftContext(v int) clause {
	cl := clause{ctlAt: -1}
	be := false
	k := v - 1
loop:
	for k >= 0 {
		c := w.word(k)
		switch {
		case w.is(k, cNeg):
			cl.neg = true
		case w.is(k, cDenial) && hasSuffix(w.word(v), "ing"):
			cl.neg = true
		case w.is(k, cBe):
			be = true
		case w.is(k, cHave|cDo):
		case w.is(k, cHypModal) && !(w.capitalised(k) && k > 0 && w.capitalised(k-1)):
			// "Theresa May has held talks": a name, not the modal.
			cl.hyp = true
		case w.is(k, cFutModal):
			cl.future = true
		case c == "to":
			// "agreed on Thursday to extend": the controlling verb stands
			// before the time adjunct.
			at := w.beforeAdjunct(k - 1)
			ct := w.ctlOf(at, false)
			if ct == ctlNone {
				ct = w.ctlOf(at, true)
			}
			if ct == ctlNone || cl.ctl != ctlNone {
				cl.noSubj = true
				cl.start = k
				return cl
			}
			cl.ctl, cl.ctlAt = ct, at
			k = at
		case w.is(k, cAdverb) || w.is(k, cTime) && w.mention(k) == nil && w.endOf[k] == 0:
		case c == ")" && w.endOf[k] == 0 && w.parenthesisStart(k) > 0:
			// "Amnesty International (AI) has accused": an acronym or
			// aside between the subject and its verb.
			k = w.parenthesisStart(k)
		case c == "," && w.word(k-2) == "," && w.is(k-1, cAdverb):
			// "The Palestinian government, thus, rejects"
			k -= 2
		case (c == "and" || c == "but") && w.verbBefore(k):
			// "closed its borders and blocked": the subject of the first verb.
			cl.start = k + 1
			cl.subj, cl.via = w.firstSubject(k), "coordination"
			// "threatening to assault and murder": the second verb is
			// under the first one's control too.
			if k > 0 && cl.ctl == ctlNone && w.tags[k-1] == tagVerb {
				if first := w.leftContext(k - 1); first.ctl != ctlNone {
					cl.ctl, cl.ctlAt = first.ctl, first.ctlAt
					cl.neg, cl.hyp, cl.future = cl.neg || first.neg, cl.hyp || first.hyp, cl.future || first.future
				}
			}
			return cl
		default:
			break loop
		}
		k--
	}
	cl.start = k + 1
	// "Israel struck Gaza, accusing Hamas of ...": a participle after a
	// comma takes the subject of the sentence's main clause.
	if w.word(k) == "," && hasSuffix(w.word(k+1), "ing") && (k == v-1 || k+1 == cl.ctlAt) {
		s := w.firstSubject(k)
		if s == 0 {
			s = w.nearestSubject(k)
		}
		if s != 0 {
			cl.subj, cl.via = s, "participle"
		}
		// Without a subject it has none: the actor before the comma
		// ended an earlier clause ("When Turkish troops entered Syria,
		// Kurdish leaders fled, urging").
		return cl
	}
	// "was attacked by", and the reduced relative "talks, hosted by Oman,".
	cl.passive = w.is(v, cParticiple) && (be || w.word(v+1) == "by" && !means[w.word(v+2)])
	cl.subj, cl.via = w.subjectEndingAt(k, 0)
	// "the Iranian tanker was seized by": the owner of a thing done to
	// is the target.
	if cl.subj == 0 && cl.passive && be && k > 0 && properties[w.word(k)] {
		for j := k - 1; j >= 0 && j >= k-2; j-- {
			if p := w.endOf[j]; p != 0 && !w.phrases[p-1].isPlace() {
				cl.subj, cl.via = p, "owner"
				break
			}
			if w.s.Tokens[j].Kind != text.Word || w.mention(j) != nil {
				break
			}
		}
	}
	if cl.subj == 0 && cl.passive && be {
		cl.subj, cl.via = w.distantSubject(k), "distant"
	}
	return cl
}

// subjectEndingAt finds the subject phrase whose last token is k, looking
// through an appositive ("Ghani, the Afghan president, said"), a relative
// pronoun ("police, who fired") and a pronoun after a speech verb ("Israel
// announced it would ..."). depth bounds the recursion.
func (w *work) subjectEndingAt(k, depth int) (int, string) {
	if k < 0 || depth > 2 {
		return 0, ""
	}
	if p := w.endOf[k]; p != 0 {
		ph := &w.phrases[p-1]
		// "troops in Syria attacked": Syria is the object of "in"; but
		// "thousands of Iranians protested" is the Iranians.
		if b := w.beforeDet(ph.start); b >= 0 && w.is(b, cObjPrep) && !w.quantityOf(b) && !w.memberOfBefore(b) {
			nb := w.beforeDet(b)
			if w.word(b) == "with" && withCompanions[w.word(nb)] {
				// "Britain together with France condemned"
				nb--
			}
			return w.subjectEndingAt(nb, depth+1)
		}
		if !ph.head || ph.isPlace() {
			return 0, ""
		}
		return p, ""
	}
	c := w.word(k)
	switch {
	case c == "who" || c == "which" || c == "that" && w.endOf[max(k-1, 0)] != 0:
		j := k - 1
		if w.word(j) == "," {
			j--
		}
		// "the government and the Taliban, who refused": the last one,
		// whatever its role in the main clause.
		if j >= 0 {
			if p := w.endOf[j]; p != 0 && w.phrases[p-1].head && !w.phrases[p-1].isPlace() {
				return p, "relative-last"
			}
		}
	case c == ",":
		for j := k - 1; j >= 0 && j > k-12; j-- {
			if w.word(j) == "," {
				if p, _ := w.subjectEndingAt(j-1, depth+1); p != 0 {
					return p, "relative"
				}
				break
			}
		}
		if p := w.appositive(k); p != 0 {
			return p, "appositive"
		}
	case collectives[c] && w.word(k-1) == ")" && w.parenthesisStart(k-1) > 0:
		// "The Hizbollah (Party of God) group declared"; "the Asia-Pacific
		// Economic Cooperation (APEC) forum", whose acronym is its phrase's.
		if p := w.endOf[k-1]; p != 0 && !w.phrases[p-1].isPlace() {
			return p, ""
		}
		if p := w.endOf[max(w.parenthesisStart(k-1)-1, 0)]; p != 0 && !w.phrases[p-1].isPlace() {
			return p, ""
		}
	case attackNouns[c]:
		// "Israeli air strikes killed", "a US drone strike killed": the
		// actor before the attack is its doer.
		j := k - 1
		for j >= 0 && j > k-3 && w.endOf[j] == 0 && weaponWords[w.word(j)] {
			j--
		}
		if j >= 0 {
			if p := w.endOf[j]; p != 0 && !w.phrases[p-1].isPlace() {
				return p, "doer"
			}
		}
	case w.is(k, cPronoun):
		j := k - 1
		if w.word(j) == "that" {
			j--
		}
		// "said on Wednesday that it had".
		j = w.beforeAdjunct(j)
		if j >= 0 && w.is(j, cSpeech) {
			cl := w.leftContext(j)
			if cl.subj != 0 && !cl.passive {
				return cl.subj, "pronoun"
			}
		}
	}
	return w.postModified(k, depth)
}

// subjectPreps may open a phrase that modifies a subject from behind:
// "activists from the ruling party", "workers affiliated with the union".
var subjectPreps = wordClass("subject-preps")

// withCompanions make "with" join a companion to the subject: "Washington
// along with its allies demanded".
var withCompanions = wordClass("with-companions")

// postModified finds a subject that a phrase naming no actor follows:
// a prepositional phrase ("Thousands of Nigerians from across the
// country were converging", "activists from the defeated party have
// staged"), a participle that heads a reduced relative ("guerrillas
// operating in Macedonia", "workers affiliated with the union"), or both.
// The words passed over hold no verb, actor or punctuation.
func (w *work) postModified(k, depth int) (int, string) {
	if w.participleAfterNoun(k) {
		if p := w.endOf[max(k-1, 0)]; k > 0 && p != 0 && !w.phrases[p-1].isPlace() && w.phrases[p-1].units[0].place == "" {
			return p, "postmodified"
		}
		return 0, ""
	}
	j, n := k, 0
	for ; j > 0 && n < 6 && w.objectWord(j); j-- {
		n++
	}
	if n == 0 || j <= 0 || !subjectPreps[w.word(j)] || w.quantityOf(j) {
		return 0, ""
	}
	if j > 1 && (subjectPreps[w.word(j-1)] || w.word(j) == "with" && withCompanions[w.word(j-1)]) {
		// "from across the country", "along with its allies"
		j--
	}
	if w.participleAfterNoun(j - 1) {
		return w.postModified(j-1, depth+1)
	}
	if p := w.endOf[j-1]; p == 0 || w.phrases[p-1].isPlace() {
		return 0, ""
	}
	if p, _ := w.subjectEndingAt(j-1, depth+1); p != 0 {
		return p, "postmodified"
	}
	return 0, ""
}

// participleAfterNoun reports whether token k is a participle that
// follows an actor as the head of a reduced relative: "based", "backed"
// (relative-heads) or a word in -ing that is no verb of the patterns
// ("operating", "living").
func (w *work) participleAfterNoun(k int) bool {
	if k <= 0 || w.endOf[k-1] == 0 || w.s.Tokens[k].Kind != text.Word || w.capitalised(k) {
		return false
	}
	c := w.word(k)
	return relativeHeads[c] || hasSuffix(c, "ing") && len(c) > 5 && !w.is(k, cVerb|cSpeech) && w.ctlOf(k, false) == ctlNone
}

// objectWord reports whether token k may be part of the object of a
// preposition that names no actor: a noun, name, adjective, number,
// determiner or adverb, or a participle after a determiner ("the
// defeated party").
func (w *work) objectWord(k int) bool {
	if w.s.Tokens[k].Kind == text.Number {
		return true
	}
	if w.s.Tokens[k].Kind != text.Word || w.mention(k) != nil || w.endOf[k] != 0 || w.startOf[k] != 0 || w.blocked[k] ||
		subjectPreps[w.word(k)] || w.is(k, cBe|cHave|cDo|cSpeech|cHypModal|cFutModal|cNeg|cPronoun) {
		return false
	}
	switch w.tags[k] {
	case tagNoun, tagPlural, tagProper, tagAdj, tagDet, tagAdv, tagNum:
		return !w.is(k, cVerb) || w.tags[k] == tagNoun || w.tags[k] == tagPlural
	case tagVerbPast:
		return w.tags[k-1] == tagDet
	}
	return false
}

// distantSubject finds the subject of a passive verb group ending at k
// across a reduced relative clause: "The civilians imprisoned for acting
// against Moscow were released by Putin". The subject must open the
// sentence, and every actor between it and the verb must be the object of a
// preposition.
func (w *work) distantSubject(k int) int {
	if len(w.phrases) == 0 || k-w.phrases[0].end > 12 {
		return 0
	}
	p := &w.phrases[0]
	b := p.start - 1
	for b >= 0 && (w.is(b, cDet) || w.s.Tokens[b].Kind == text.Number) {
		// "The civilians", "Two Americans"
		b--
	}
	if b >= 0 || !p.head || p.isPlace() || p.end > k || !w.is(p.end, cVerb|cParticiple) {
		return 0
	}
	for i := 1; i < len(w.phrases) && w.phrases[i].start <= k; i++ {
		if b := w.beforeDet(w.phrases[i].start); b < 0 || !w.is(b, cObjPrep) {
			return 0
		}
	}
	for j := p.end; j <= k; j++ {
		if w.word(j) == "," || w.is(j, cBe|cHave) && j < k-2 {
			return 0
		}
	}
	return 1
}

// appositive returns the actor of an appositive that ends at the comma at
// token k and follows a name the dictionaries do not know: "Mohammad
// Radmanish, an Afghan defence spokesperson, welcomed". The name must open
// its clause. It returns the phrase index+1, or 0.
func (w *work) appositive(k int) int {
	p := w.endOf[max(k-1, 0)]
	if k == 0 || p == 0 || !w.phrases[p-1].head || w.phrases[p-1].isPlace() {
		return 0
	}
	b := w.beforeDet(w.phrases[p-1].start)
	if w.word(b) != "," {
		return 0
	}
	n := 0
	j := b - 1
	for ; j >= 0 && n < 5 && w.mention(j) == nil && w.nameWord(j, 1); j-- {
		n++
	}
	if n == 0 || j >= 0 && w.word(j) != "," && !clauseOpeners[w.word(j)] {
		return 0
	}
	return p
}

// parenthesisStart returns the "(" of a short aside ending in ")" at token
// k, with no verb inside: "(NLC)", "(right)". It returns -1 for none.
func (w *work) parenthesisStart(k int) int {
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		switch {
		case w.word(j) == "(":
			return j
		case w.is(j, cVerb|cBe|cHave|cSpeech):
			return -1
		}
	}
	return -1
}

// beforeAdjunct returns token j, or the token before the time words and
// adverbs ending at j ("on Thursday", "last week") that are no actor.
func (w *work) beforeAdjunct(j int) int {
	for j >= 0 && w.is(j, cTime|cAdverb) && w.mention(j) == nil {
		j--
	}
	return j
}

// quantityOf reports whether token k is an "of" after a quantity:
// "thousands of", "dozens of", "200 of".
func (w *work) quantityOf(k int) bool {
	return w.word(k) == "of" && k > 0 && (w.s.Tokens[k-1].Kind == text.Number || quantities[w.word(k-1)])
}

// beforeDet returns the token before i, skipping one determiner.
func (w *work) beforeDet(i int) int {
	j := i - 1
	if j >= 0 && (w.word(j) == "the" || w.word(j) == "a" || w.word(j) == "an") {
		j--
	}
	return j
}

// verbBefore reports whether a verb of the dictionaries or a form of "be"
// or "have" stands before token k in the sentence.
func (w *work) verbBefore(k int) bool {
	for j := k - 1; j >= 0; j-- {
		if w.is(j, cVerb|cBe|cHave) {
			return true
		}
	}
	return false
}

// firstSubject returns the subject of the sentence's first clause: the
// first phrase when it opens the sentence (after an article or a short
// introduction ending in a comma) and is followed by a verb group.
func (w *work) firstSubject(before int) int {
	for i := 0; i < len(w.phrases); i++ {
		p := &w.phrases[i]
		if p.start >= before {
			return 0
		}
		b := w.beforeDet(p.start)
		if b > 0 && w.quantityOf(b) {
			// "Thousands of people marched"
			b = w.beforeDet(b - 1)
		}
		if (b < 0 || w.word(b) == "," || b == w.dateEnd-1) && p.head && !p.isPlace() && w.verbAt(p.end) {
			return i + 1
		}
		if b >= 0 && w.is(b, cPrep) {
			continue
		}
		return 0
	}
	return 0
}

// clauseOpeners may stand before the subject of a clause: "a day before
// Sarkozy heads to Beijing", "when Iran seized".
var clauseOpeners = wordClass("clause-openers")

// nearestSubject returns the subject of the clause that a participle
// after the comma at token comma belongs to, when the sentence's first
// clause has none: the actor that opens the clause before the comma (after
// the sentence's start, a comma, a conjunction or a speech verb) and stands
// before its verb, not after a verb or a preposition ("a day before
// Sarkozy heads to Beijing, seeking to mend ties with China" is Sarkozy's
// seeking).
func (w *work) nearestSubject(comma int) int {
	// The clause ends at the comma and starts after the comma, semicolon
	// or conjunction before it.
	limit := -1
	for k := comma - 1; k >= 0; k-- {
		if c := w.word(k); c == "," || c == ";" || clauseOpeners[c] {
			limit = k
			break
		}
	}
	for i := len(w.phrases) - 1; i >= 0; i-- {
		p := &w.phrases[i]
		if p.end > comma {
			continue
		}
		if p.start <= limit {
			return 0
		}
		b := w.beforeDet(p.start)
		switch {
		case b >= 0 && !(w.word(b) == "," || clauseOpeners[w.word(b)] || w.is(b, cSpeech)):
			// the object of a verb or a preposition, or a modifier:
			// the subject stands further back.
			continue
		case p.isPlace():
			return 0
		case p.end == comma:
			// "France, seeking to mend ties with China, sent": the
			// participle stands between the subject and its verb.
			return i + 1
		case !p.head && !(b >= 0 && clauseOpeners[w.word(b)] && w.verbShaped(p.end)):
			// "before Sarkozy heads to": after a conjunction, a word in
			// -s that the coder does not know is the verb.
			return 0
		}
		switch c := w.word(p.end); {
		case w.s.Tokens[p.end].Kind == text.Punct, c == "'s", c == "'", c == "and", c == "or", w.is(p.end, cPrep):
			return 0
		}
		return i + 1
	}
	return 0
}

// verbShaped reports whether token j may be a verb in the third person
// that the lexicon does not know: a lower-case word in -s ("heads").
func (w *work) verbShaped(j int) bool {
	return j < len(w.s.Tokens) && w.lex[j] == nil && w.s.Tokens[j].Kind == text.Word && !w.capitalised(j) &&
		hasSuffix(w.word(j), "s") && !hasSuffix(w.word(j), "ss")
}

// verbAt reports whether a verb group starts at token j.
func (w *work) verbAt(j int) bool {
	for ; j < len(w.s.Tokens); j++ {
		switch {
		case w.is(j, cBe|cHave|cDo|cHypModal|cFutModal|cVerb|cSpeech) || w.ctlOf(j, false) != ctlNone || w.tags[j].finite():
			return true
		case w.is(j, cAdverb|cNeg|cTime):
		default:
			return false
		}
	}
	return false
}

func hasSuffix(s, sfx string) bool { return len(s) >= len(sfx) && s[len(s)-len(sfx):] == sfx }

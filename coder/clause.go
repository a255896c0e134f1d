package coder

// clause is what the words before a verb say about it: its subject, voice,
// negation and modality.
type clause struct {
	subj     int    // phrase index+1 of the subject, 0 for none
	via      string // how the subject was found: "", "pronoun", "coordination", "relative"
	start    int    // first token of the verb group
	neg      bool   // "did not", "never", "denied attacking"
	hyp      bool   // "could", "may", "might"
	future   bool   // "will", "would"
	passive  bool   // "was attacked"
	ctl      control
	ctlAt    int  // token of the controlling verb ("agreed" in "agreed to lift"), -1
	noSubj   bool // an infinitive of purpose: no subject of its own
	pronounE bool // the subject came through a pronoun
}

// objectPreps take a noun phrase as object: an actor after one is not the
// subject of the verb that follows ("troops in Syria attacked").
var objectPreps = set("in", "of", "from", "at", "near", "against", "with", "for", "by", "to", "between",
	"into", "on", "over", "about", "toward", "towards", "through", "outside", "inside", "across", "among",
	"under", "upon", "within", "without", "like", "including", "than")

// denials turn a following -ing verb into a negated act ("denied sending
// troops").
var denials = set("deny", "denies", "denied", "denying")

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
		case negations[c]:
			cl.neg = true
		case denials[c] && hasSuffix(w.word(v), "ing"):
			cl.neg = true
		case beForms[c]:
			be = true
		case haveForms[c] || doForms[c]:
		case hypotheticalModals[c]:
			cl.hyp = true
		case futureModals[c]:
			cl.future = true
		case c == "to":
			p := w.word(k - 1)
			ct := controlForms[p]
			if ct == ctlNone {
				ct = beControls[p]
			}
			if ct == ctlNone || cl.ctl != ctlNone {
				cl.noSubj = true
				cl.start = k
				return cl
			}
			cl.ctl, cl.ctlAt = ct, k-1
			k--
		case isAdverb(c) || timeWords[c] && w.mention(k) == nil:
		case c == "and" && w.verbBefore(k):
			// "closed its borders and blocked": the subject of the first verb.
			cl.start = k + 1
			cl.subj, cl.via = w.firstSubject(k), "coordination"
			return cl
		default:
			break loop
		}
		k--
	}
	cl.start = k + 1
	// "was attacked by", and the reduced relative "talks, hosted by Oman,".
	cl.passive = w.c.participles[w.word(v)] && (be || w.word(v+1) == "by")
	cl.subj, cl.via = w.subjectEndingAt(k, 0)
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
		// "troops in Syria attacked": Syria is the object of "in".
		if b := w.beforeDet(ph.start); b >= 0 && objectPreps[w.word(b)] {
			return w.subjectEndingAt(w.beforeDet(b), depth+1)
		}
		if !ph.head {
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
		if p, _ := w.subjectEndingAt(j, depth+1); p != 0 {
			return p, "relative"
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
	case pronouns[c]:
		j := k - 1
		if w.word(j) == "that" {
			j--
		}
		if j >= 0 && speechVerbs[w.word(j)] {
			cl := w.leftContext(j)
			if cl.subj != 0 && !cl.passive {
				return cl.subj, "pronoun"
			}
		}
	}
	return 0, ""
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
		c := w.word(j)
		if w.c.verbForms[c] || beForms[c] || haveForms[c] {
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
		if (b < 0 || w.word(b) == ",") && p.head && w.verbAt(p.end) {
			return i + 1
		}
		if b >= 0 && prepositions[w.word(b)] {
			continue
		}
		return 0
	}
	return 0
}

// verbAt reports whether a verb group starts at token j.
func (w *work) verbAt(j int) bool {
	for ; j < len(w.s.Tokens); j++ {
		c := w.word(j)
		switch {
		case beForms[c] || haveForms[c] || doForms[c] || hypotheticalModals[c] || futureModals[c] ||
			w.c.verbForms[c] || speechVerbs[c] || controlForms[c] != ctlNone:
			return true
		case isAdverb(c) || negations[c]:
		default:
			return false
		}
	}
	return false
}

func hasSuffix(s, sfx string) bool { return len(s) >= len(sfx) && s[len(s)-len(sfx):] == sfx }

package coder

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/cameo"
	"github.com/detente-project/detente/text"
)

// emit turns the triggers of the sentence into events appended to out.
func (w *work) emit(a *detente.Article, s detente.Sentence, out []detente.Event) []detente.Event {
	if len(w.trig) == 0 || w.commentary() {
		return out
	}
	// A verb taking an infinitive ("agreed" in "agreed to lift") gives
	// way to the infinitive's event, unless its own pattern takes the
	// infinitive in: "failed to reach a deal" is 164, not a negated 057.
	covers := func(at, inner int) bool {
		for _, t := range w.trig {
			if t.at == at && t.end > inner {
				return true
			}
		}
		return false
	}
	dropped := func(t *trigger) bool {
		if t.cl.ctlAt >= 0 && covers(t.cl.ctlAt, t.at) {
			return true
		}
		for _, o := range w.trig {
			if o.cl.ctlAt == t.at && !covers(t.at, o.at) {
				return true
			}
		}
		return false
	}
	question := w.endsWith("?")
	before := len(out)
	for _, t := range w.trig {
		if dropped(&t) || w.historical(&t) {
			continue
		}
		srcs, tgts, pairwise, conf := w.sides(&t)
		if len(srcs) == 0 && len(tgts) == 0 {
			continue
		}
		code, neg, hyp := w.modality(&t)
		// "The US demanded that Russia withdraw its troops from Ukraine":
		// what is asked of someone has not happened; "urged Uganda to
		// repatriate" is the appeal for that act.
		hyp = hyp || w.asked(&t)
		code = w.askedFor(&t, code)
		if len(srcs) == 0 {
			if t.cl.passive || t.cl.subj == 0 && !t.cl.noSubj && t.cl.ctl == ctlNone {
				out = w.doerUnnamed(a, s, &t, tgts, code, neg, hyp || question, conf, out, before)
			}
			continue
		}
		hyp = hyp || question
		mine := len(out)
		if pairwise {
			tgts = srcs
		}
		for _, su := range srcs {
			for _, tu := range tgts {
				tu = w.heldPlace(tu)
				if !w.eventPair(su, tu) {
					var ok bool
					if su, tu, ok = w.agentOnlyPair(su, tu); !ok {
						continue
					}
				}
				if forceProtest(code, su) {
					continue
				}
				out = w.add(out, before, a, s, &t, su, tu, w.territorial(&t, code, tu), neg, hyp, conf)
			}
		}
		// Each trigger's events are remembered at once, so that a later
		// trigger of the same sentence finds them: "held talks in Muscat
		// hosted by Oman".
		w.remember(out[mine:])
		if len(out) == mine && !pairwise && (len(tgts) == 0 || w.ownPlaces(srcs, tgts)) {
			out = w.oneSided(a, s, &t, srcs, code, neg, hyp, conf, out, before, len(tgts) > 0)
		}
		if len(srcs) > 0 && (t.cl.passive && t.cl.subj == 0 && w.hostsMeeting(&t) || !t.cl.passive && hostCodes.has(t.rule.Code) && w.meetingAfter(&t)) {
			w.addMediators(out, srcs)
		}
	}
	return out
}

// sides returns the sources and targets of a trigger, whether its events
// join the sources pairwise (a compound subject with no object), and the
// confidence its structure allows.
func (w *work) sides(t *trigger) (srcs, tgts []unit, pairwise bool, conf float64) {
	conf = 0.9
	r := t.rule
	var slot []unit
	if t.slot != 0 {
		slot = w.phrases[t.slot-1].units
	}
	if r.Literal {
		switch {
		case symmetricNoun(r):
			// "talks between the U.S. and Iran".
			return slot, nil, len(slot) > 1, 0.7
		case t.src != 0 && slot == nil && w.word(t.end-1) == "by":
			// "Iran and Saudi Arabia restored ties in a deal brokered by
			// China": the parties are the sentence's subject.
			if s := w.firstSubject(t.at); s != 0 {
				return w.phrases[t.src-1].units, w.phrases[s-1].units, false, 0.6
			}
			return nil, nil, false, 0
		case t.src != 0:
			// "Russia's attack on Ukraine".
			return w.phrases[t.src-1].units, slot, false, 0.7
		case t.doerless && !w.subjectOfForce(t):
			// "An attempt to assassinate the governor was thwarted": an
			// act of force that happened, by a doer not named.
			return nil, slot, false, 0.6
		}
		return nil, nil, false, 0
	}
	var subj []unit
	if t.cl.subj != 0 {
		subj = w.phrases[t.cl.subj-1].units
		if t.cl.via == "relative-last" {
			subj = subj[len(subj)-1:]
		}
	} else if !t.cl.noSubj {
		if subj = w.extraSubject(t.cl.start); subj != nil {
			t.cl.via = "reference"
		}
	}
	if t.cl.via != "" {
		conf = 0.75
	}
	hasSource := r.firstSlot() >= 0 && r.elems[r.firstSlot()].kind == elemSource
	switch {
	case t.cl.passive:
		by := w.byPhrase(t)
		if by == nil && releaseCodes.has(r.Code) {
			// "hostages held by the Taliban were released": by their
			// holder.
			var held []unit
			by, held = w.holder(t)
			if len(subj) == 0 || allGuessed(subj) {
				// Captives whose country is only a guess ("two sailors
				// held by the Houthis") stay unnamed.
				subj = held
			}
		}
		if by == nil && firedFromCodes.has(r.Code) {
			// "a mortar bomb was fired at Israel from the Gaza Strip":
			// from where it came.
			by = w.fromPhrase(t)
		}
		if by == nil {
			// "Two Americans were released": the doer is not named.
			return nil, subj, false, conf - 0.2
		}
		if t.nominal {
			return by, slot, false, 0.8
		}
		if len(subj) == 0 && w.hostsMeeting(t) {
			return by, w.art.units(w.index), false, 0.7
		}
		if t.slot != 0 && hasSource {
			return slot, subj, false, 0.8
		}
		return by, subj, len(subj) == 0 && len(by) > 1 && !r.hasSlot() && mutualCodes.has(r.Code), 0.8
	case t.reciprocal:
		return subj, nil, len(subj) > 1, conf
	case hasSource:
		return slot, subj, false, conf
	case t.slot != 0:
		return subj, slot, false, conf
	case hostCodes.has(r.Code) && len(subj) > 0 && w.meetingAfter(t):
		// "Oman hosted the talks": the sides of the article's talks.
		return subj, w.art.units(w.index), false, 0.7
	case answerCodes.has(r.Code) && len(subj) > 0:
		// "The Pentagon rejected these accusations": of whom?
		return subj, w.accusers(subj), false, 0.7
	case len(subj) == 1 && !r.hasSlot():
		// "Ghani announced a ceasefire on Tuesday with the Taliban": a
		// pattern without a slot takes its other side from a preposition
		// after it.
		if tgt := w.targetAfter(t); tgt != nil {
			return subj, tgt, false, conf - 0.1
		}
		return subj, nil, false, conf
	default:
		// "The U.S. and Iran held talks" joins them both ways; "Britain and
		// France welcomed the decision" is each one's own act.
		return subj, nil, len(subj) > 1 && mutualCodes.has(r.Code), conf
	}
}

// subjectOfForce reports whether a noun trigger is the subject of a verb
// of force that codes the act itself: "An attack on Israel killed two
// soldiers" is the killing.
func (w *work) subjectOfForce(t *trigger) bool {
	for _, u := range w.trig {
		if u.at >= t.end && u.cl.start == t.end && !u.rule.Literal && attackCodes.has(u.rule.Code) {
			return true
		}
	}
	return false
}

// targetAfter returns the actors of a prepositional phrase that follows a
// trigger without a slot within its clause: which prepositions name the
// other side of which codes is data (grammar/words.txt: "with" and
// "against" for any event, "to" for cooperation, "on" for sanctions,
// coercion and force). Only adjuncts and modifiers may stand
// between ("declared a ceasefire on Tuesday with"); a place is no target.
func (w *work) targetAfter(t *trigger) []unit {
	code := t.rule.Code
	for k, g := t.end, 0; k < len(w.s.Tokens) && g < 6; k, g = k+1, g+1 {
		c := w.word(k)
		ok := (c == "with" || c == "against") && withTargetCodes.has(code) || c == "to" && toTargetCodes.has(code) ||
			(c == "on" || c == "upon") && onTargetCodes.has(code)
		if ok {
			p := w.objectAt(k + 1)
			if p == 0 || w.phrases[p-1].isPlace() {
				return nil
			}
			return w.phrases[p-1].units
		}
		if w.s.Tokens[k].Kind == text.Punct || w.mention(k) != nil || w.is(k, cVerb|cSpeech|cBe|cHave|cNeg) ||
			c == "and" || c == "or" || c == "but" || c == "that" || c == "which" || c == "who" {
			return nil
		}
		if !w.is(k, cTime|cAdverb|cDet|cMod) && w.s.Tokens[k].Kind != text.Number {
			return nil
		}
	}
	return nil
}

// oneSided appends the events of a trigger whose other side the sentence
// does not name ("Egypt lifted the state of emergency", "Turkey violated
// the ceasefire") or names as a place of the source's own country
// (inPlace: "Israel threatened to ban voting in East Jerusalem"): one a
// source, with an empty target, as GDELT leaves Actor2 blank. Only a source whose country the sentence names is taken;
// such events count in a country's own record, never in a pair's.
func (w *work) oneSided(a *detente.Article, s detente.Sentence, t *trigger, srcs []unit, code string, neg, hyp bool, conf float64, out []detente.Event, before int, inPlace bool) []detente.Event {
	if t.rule.hasSlot() && !inPlace || !oneSidedCodes.has(code) {
		return out
	}
	// A bare verb of fighting or cooperating ("fight", "sign") is written
	// for a compound subject ("Armenia and Azerbaijan fought"); alone it
	// is too often a metaphor ("London has been fighting dirty air").
	if len(t.rule.elems) == 0 && !t.rule.Literal && bareMutualCodes.has(code) {
		return out
	}
	if w.asked(t) {
		return out
	}
	for _, su := range srcs {
		// A country taken for people from where the sentence puts them
		// ("Prisoners rioted at a jail in Dili") is safe with no other
		// side; one guessed from another actor's country is not.
		if su.country == "" || su.guessed && !su.located || su.place != "" {
			continue
		}
		if forceProtest(code, su) {
			continue
		}
		out = w.add(out, before, a, s, t, su, nobody, code, neg, hyp, conf-0.2)
	}
	return out
}

// doerUnnamed appends the events whose doer the sentence does not name or
// the dictionaries do not know: a passive without "by" ("Three Russians
// were released from captivity in Libya"), a subject that is no actor ("A
// French lawyer filed a lawsuit against the Saudi crown prince"): one a
// target, with an empty source. An infinitive of purpose or one under
// another verb ("pressed Obama to help Iran") is no such event. Only a
// target with a country, named or the sentence's one, is taken, and only
// for unnamed-doer-codes (grammar/words.txt).
func (w *work) doerUnnamed(a *detente.Article, s detente.Sentence, t *trigger, tgts []unit, code string, neg, hyp bool, conf float64, out []detente.Event, before int) []detente.Event {
	if !unnamedDoerCodes.has(code) || t.nominal || w.thingSubject(t) || w.accident(t) {
		return out
	}
	for _, tu := range tgts {
		// A guessed country is safe here: with no doer there is no
		// other side for it to have been taken from.
		if tu.country == "" || tu.place != "" {
			continue
		}
		out = w.add(out, before, a, s, t, nobody, tu, code, neg, hyp, conf-0.2)
	}
	return out
}

// asked reports whether the subject of a verb trigger is the object of an
// appeal or a demand before it (ask-codes): "Ukraine demanded that Russia
// withdraw", "urged Iran to release": the act is what is asked of the
// subject, not what it did.
func (w *work) asked(t *trigger) bool {
	if t.cl.subj == 0 || t.rule.Literal {
		return false
	}
	for _, o := range w.trig {
		if o.at < t.at && o.slot == t.cl.subj && askCodes.has(o.rule.Code) {
			return true
		}
	}
	return false
}

// askedFor refines a general appeal (020) or demand (100) by the act it
// asks for, when the sentence codes that act with the appeal's object as
// its subject: "urged Uganda to repatriate" appeals for material
// cooperation (021), "demanded that Iran release" for a release (1053).
func (w *work) askedFor(t *trigger, code string) string {
	if (code != "020" && code != "100") || t.slot == 0 {
		return code
	}
	for _, u := range w.trig {
		if u.at <= t.at || u.rule.Literal {
			continue
		}
		// "demanded that Iran release", "urged Uganda to repatriate"
		if u.cl.subj == t.slot || u.cl.noSubj && (u.cl.start == t.end || u.cl.start == t.end-1) {
			if c, ok := askCode(code, u.rule.Code); ok && cameo.Valid(c) {
				return c
			}
			return code
		}
	}
	return code
}

// add appends the event of trigger t from su to tu to out, unless the
// sentence's events from before on have it already.
func (w *work) add(out []detente.Event, before int, a *detente.Article, s detente.Sentence, t *trigger, su, tu unit, code string, neg, hyp bool, conf float64) []detente.Event {
	e := w.event(a, s, t, su, tu, code, conf)
	e.Negated, e.Hypothetical = neg, hyp
	if dup(out[before:], e) {
		return out
	}
	return append(out, e)
}

// thingSubject reports whether the subject before a trigger is a pronoun
// that more often stands for a thing than for an actor: "they help
// American companies" (tariffs do), "that would help Trump".
func (w *work) thingSubject(t *trigger) bool {
	if t.cl.passive {
		return false
	}
	switch w.word(t.cl.start - 1) {
	case "it", "they", "this", "these", "those", "what":
		return true
	case "that", "which":
		// "the bombings that killed" happened; "a fire that killed" and
		// "a report that calls on" are no doers.
		return !attackNouns[w.word(t.cl.start-2)]
	}
	return false
}

// accident reports whether the sentence says an accident or a disaster did
// what a trigger reports: "killed in a helicopter crash".
func (w *work) accident(t *trigger) bool {
	for k := t.end; k < len(w.s.Tokens) && k < t.end+8; k++ {
		if accidents[w.word(k)] {
			return true
		}
	}
	return false
}

// forceProtest reports whether an act of protest would be done by armed
// forces or police: "the People's Liberation Army took to the streets" is
// no demonstration.
func forceProtest(code string, src unit) bool {
	return protestCodes.has(code) && forceAgents[src.agent]
}

// ownPlaces reports whether every target is a place of a source's own
// country: no other side, only where the act happens. A country named
// after "in" or "at" is a place too ("ban voting in East Jerusalem").
func (w *work) ownPlaces(srcs, tgts []unit) bool {
	for _, tu := range tgts {
		own := false
		for _, su := range srcs {
			own = own || tu.country == su.country && (tu.place != "" || tu.agent == "" && w.locative(tu))
		}
		if !own {
			return false
		}
	}
	return true
}

// locatives name where an act happens: "in East Jerusalem", "at Kabul".
var locatives = wordClass("locatives")

// locative reports whether a unit stands after a locative preposition,
// past a determiner and up to two capitalised words the dictionaries do
// not know ("in the north of", "in East Jerusalem").
func (w *work) locative(u unit) bool {
	k := u.start - 1
	for n := 0; n < 2 && k >= 0 && w.capitalised(k) && w.mention(k) == nil; n++ {
		k--
	}
	k = w.beforeDet(k + 1)
	return k >= 0 && locatives[w.word(k)]
}

// nobody is the missing side of a one-sided event.
var nobody = unit{start: -1}

// meetingAfter reports whether a trigger without an object ends in, or is
// followed by, a meeting noun: "hosted the talks", "mediated the
// negotiations".
func (w *work) meetingAfter(t *trigger) bool {
	if t.slot != 0 {
		return false
	}
	if w.is(t.end-1, cMeeting) {
		return true
	}
	k := t.end
	if w.word(k) == "the" || w.word(k) == "these" {
		k++
	}
	return w.is(k, cMeeting) && w.word(k+1) != "between"
}

// byPhrase returns the actors of "by X" after a passive verb.
func (w *work) byPhrase(t *trigger) []unit {
	for k := t.at + 1; k < len(w.s.Tokens) && k <= t.end+4; k++ {
		if w.word(k) != "by" {
			continue
		}
		j := k + 1
		for g := 0; g < 3 && j < len(w.s.Tokens) && w.startOf[j] == 0 && w.skippable(j); g++ {
			j++
		}
		if j < len(w.s.Tokens) && w.startOf[j] != 0 {
			p := &w.phrases[w.startOf[j]-1]
			return p.units
		}
		return nil
	}
	return nil
}

// fromPhrase returns the actors or place of "from X" after a passive
// attack verb, within its clause.
func (w *work) fromPhrase(t *trigger) []unit {
	for k := t.at + 1; k < len(w.s.Tokens) && k <= t.end+6; k++ {
		switch c := w.word(k); {
		case c == "from":
			if p := w.objectAt(k + 1); p != 0 {
				return w.phrases[p-1].units
			}
			return nil
		case c == "," || c == ";" || c == "and" || c == "but" || w.is(k, cVerb|cSpeech):
			return nil
		}
	}
	return nil
}

// hostsMeeting reports whether a passive trigger's subject is a meeting
// ("the talks, hosted by Oman").
func (w *work) hostsMeeting(t *trigger) bool {
	if !hostCodes.has(t.rule.Code) {
		return false
	}
	for k := t.cl.start - 1; k >= 0 && k >= t.cl.start-3; k-- {
		if w.is(k, cMeeting) {
			return true
		}
	}
	return false
}

// modality returns the code after intent and threat, and whether the event
// is negated or hypothetical.
func (w *work) modality(t *trigger) (code string, neg, hyp bool) {
	code, neg, hyp = t.rule.Code, t.cl.neg, t.cl.hyp
	// "Neither Iran nor Iraq attacked".
	if t.cl.subj != 0 && w.word(w.phrases[t.cl.subj-1].start-1) == "neither" {
		neg = true
	}
	switch t.cl.ctl {
	case ctlIntent, ctlPromise:
		if ic, ok := intentCode(code); ok {
			code = ic
		} else if t.cl.ctl == ctlPromise && code >= "15" || futureThreatCodes.has(code) {
			// "vowed to strike"; "plans to impose restrictions on"
			code = threatCode(code)
		} else {
			hyp = true
		}
	case ctlAgree:
		if ic, ok := intentCode(code); ok {
			code = ic
		}
	case ctlThreat:
		code = threatCode(code)
	case ctlRefuse:
		// "refused to release the sailors" is a rejection (1243); a
		// refused attack is no event.
		if rc, ok := refusalCode(code); ok && !neg {
			code = rc
		} else {
			neg = true
		}
	case ctlMaybe:
		hyp = true
	case ctlNone:
		if rc, ok := refusalCode(code); ok && t.cl.future && t.cl.neg {
			// "Israel will not release the prisoners"
			return rc, false, hyp
		}
		if t.cl.future {
			if ic, ok := intentCode(code); ok {
				code = ic
			} else if code >= "15" && w.warned(t) || futureThreatCodes.has(code) {
				// "warned that Iran would strike U.S. bases if attacked";
				// "the US will cut aid to Sudan" (the codebook's threat).
				return threatCode(code), neg, false
			} else {
				hyp = true
			}
		}
	}
	// "Israel has not confirmed that it struck", "Iran denied that it
	// attacked": a pronoun subject of reported speech that is negated or
	// denied reports no act.
	if t.cl.via == "pronoun" || t.cl.subj == 0 && w.is(t.cl.start-1, cPronoun) {
		j := t.cl.start - 1
		for j > 0 && j > t.cl.start-4 && !w.is(j, cPronoun) {
			j--
		}
		j--
		if w.word(j) == "that" {
			j--
		}
		if j >= 0 && (denials[w.word(j)] || w.is(j, cSpeech) && w.leftContext(j).neg) {
			neg = true
		}
	}
	// "if", "unless", "whether" before the verb in its clause.
	from := t.cl.start - 12
	if t.cl.subj != 0 {
		from = min(from, w.phrases[t.cl.subj-1].start-2)
	}
	for k := max(from, 0); k < t.at; k++ {
		if w.is(k, cHypWord) {
			return code, neg, true
		}
	}
	// "The EU may halt its mediation if the fighting goes on", "Israel
	// will strike unless the attacks stop": an act of protest, coercion
	// or force that a modal holds back on a condition is a threat, as the
	// codebook reads its "if" and "unless".
	if !neg && (t.cl.hyp || t.cl.future) && t.cl.ctl == ctlNone && code >= "14" && w.conditionAfter(t) {
		return threatCode(code), false, false
	}
	return code, neg, hyp
}

// conditions open a condition after the act they hold back: "will strike
// if attacked", "may halt mediation unless".
var conditions = wordClass("conditions")

// conditionAfter reports whether a condition follows a trigger in its
// clause.
func (w *work) conditionAfter(t *trigger) bool {
	for k := t.end; k < len(w.s.Tokens) && k < t.end+15; k++ {
		switch c := w.word(k); {
		case conditions[c]:
			return true
		case c == ";" || c == "but" || c == "which" || c == "who" || c == "while" || c == "whereas" || clauseOpeners[c] && c != "and":
			return false
		}
	}
	return false
}

// eventPair reports whether an event between two actors is worth coding:
// both with a country, and not an actor acting on itself. A source whose
// country was guessed from the sentence may not take it from its target
// alone ("the minister criticised Britain" is no British minister), unless
// it is the state's own rebels, opposition or people turning on the state
// ("rebels attacked the president of Syria").
func (w *work) eventPair(s, t unit) bool {
	if s.country == "" || t.country == "" {
		return false
	}
	if s.guessed && !t.guessed && s.country == t.country && !w.namedOutside(s.country, t) && !domestic(s, t) {
		return false
	}
	// A state does not act on its own government or army that the
	// sentence does not name: "Oman thanked both governments" is not
	// Oman's government.
	if t.guessed && !s.guessed && s.country == t.country && stateAgent(s.agent) && stateAgent(t.agent) {
		return false
	}
	// A place of the source's own country is no target: "Ukrainian drones
	// attacked Crimea" is not Ukraine attacking itself. Rebels fight in
	// their own country: "Islamic State militants seized Mosul".
	if t.place != "" && t.country == s.country && s.agent != "REB" {
		return false
	}
	return !(s.country == t.country && s.agent == t.agent)
}

// heldPlace turns a place held by rebels into the rebels of its country:
// "air strikes against the rebel-held enclave of Eastern Ghouta" strike
// Syria's rebels, not Syria. Other units are returned as they are.
func (w *work) heldPlace(u unit) unit {
	if u.place == "" && !(u.start >= 0 && u.agent == "" && u.entry != nil && !u.bare) || u.start <= 0 {
		return u
	}
	for k := u.start - 1; k >= 0 && k >= u.start-5; k-- {
		pre, _, ok := strings.Cut(w.word(k), "-")
		if !ok || !hasSuffix(w.word(k), "-held") && !hasSuffix(w.word(k), "-controlled") {
			continue
		}
		switch pre {
		case "rebel", "opposition", "militant", "insurgent", "jihadist", "separatist", "isis", "taliban":
			u.place, u.agent = "", "REB"
			return u
		}
		return u
	}
	return u
}

// agentOnlyPair keeps an event between a country's actor and an agent
// whose country the sentence does not tell ("Protesters burned the
// Macedonian flag", "Police arrested two Iranian nationals"): the agent
// is coded alone (CVL, COP). A country guessed for the agent from the
// other side alone is dropped, as eventPair drops the event. It reports
// whether such a pair is left.
func (w *work) agentOnlyPair(s, t unit) (unit, unit, bool) {
	if s.guessed && s.country == t.country {
		s.country, s.guessed = "", false
	}
	if t.guessed && t.country == s.country {
		t.country, t.guessed = "", false
	}
	switch {
	case s.country == "" && s.agent != "" && s.place == "" && t.country != "" && !t.guessed:
		return s, t, true
	case t.country == "" && t.agent != "" && t.place == "" && s.country != "" && !s.guessed:
		return s, t, true
	}
	return s, t, false
}

// territorial turns a seizure (171) of a place into the taking of
// territory (192): "the Taliban seized Kabul" takes a city, where "seized
// an Iranian tanker" takes property.
func (w *work) territorial(t *trigger, code string, tu unit) string {
	if code != "171" || tu.start < 0 || tu.agent != "" || !strings.HasSuffix(t.rule.Text, "+") {
		return code
	}
	if tu.place != "" {
		return "192"
	}
	if _, n, _ := w.gazetteer(tu.start); n > 0 && n == tu.end-tu.start {
		return "192"
	}
	return code
}

// stateAgent reports whether an agent is the state itself: the country
// as a whole, its government or its armed forces.
func stateAgent(agent string) bool { return agent == "" || agent == "GOV" || agent == "MIL" }

// domestic reports whether s is a country's rebels, opposition or people
// and t its state.
func domestic(s, t unit) bool {
	switch s.agent {
	case "REB", "OPP", "CVL":
	default:
		return false
	}
	switch t.agent {
	case "GOV", "MIL", "COP", "JUD", "LEG":
		return true
	}
	return false
}

// namedOutside reports whether the sentence names country c outside unit
// u.
func (w *work) namedOutside(c string, u unit) bool {
	for _, m := range w.ments {
		if !m.Entry.IsAgent && m.Entry.Country == c && (u.start < 0 || m.Start < u.start || m.Start >= u.end) {
			return true
		}
	}
	return false
}

// event builds one event.
func (w *work) event(a *detente.Article, s detente.Sentence, t *trigger, su, tu unit, code string, conf float64) detente.Event {
	if su.bare || tu.bare {
		conf -= 0.2
	}
	src, tgt := w.actorOf(su), w.actorOf(tu)
	// Only armed forces fight: "the United States launched an air strike"
	// is the U.S. military; so do shows of force and alerts (150-154).
	if src.Agent == "" && len(src.Country) == 3 && armedCodes.has(code) {
		src.Agent, src.Code = "MIL", src.Country+"MIL"
	}
	ts, te := w.s.Tokens[t.at].Start, w.s.Tokens[max(t.end-1, t.at)].End
	e := detente.Event{
		ID:            detente.EventID(a.ID, s.Index, src.Code, tgt.Code, code),
		Date:          w.date,
		Source:        src,
		Target:        tgt,
		Code:          code,
		Root:          code[:2],
		Trigger:       detente.Span{Text: w.s.Text[ts:te], Start: ts, End: te},
		Rule:          t.rule.Source,
		Confidence:    conf,
		Location:      w.sentenceLocation(),
		ArticleID:     a.ID,
		SentenceIndex: s.Index,
		StoryID:       a.StoryID,
		NumSources:    1,
		CoderVersion:  detente.Version,
		DictVersion:   w.c.version,
	}
	if c, ok := cameo.Lookup(code); ok {
		e.Quad, e.Goldstein, e.Plover = c.Quad, c.Goldstein, c.Plover
	} else {
		e.Quad = detente.QuadOf(code)
	}
	return e
}

// actorOf turns a unit into the event's actor.
// An actor remembered from an earlier sentence keeps its text but has no
// span in this one.
func (w *work) actorOf(u unit) detente.Actor {
	if u.start < 0 && u.ext == nil {
		return detente.Actor{}
	}
	if u.start < 0 {
		return detente.Actor{Code: u.ext.Code, Country: u.ext.Country, Agent: u.ext.Agent, Text: u.ext.Text, Entry: u.ext.Entry}
	}
	a := detente.Actor{Code: u.code(), Country: u.country, Agent: u.agent}
	a.Start, a.End = w.s.Tokens[u.start].Start, w.s.Tokens[u.end-1].End
	a.Text = w.s.Text[a.Start:a.End]
	if u.entry != nil {
		a.Entry = u.entry.Source
	} else if u.place != "" {
		a.Entry = u.place
	}
	return a
}

func dup(evs []detente.Event, e detente.Event) bool {
	for _, x := range evs {
		if x.Source.Code == e.Source.Code && x.Target.Code == e.Target.Code && x.Code == e.Code {
			return true
		}
	}
	return false
}

// hasher hashes dictionary files into a version string.
type hasher struct{ h hash.Hash }

func newHash() *hasher { return &hasher{sha256.New()} }

func (h *hasher) add(name string, data []byte) {
	fmt.Fprintf(h.h, "%s\x00%d\x00", name, len(data))
	h.h.Write(data)
}

func (h *hasher) sum() string { return hex.EncodeToString(h.h.Sum(nil))[:16] }

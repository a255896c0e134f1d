package coder

import (
	"strings"
	"unicode"

	"github.com/detente-project/detente"
	"unicode/utf8"

	"github.com/detente-project/detente/actor"
	"github.com/detente-project/detente/text"
)

// unit is one actor of a phrase: a country, organisation, group or person,
// possibly with an agent ("Iranian officials", "the army of Iraq"), or an
// agent alone whose country is still unknown.
type unit struct {
	start, end int // tokens
	country    string
	agent      string
	entry      *actor.Entry // the country's or person's entry; the agent's when bare
	bare       bool         // agent only: the country comes from context
	guessed    bool         // the country is the sentence's only one, or where it puts its events
	located    bool         // guessed from where the sentence puts its events
	composed   bool         // the agent came from an agent word, not the entry
	// ext is the actor of a unit remembered from an earlier sentence of
	// the article (start is then -1).
	ext *detente.Actor
	// place is the gazetteer entry of a place standing for its country
	// ("shelled villages in Kharkiv"): a target only, never a subject.
	place string
}

func (u *unit) code() string { return u.country + u.agent }

// phrase is a noun phrase naming one actor or several joined by "and":
// "Iran, Russia and Syria", "the Russian and Syrian defense ministries".
type phrase struct {
	start, end int
	units      []unit
	// head reports whether the actor is the head of the noun phrase, not
	// a modifier of some other noun ("Iranian officials" yes, "Iran's
	// nuclear programme" and "Syrian Observatory" no).
	head bool
}

// buildPhrases groups the mentions of the sentence into phrases.
func (w *work) buildPhrases() {
	n := len(w.s.Tokens)
	// A dateline names where the story was filed: its place is no actor
	// (its country still counts as the sentence's, see resolveBare).
	w.dateEnd = w.datelineEnd()
	for i := w.dateEnd; i < n; {
		p, ok := w.phraseAt(i)
		if !ok {
			p, ok = w.placePhrase(i)
		}
		if !ok {
			i++
			continue
		}
		w.phrases = append(w.phrases, p)
		idx := len(w.phrases)
		w.startOf[p.start] = idx
		w.endOf[p.end-1] = idx
		i = p.end
	}
	w.resolveTitles()
	w.resolveBare()
}

// phraseAt reads a phrase starting at token i.
func (w *work) phraseAt(i int) (phrase, bool) {
	u, ok := w.unitAt(i)
	if !ok {
		return phrase{}, false
	}
	// The units live in the sentence's arena: no allocation per phrase.
	base := len(w.arena)
	w.arena = append(w.arena, u)
	p := phrase{start: i}
	j := u.end
	// A list: "A and B", "A, B and C", "A, B, and C", "neither A nor B".
	var buf [4]unit
	pending := buf[:0]
	for j < len(w.s.Tokens) {
		c := w.word(j)
		if c == "nor" {
			c = "and"
		}
		if c != "and" && c != "," {
			break
		}
		k := j + 1
		if c == "," && w.word(k) == "and" {
			// "A, B, and C" is a list; "A, and B freed ..." two clauses.
			if len(w.arena)-base+len(pending) < 2 {
				break
			}
			c, k = "and", k+1
		}
		own := false
		if c := w.word(k); c == "the" || c == "a" || c == "an" {
			k++
		} else if ownPronouns[c] {
			// "President Kagame and his party": a member of the list
			// that names its own country.
			k, own = k+1, true
		}
		v, ok := w.unitAt(k)
		if !ok || c == "and" && w.newClause(i, v.end) || own && (v.bare || v.country == "") {
			break
		}
		pending = append(pending, v)
		j = v.end
		if c == "and" {
			w.arena = append(w.arena, pending...)
			pending = pending[:0]
			p.end = j
		}
	}
	p.units = w.arena[base:len(w.arena):len(w.arena)]
	last := &p.units[len(p.units)-1]
	if p.end == 0 {
		p.end = u.end
	}
	// "the Russian and Syrian defence ministries": the agent applies to all.
	if last.composed {
		for k := range p.units[:len(p.units)-1] {
			if q := &p.units[k]; q.agent == "" && !q.bare && q.end == q.start+w.mentionLen(q.start) {
				q.agent, q.composed = last.agent, true
			}
		}
	}
	// "the Democratic People's Republic of Korea (DPRK)", "Hizbollah
	// (Party of God)": an acronym or a gloss in parentheses is part of
	// the name.
	if w.word(p.end) == "(" {
		for k := p.end + 1; k < len(w.s.Tokens) && k <= p.end+6; k++ {
			if w.word(k) == ")" {
				p.end = k + 1
				break
			}
			if !w.capitalised(k) && !nameParticles[w.word(k)] {
				break
			}
		}
	}
	p.head = w.headFollows(p.end)
	// "Chinese coast guard vessels", "Israeli army bulldozers", "the ELN
	// rebel group": a plural noun after an agent is the agent's equipment
	// or men, a collective noun the agent itself; not after a person
	// ("Sarkozy heads to Beijing").
	if !p.head && last.agent != "" && !isPerson(last) && p.end < len(w.s.Tokens) && (w.lex[p.end] == nil || collectives[w.word(p.end)]) &&
		!w.capitalised(p.end) && w.mention(p.end) == nil && (hasSuffix(w.word(p.end), "s") || collectives[w.word(p.end)]) &&
		w.headFollows(p.end+1) {
		p.end++
		last.end = p.end
		p.head = true
	}
	return p, true
}

// datelineEnd returns the token after a dateline that opens the sentence
// ("KYIV —", "MUSCAT (Northwind Wire) —", "TBILISI, Aug 12, 2008 (AFP) -"),
// or 0 when there is none.
func (w *work) datelineEnd() int {
	if len(w.s.Tokens) < 3 {
		return 0
	}
	t := w.s.Tokens[0]
	if t.Kind != text.Word || len(t.Text) < 3 || strings.ToUpper(t.Text) != t.Text {
		return 0
	}
	paren := false
	for k := 1; k < len(w.s.Tokens) && k < 14; k++ {
		switch c := w.word(k); {
		case !paren && (c == "—" || c == "–" || c == "-"):
			return k + 1
		case c == "(":
			paren = true
		case c == ")":
			paren = false
		case paren || c == "," || w.s.Tokens[k].Kind == text.Number || w.capitalised(k):
		default:
			return 0
		}
	}
	return 0
}

// newClause reports whether "A and B" starting at token i and ending
// before token end is an object and the next clause's subject: "fired
// rockets at Jerusalem and Israel responded". A is an object after a
// preposition or verb, and B is followed by a verb.
func (w *work) newClause(i, end int) bool {
	if end >= len(w.s.Tokens) || !w.is(end, cVerb|cSpeech) && !w.pastTense(end) {
		return false
	}
	b := w.beforeDet(i)
	if b < 0 {
		return false
	}
	c := w.word(b)
	return c != "between" && c != "among" && (w.is(b, cPrep|cVerb) || w.is(b, cObjPrep))
}

// pastTense reports whether token k reads as a verb in the past tense: a
// lower-case word ending in "ed" that names no actor ("fled"), not a
// participle that starts a reduced relative ("sanctions on Iran and
// Venezuela aimed at", "backed by", "accused of").
func (w *work) pastTense(k int) bool {
	c := w.word(k)
	if len(c) <= 3 || !strings.HasSuffix(c, "ed") || w.capitalised(k) || w.mention(k) != nil || relativeHeads[c] {
		return false
	}
	n := w.word(k + 1)
	return n != "by" && n != "of" && n != "at" && n != "in" && n != "as"
}

// placePhrase reads a place of the gazetteer starting at token i as a
// phrase standing for the place's country.
func (w *work) placePhrase(i int) (phrase, bool) {
	if w.mention(i) != nil || w.blocked[i] {
		return phrase{}, false
	}
	loc, n, src := w.gazetteer(i)
	if n == 0 || loc.Country == "" {
		return phrase{}, false
	}
	for k := i; k < i+n; k++ {
		if w.mention(k) != nil || w.blocked[k] {
			return phrase{}, false
		}
	}
	u := unit{start: i, end: i + n, country: loc.Country, place: src}
	w.arena = append(w.arena, u)
	return phrase{start: i, end: i + n, units: w.arena[len(w.arena)-1 : len(w.arena) : len(w.arena)], head: w.headFollows(i + n)}, true
}

// isPlace reports whether a phrase is a place standing for its country.
func (p *phrase) isPlace() bool { return len(p.units) == 1 && p.units[0].place != "" }

// unitAt reads one actor starting at token i.
func (w *work) unitAt(i int) (unit, bool) {
	m := w.mention(i)
	if m == nil {
		return unit{}, false
	}
	e := m.Entry
	if e.IsAgent {
		u := unit{start: i, agent: e.Agent, entry: e, bare: true}
		j := w.agents(m.End, &u)
		// "the army of Iraq", "dissidents from Egypt", "a court in Guyana";
		// but "its ambassador from France" is the subject's own.
		if c := w.word(j); !ownPronouns[w.word(i-1)] && (c == "of" || c == "from" || c == "in" && (u.agent == "GOV" || u.agent == "COP" || u.agent == "JUD" || u.agent == "LEG")) {
			k := j + 1
			if w.word(k) == "the" {
				k++
			}
			if cm := w.mention(k); cm != nil && !cm.Entry.IsAgent && cm.Entry.Agent == "" {
				u.country, u.entry, u.bare = cm.Entry.Country, cm.Entry, false
				j = cm.End
			}
		}
		if u.bare && w.word(j) == "in" && !ownPronouns[w.word(i-1)] && localAgents[u.agent] {
			j = w.localIn(j, &u)
		} else if u.bare && localAgents[u.agent] && j+1 < len(w.s.Tokens) && w.tags[j].finite() && w.word(j+1) == "in" {
			// "people marched in Tehran": where a bare agent acts, it is
			// at home. The locative stays the verb's.
			v := u
			if w.localIn(j+1, &v) != j+1 {
				u.country, u.entry, u.bare = v.country, v.entry, false
			}
		}
		u.end = w.names(j, &u)
		return u, true
	}
	u := unit{start: i, country: e.Country, agent: e.Agent, entry: e}
	if w.otherName(m) {
		return unit{}, false
	}
	j := m.End
	k := j
	poss := false
	if c := w.word(k); c == "'s" || c == "'" {
		k, poss = k+1, true
	}
	// "Myanmar's detained leader" is one actor; "Myanmar detained Aung
	// San Suu Kyi" is a clause: a pattern's verb after a bare name is the
	// verb.
	for n := 0; n < 2 && (w.is(k, cMod) || (poss || detente.IsCountry(e.Country)) && w.agentModifier(k)) && w.mention(k) == nil && (poss || !w.is(k, cVerb)); n++ {
		k++
	}
	if am := w.mention(k); am != nil && am.Entry.IsAgent && e.Agent == "" {
		u.agent, u.composed = am.Entry.Agent, true
		j = w.agents(am.End, &u)
		j = w.names(j, &u)
	} else if am != nil && am.Entry.IsAgent {
		// "the Taliban's deputy leader" stays the Taliban.
		j = w.names(w.agents(am.End, &u), &u)
	} else if am != nil && am.Entry.Agent != "" && am.Entry.Country == e.Country && e.Agent == "" && !w.otherName(am) {
		// "Chinese President Xi Jinping": the person.
		u.agent, u.entry = am.Entry.Agent, am.Entry
		j = w.names(am.End, &u)
	}
	u.end = j
	return u, true
}

// localAgents are the agents that belong to the country they are in:
// "police in Kiev", "protesters in the eastern Kosovan town of Gjilan",
// "a court in Istanbul". Troops, spies, aid groups and refugees are often
// foreign where they are, so they take no country from "in".
var localAgents = wordClass("local-agents")

// localIn reads "in" at token j after a bare agent: a country named there,
// as a name or an adjective ("in Kiev", "in the eastern Kosovan town of
// Gjilan"), or a place of the gazetteer, gives the agent its country. It
// returns the token after the locative phrase, or j when it names no
// country.
func (w *work) localIn(j int, u *unit) int {
	k := j + 1
	for g := 0; g < 3 && k < len(w.s.Tokens) && w.mention(k) == nil && w.is(k, cDet|cMod); g++ {
		k++
	}
	if k >= len(w.s.Tokens) || w.blocked[k] {
		return j
	}
	end, country := 0, ""
	var entry *actor.Entry
	if cm := w.mention(k); cm != nil {
		if cm.Entry.IsAgent || cm.Entry.Agent != "" || cm.Entry.Block || strings.HasPrefix(cm.Entry.Country, "IGO") {
			return j
		}
		end, country, entry = cm.End, cm.Entry.Country, cm.Entry
	} else if loc, n, _ := w.gazetteer(k); n > 0 && loc.Country != "" {
		end, country = k+n, loc.Country
	} else {
		return j
	}
	// "the Kosovan town of Gjilan": the settlement and its name belong to
	// the locative.
	if settlements[w.word(end)] {
		end++
		if w.word(end) == "of" {
			if _, n, _ := w.gazetteer(end + 1); n > 0 {
				end += 1 + n
			} else if w.capitalised(end+1) && w.mention(end+1) == nil {
				end += 2
			} else {
				end--
			}
		}
	}
	u.country, u.bare = country, false
	if entry != nil {
		u.entry = entry
	}
	return end
}

// agents absorbs further agent words after one ("government forces" is
// MIL: the last word is the head) and returns where they end.
func (w *work) agents(j int, u *unit) int {
	for {
		m := w.mention(j)
		if m == nil || !m.Entry.IsAgent {
			return j
		}
		if u.bare || u.composed {
			u.agent = m.Entry.Agent
		}
		j = m.End
	}
}

// names absorbs the name after a title ("President Ashraf Ghani"): a known
// person refines the actor, unknown capitalised words are just skipped.
func (w *work) names(j int, u *unit) int {
	for n := 0; n < 5 && j < len(w.s.Tokens); n++ {
		if m := w.mention(j); m != nil {
			if w.otherName(m) {
				// "Foreign Minister Abbas Araghchi" is not Mahmoud Abbas.
				j = m.End
				continue
			}
			if m.Entry.IsAgent || m.Entry.Agent == "" || u.country != "" && m.Entry.Country != u.country {
				return j
			}
			u.country, u.agent, u.entry, u.bare = m.Entry.Country, m.Entry.Agent, m.Entry, false
			return m.End
		}
		if !w.nameWord(j, n) {
			return j
		}
		j++
	}
	return j
}

// nameWord reports whether token j, the n-th after a title, continues a
// name the dictionaries do not know: a capitalised word that is no day or
// month ("Theresa May" is a name, "on May 5" a date), a particle before a
// capitalised word ("bin Salman") or a prefixed family name ("al-Sarraj").
func (w *work) nameWord(j, n int) bool {
	c := w.word(j)
	switch {
	case w.capitalised(j):
		return !w.is(j, cTime) || n > 0 && j+1 < len(w.s.Tokens) && w.s.Tokens[j+1].Kind != text.Number
	case nameParticles[c]:
		return j+1 < len(w.s.Tokens) && w.capitalised(j+1)
	}
	if pre, rest, ok := strings.Cut(w.s.Tokens[j].Text, "-"); ok && nameParticles[pre] && rest != "" {
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsUpper(r)
	}
	return false
}

// otherName reports whether a one-word person mention is part of another
// name: followed by a capitalised word the dictionaries do not know
// ("Abbas Araghchi" is not Mahmoud Abbas).
func (w *work) otherName(m *actor.Mention) bool {
	if m.End-m.Start != 1 || !strings.HasPrefix(m.Entry.Source, "people") || m.End >= len(w.s.Tokens) {
		return false
	}
	return w.capitalised(m.End) && w.mention(m.End) == nil && !w.is(m.End, cTime)
}

// headFollows reports whether what follows token j-1 lets the phrase
// before it be the head of its noun phrase: punctuation, a function word, a
// verb or the end of the sentence, but not another noun.
func (w *work) headFollows(j int) bool {
	if j >= len(w.s.Tokens) {
		return true
	}
	t := w.s.Tokens[j]
	if t.Kind == text.Punct {
		return w.word(j) != "-"
	}
	c := w.word(j)
	switch {
	case w.is(j, cPrep|cBe|cHave|cDo|cHypModal|cFutModal|cNeg|cAdverb|cTime|cSpeech|cPronoun):
		return true
	case c == "and" || c == "or" || c == "but" || c == "who" || c == "which" || c == "that" || c == "whose" || c == "said" || c == "to":
		return true
	case w.is(j, cVerb) || w.ctlOf(j, false) != ctlNone || w.tags[j] == tagVerb3 || w.tags[j] == tagVerbPast:
		return true
	case len(c) > 3 && c[len(c)-2:] == "ed":
		return true
	case t.Kind == text.Number:
		return false
	}
	return false
}

// resolveBare gives agents without a country the country of the sentence
// when the sentence names exactly one ("protesters" in a sentence about
// Hong Kong alone); with none or several they stay unknown, and so does an
// agent right after a blocking phrase ("Western diplomats", "Arab
// ministers"): its region or bloc is its country, and it has none.
func (w *work) resolveBare() {
	country := ""
	for _, m := range w.ments {
		if m.Entry.IsAgent || m.Entry.Country == "" {
			continue
		}
		if country != "" && m.Entry.Country != country {
			w.resolveBareAt()
			return
		}
		country = m.Entry.Country
	}
	if country == "" {
		return
	}
	// A place of another country makes the guess unsafe: "Russian
	// warplanes pounded rebel positions near Aleppo" are not Russian
	// rebels.
	for i := range w.phrases {
		for _, u := range w.phrases[i].units {
			if u.place != "" && u.country != country {
				return
			}
		}
	}
	// The country is also where the sentence puts its events ("rioted at
	// a jail in Dili"), or only named in passing ("Nokia's sale to a U.S.
	// software giant").
	located := w.sentenceLocation().Country == country
	for i := range w.phrases {
		for k := range w.phrases[i].units {
			if u := &w.phrases[i].units[k]; u.bare && u.country == "" && (u.start <= 0 || !w.blocked[u.start-1]) && !w.foreignBefore(u.start) {
				u.country, u.guessed = country, true
				u.located = located && localAtAgents[u.agent]
			}
		}
	}
}

// resolveBareAt gives the people of a sentence that names several
// countries the country where it says its events happened: "al-Shabaab
// gunmen killed 148 students at a university in Kenya". Only people who
// belong where they are (civilians, police, workers, clergy...; not
// officials, troops, rebels, attackers or refugees, who often come from
// elsewhere) take it.
func (w *work) resolveBareAt() {
	loc := w.sentenceLocation()
	if !detente.IsCountry(loc.Country) {
		return
	}
	for i := range w.phrases {
		for k := range w.phrases[i].units {
			u := &w.phrases[i].units[k]
			if u.bare && u.country == "" && localAtAgents[u.agent] && (u.start <= 0 || !w.blocked[u.start-1]) && !w.foreignBefore(u.start) {
				u.country, u.guessed, u.located = loc.Country, true, true
			}
		}
	}
}

// localAtAgents are the agents resolveBareAt places.
var localAtAgents = set("CVL", "COP", "LAB", "EDU", "HLH", "REL", "OPP", "AGR")

// foreignBefore reports whether an agent at token i is said to be from
// abroad ("foreign aid workers", "the foreign journalists"): not of the
// sentence's one country.
func (w *work) foreignBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if abroad[w.word(k)] {
			return true
		}
		if !w.is(k, cMod|cDet) && w.s.Tokens[k].Kind == text.Word {
			return false
		}
	}
	return false
}

// capitalised reports whether token j is a word starting with a capital.
func (w *work) capitalised(j int) bool {
	t := w.s.Tokens[j]
	if t.Kind != text.Word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// agentModifier reports whether token k may stand between a country and
// an agent as a noun modifying the agent: a singular common noun or a
// capitalised word the dictionaries do not know ("French paper workers",
// "Turkish Kurd refugees"). Its caller asks it after a country or a
// possessive only ("the United Nations' Mideast envoy"): an organisation's
// agent words are often a pattern's ("allowed UN humanitarian aid workers
// access"). Plurals and verbs end the actor: "US sanctions officials" is
// a clause.
func (w *work) agentModifier(k int) bool {
	if k >= len(w.s.Tokens) || w.s.Tokens[k].Kind != text.Word || w.is(k, cVerb|cSpeech|cPrep|cDet|cTime) {
		return false
	}
	switch w.tags[k] {
	case tagNoun:
		return !w.capitalised(k)
	case tagProper:
		return w.mention(k) == nil
	}
	return false
}

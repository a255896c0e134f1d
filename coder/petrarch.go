package coder

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/detente-project/detente/actor"
	"github.com/detente-project/detente/cameo"
)

// ReadPetrarchVerbs reads a verb dictionary in the format of PETRARCH2
// (CAMEO.2.0.txt) or TABARI and converts its verbs and patterns to rules.
// Words are in capitals, with underscores between the words of a phrase;
// comments are as actor.PetrarchLines reads them. The file holds:
//
//	&CURRENCY                   a synonym set, its members on "+" lines
//	+DOLLAR                     (plurals are added unless the set's name
//	+CASH_                      or the member ends in "_", or in "s")
//	--- ACCUSE [112] ---        a block of verbs sharing a default code;
//	                            "[---]" or none: the verb alone codes nothing
//	ACCUSE {ACCUSED ACCUSING}   a verb, its forms in braces, its own code
//	+CARRY_OUT [190]            a verb of several words, "+" on the verb;
//	CARRY_OUT                   (TABARI: the first word is the verb)
//	- * (OF AGGRESSION) [1123]  a pattern: "*" the verb, then words,
//	- * {ARMS SHIPMENT} (TO)    "(PREP NOUN)" a prepositional phrase,
//	- * + OF &CRIME [112]       "{A B}" a noun phrase, "&SET" a member of a
//	- + * BY $ [112]            set, "+" the target, "$" the source
//	~ a (a b ATTACK) SAY = ...  a verb transformation
//
// A verb alone gives the rule "verb +" with its code. In a block headed
// "---" every pattern applies to every verb of the block, as in PETRARCH2;
// before the first header (TABARI) a pattern applies to the verbs since
// the last pattern. A pattern gives, for each verb, the rule "verb words":
// "(", ")", "{", "}" and "^" (PETRARCH's skipped noun phrase) are dropped,
// "A/B" are alternatives and a set stands for its members. Where the
// pattern names no "+" or "$", its target is put where PETRARCH2 finds it:
// after a preposition written alone ("* (TO)" → "verb to +"), or right
// after the verb when the pattern starts with a prepositional phrase or
// has no words; a pattern that starts with an object noun ("* AID") gets
// no target and codes, as detente's own patterns without one, only between
// the members of a compound subject. Of a code pair "[042:043]" the first
// is used.
//
// Lines that are well formed but give detente nothing are counted as
// unused in the report: patterns coded "---" or ":CODE" (PETRARCH's "no
// event" and target-only codes), patterns with words before the verb,
// multi-word verbs whose verb is not their first word, transformations.
// Odd lines — a pattern with no "*" or no [CODE], a code the CAMEO codebook
// lacks, an undefined set, unbalanced brackets — are skipped with a
// warning naming their line, never fatal; a "*" joined to a word
// ("*SCEPTICAL") is read as PETRARCH2 reads it, with a warning. The error
// is for I/O only.
func ReadPetrarchVerbs(name string, r io.Reader) ([]*Rule, actor.Report, error) {
	v := verbReader{name: name, rep: actor.Report{File: name, Format: actor.FormatPetrarchVerbs}, sets: map[string]*synset{}}
	lines := actor.NewPetrarchLines(r)
	for lines.Scan() {
		v.read(lines.Line(), lines.Text())
	}
	v.endGroup()
	v.rep.Entries = len(v.out)
	if err := lines.Err(); err != nil {
		return v.out, v.rep, fmt.Errorf("read %s: %w", name, err)
	}
	return v.out, v.rep, nil
}

// verbReader is the state of reading one verb dictionary.
type verbReader struct {
	name string
	rep  actor.Report
	out  []*Rule
	sets map[string]*synset
	set  *synset // the set whose members are being read, nil outside
	// The current group: a "---" block, or before the first header the
	// verbs since the last pattern and their patterns.
	inBlock   bool
	blockCode string
	verbs     []petVerb
	pats      []petPat
}

// synset is a set of words or phrases a pattern may name by "&NAME".
type synset struct {
	members  [][]string // lower-cased words of each member
	noPlural bool
}

// petVerb is a verb of a group: its base, the words after it ("carry
// out"), its listed forms and its code ("" for none).
type petVerb struct {
	base     string
	particle []string
	forms    []string
	code     string
	line     int
}

// petPat is a pattern of a group: its elements after the verb and its code.
type petPat struct {
	elems [][][]string // element → alternatives → words
	code  string
	line  int
}

// read reads one line, without comments and not empty.
func (v *verbReader) read(ln int, s string) {
	if s[0] == '+' && v.set != nil {
		v.member(ln, s[1:])
		return
	}
	v.set = nil
	switch {
	case strings.HasPrefix(s, "---"):
		v.endGroup()
		v.inBlock, v.blockCode = true, ""
		if i := strings.IndexByte(s, '['); i >= 0 {
			// A code not read leaves the block's verbs alone coding nothing.
			v.blockCode, _ = v.code(ln, s[i:])
		}
	case s[0] == '&':
		name := strings.Fields(s)[0]
		if len(name) < 2 {
			v.rep.Warn(ln, true, "set without a name; skipped")
			return
		}
		v.set = &synset{noPlural: strings.HasSuffix(name, "_")}
		v.sets[strings.TrimSuffix(name, "_")] = v.set
	case s[0] == '~':
		v.rep.Unused++
	case s[0] == '-':
		v.pattern(ln, strings.TrimSpace(s[1:]))
	default:
		if !v.inBlock && len(v.pats) > 0 {
			v.endGroup()
		}
		v.verb(ln, s)
	}
}

// member adds "+WORDS" to the current set.
func (v *verbReader) member(ln int, s string) {
	s = strings.TrimSpace(s)
	words := phraseKeys(s)
	if len(words) == 0 {
		v.rep.Warn(ln, true, "set member %q has no word; skipped", s)
		return
	}
	// A member ending in "s" is taken as a plural already ("TROOPS").
	noPlural := v.set.noPlural || strings.HasSuffix(s, "_") || strings.HasSuffix(words[len(words)-1], "s")
	v.set.members = append(v.set.members, words)
	if !noPlural {
		w := append([]string(nil), words...)
		w[len(w)-1] = strings.ToLower(actor.Plural(w[len(w)-1]))
		v.set.members = append(v.set.members, w)
	}
}

// phraseKeys splits "AIR_STRIKE" or "SWISS FRANCS" into lower-cased words.
func phraseKeys(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
}

// code reads the "[CODE]" at the start of s: "" with ok for PETRARCH's
// null code and target-only codes, and false after a warning for a code
// the codebook lacks or a bracket left open.
func (v *verbReader) code(ln int, s string) (string, bool) {
	j := strings.IndexByte(s, ']')
	if len(s) == 0 || s[0] != '[' || j < 0 {
		v.rep.Warn(ln, true, "unclosed '[' in %q; skipped", s)
		return "", false
	}
	code := strings.TrimSpace(s[1:j])
	if k := strings.IndexByte(code, ':'); k >= 0 {
		code = code[:k]
	}
	if code == "" || code == "---" {
		return "", true
	}
	if !cameo.Valid(code) {
		v.rep.Warn(ln, true, "code [%s] is not in the CAMEO codebook; skipped", s[1:j])
		return "", false
	}
	return code, true
}

// verb reads "ACCUSE {ACCUSED ACCUSES} [112]" or "+CARRY_OUT [190]".
func (v *verbReader) verb(ln int, s string) {
	pv := petVerb{line: ln, code: v.blockCode}
	if i := strings.IndexByte(s, '['); i >= 0 {
		code, ok := v.code(ln, s[i:])
		if !ok {
			return
		}
		pv.code, s = code, strings.TrimSpace(s[:i])
	}
	if i := strings.IndexByte(s, '{'); i >= 0 {
		j := strings.IndexByte(s, '}')
		if j < i {
			v.rep.Warn(ln, true, "unclosed '{' in %q; skipped", s)
			return
		}
		for _, f := range strings.Fields(s[i+1 : j]) {
			if w := verbWord(f); w != "" {
				pv.forms = append(pv.forms, w)
			}
		}
		s = strings.TrimSpace(s[:i])
	}
	words := phraseKeys(strings.ReplaceAll(s, "+", " +"))
	if len(words) == 0 {
		v.rep.Warn(ln, true, "verb line %q has no verb; skipped", s)
		return
	}
	// "+" marks the verb of several words; before it are words detente's
	// rules cannot put before their verb.
	for k, w := range words {
		if strings.HasPrefix(w, "+") {
			if k > 0 {
				v.rep.Unused++
				return
			}
			words[k] = w[1:]
		}
	}
	if words[0] == "" || !isWord(words[0]) {
		v.rep.Warn(ln, true, "verb %q is not a word; skipped", s)
		return
	}
	pv.base, pv.particle = words[0], words[1:]
	v.verbs = append(v.verbs, pv)
}

// verbWord returns the verb of a listed form: "ACCUSED" → "accused",
// "+CORDONED_OFF" → "cordoned"; "" when the verb is not its first word.
func verbWord(f string) string {
	ws := phraseKeys(f)
	if len(ws) == 0 || strings.Contains(f, "+") && !strings.HasPrefix(f, "+") {
		return ""
	}
	return strings.TrimPrefix(ws[0], "+")
}

// isWord reports whether s is made of letters, digits, "-", "'" and ".".
func isWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '\'' || r == '.' || r > 127 && !unicode.IsSpace(r)) {
			return false
		}
	}
	return s != ""
}

// endGroup turns the current group into rules.
func (v *verbReader) endGroup() {
	for _, pv := range v.verbs {
		if pv.code == "" {
			continue
		}
		v.add(pv, [][]string{{"+"}}, pv.code, pv.line)
	}
	for _, p := range v.pats {
		for _, variant := range variants(p.elems) {
			// The verbs of a block share the pattern: its words are read
			// once, for the first verb of one word, and the rule copied
			// for the others (sets make for long lists of words).
			var proto *Rule
			for _, pv := range v.verbs {
				if proto != nil && len(pv.particle) == 0 {
					r := *proto
					r.Verb, r.Forms, r.Text = pv.base, pv.forms, pv.base+proto.Text[len(proto.Verb):]
					v.out = append(v.out, &r)
					continue
				}
				if r := v.add(pv, variant, p.code, p.line); r != nil && len(pv.particle) == 0 {
					proto = r
				}
			}
		}
	}
	v.verbs, v.pats = v.verbs[:0], v.pats[:0]
}

// add appends the rule "verb particle elems" coded code and returns it,
// nil when detente cannot read it.
func (v *verbReader) add(pv petVerb, elems [][]string, code string, ln int) *Rule {
	parts := append([]string{pv.base}, pv.particle...)
	for _, e := range elems {
		parts = append(parts, strings.Join(e, "/"))
	}
	r, err := parsePattern(code, strings.Join(parts, " "), v.name+":"+strconv.Itoa(ln))
	if err != nil {
		return nil
	}
	r.Forms = pv.forms
	v.out = append(v.out, r)
	return r
}

// maxVariants bounds the rules one pattern gives one verb when its sets
// have members of several words.
const maxVariants = 64

// variants expands a pattern's elements into the sequences of pattern
// words of detente: an element's one-word alternatives become one "a/b"
// word, each of its longer alternatives a variant of its own.
func variants(elems [][][]string) [][][]string {
	out := [][][]string{nil}
	n := 1
	for _, e := range elems {
		var single []string
		var multi [][]string
		seen := map[string]bool{}
		for _, alt := range e {
			if len(alt) == 1 {
				if !seen[alt[0]] {
					single = append(single, alt[0])
				}
				seen[alt[0]] = true
			} else {
				multi = append(multi, alt)
			}
		}
		n *= len(multi) + min(len(single), 1)
		if n > maxVariants && len(single) > 0 {
			multi = nil
		}
		var next [][][]string
		for _, o := range out {
			if len(single) > 0 {
				next = append(next, appendWords(o, [][]string{single}))
			}
			for _, m := range multi {
				var ws [][]string
				for _, w := range m {
					ws = append(ws, []string{w})
				}
				next = append(next, appendWords(o, ws))
			}
		}
		out = next
	}
	return out
}

func appendWords(o [][]string, ws [][]string) [][]string {
	return append(append([][]string(nil), o...), ws...)
}

// pattern reads "- * + (OF AGGRESSION) [1123]" (without the "-").
func (v *verbReader) pattern(ln int, s string) {
	if !v.inBlock && len(v.verbs) == 0 {
		v.rep.Warn(ln, true, "pattern before any verb; skipped")
		return
	}
	i := strings.LastIndexByte(s, '[')
	if i < 0 {
		v.rep.Warn(ln, true, "pattern %q has no [CODE]; skipped", s)
		return
	}
	if strings.IndexByte(s[i:], ']') < 0 {
		v.rep.Warn(ln, true, "unclosed '[' in %q; skipped", s[i:])
		return
	}
	if rest := strings.TrimSpace(s[i:]); !strings.HasSuffix(rest, "]") {
		v.rep.Warn(ln, true, "text after the code of pattern %q; skipped", s)
		return
	}
	code, ok := v.code(ln, s[i:])
	if !ok {
		return
	}
	body := s[:i]
	if n := strings.Count(body, "*"); n != 1 {
		v.rep.Warn(ln, true, "pattern %q has %d '*' for the verb, want one; skipped", s, n)
		return
	}
	pre, post, _ := strings.Cut(body, "*")
	if f := strings.Fields(post); len(f) > 0 && strings.HasPrefix(post, f[0]) {
		v.rep.Warn(ln, false, "'*' joined to %q; read as \"* %s\", as PETRARCH2 does", f[0], strings.TrimSpace(strings.TrimLeft(post, "_")))
	}
	if code == "" {
		v.rep.Unused++
		return
	}
	targetBefore := false
	for _, f := range phraseKeys(pre) {
		switch f {
		case "$", "^", "%":
		case "+":
			targetBefore = true
		default:
			// Words before the verb: detente's rules start at their verb.
			v.rep.Unused++
			return
		}
	}
	elems, err := v.postVerb(post)
	if err != nil {
		v.rep.Warn(ln, true, "pattern %q: %v; skipped", s, err)
		return
	}
	if elems == nil || targetBefore && !hasSlot(elems, "$") {
		// Two slots after the verb, or a target before it and no source
		// after: detente's rules have one slot, after their verb.
		v.rep.Unused++
		return
	}
	v.pats = append(v.pats, petPat{elems: elems, code: code, line: ln})
}

// postVerb converts the words of a pattern after its "*" into elements,
// with the target placed where PETRARCH2 would find it (see
// ReadPetrarchVerbs). It returns nil elements for a pattern detente cannot
// express: both a target and a source after the verb.
func (v *verbReader) postVerb(post string) ([][][]string, error) {
	var (
		elems            [][][]string
		depthP, depthB   int
		slots            int
		lonePrep         = -1 // element index after a preposition written alone
		startsWithPhrase bool
	)
	fields := strings.Fields(strings.ReplaceAll(post, "_", " "))
	for _, f := range fields {
		opens := 0
		for strings.HasPrefix(f, "(") || strings.HasPrefix(f, "{") {
			if f[0] == '(' {
				depthP++
				opens = 1
				if len(elems) == 0 {
					startsWithPhrase = true
				}
			} else {
				depthB++
			}
			f = f[1:]
		}
		closeP := 0
		for strings.HasSuffix(f, ")") || strings.HasSuffix(f, "}") {
			if f[len(f)-1] == ')' {
				depthP--
				closeP++
			} else {
				depthB--
			}
			f = f[:len(f)-1]
		}
		if depthP < 0 || depthB < 0 || depthP > 1 || depthB > 1 {
			return nil, fmt.Errorf("unbalanced brackets")
		}
		switch {
		case f == "":
		case f == "^" || f == "%" || f == "=":
		case f == "+" || f == "$":
			slots++
			elems = append(elems, [][]string{{f}})
		case f[0] == '&':
			set := v.sets[strings.TrimSuffix(f, "_")]
			if set == nil {
				return nil, fmt.Errorf("set %s is not defined before", f)
			}
			if len(set.members) == 0 {
				return nil, fmt.Errorf("set %s has no members", f)
			}
			elems = append(elems, set.members)
		default:
			if opens == 1 && closeP == 1 && lonePrep < 0 {
				// "(TO)": the actor is the object of the preposition.
				lonePrep = len(elems) + 1
			}
			var alts [][]string
			for _, a := range strings.Split(strings.ToLower(f), "/") {
				if !isWord(a) {
					return nil, fmt.Errorf("%q is not a word", f)
				}
				alts = append(alts, []string{a})
			}
			elems = append(elems, alts)
		}
	}
	if depthP != 0 || depthB != 0 {
		return nil, fmt.Errorf("unbalanced brackets")
	}
	switch {
	case slots > 1:
		return nil, nil
	case slots == 1:
	case lonePrep >= 0:
		elems = append(elems[:lonePrep], append([][][]string{{{"+"}}}, elems[lonePrep:]...)...)
	case len(elems) == 0 || startsWithPhrase:
		elems = append([][][]string{{{"+"}}}, elems...)
	}
	return elems, nil
}

// hasSlot reports whether elems has the slot "+" or "$".
func hasSlot(elems [][][]string, slot string) bool {
	for _, e := range elems {
		if len(e) == 1 && len(e[0]) == 1 && e[0][0] == slot {
			return true
		}
	}
	return false
}

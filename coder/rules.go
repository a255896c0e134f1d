package coder

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/detente-project/detente/actor"
	"github.com/detente-project/detente/cameo"
	"github.com/detente-project/detente/text"
)

// elemKind is the kind of one element of a pattern.
type elemKind uint8

const (
	elemWord   elemKind = iota // literal word(s)
	elemTarget                 // "+": the target actor
	elemSource                 // "$": the source actor
	elemAmount                 // "%": a sum of money ("$1 billion", "50 million euros")
)

// elem is one element of a pattern after its verb.
type elem struct {
	kind  elemKind
	words []string // alternatives of a literal, lower-cased
	ids   []uint32 // their numbers in Coder.wordID
	mask  uint64   // their numbers modulo 64, as bits: a quick first test
}

// Rule is one event pattern of a verb dictionary.
type Rule struct {
	Code   string // CAMEO code
	Verb   string // the first word as written, base form of a verb
	Source string // "verbs.txt:118"
	Text   string // the pattern as written
	// Literal marks a first word that matches only as written (a noun).
	Literal bool
	// Forms are forms of the verb given by the dictionary besides those
	// Inflect generates.
	Forms []string
	elems []elem
	slot  int // index in elems of the first slot, -1 for none
}

// hasSlot reports whether the rule names a target or source after its verb.
func (r *Rule) hasSlot() bool {
	for _, e := range r.elems {
		if e.kind == elemTarget || e.kind == elemSource {
			return true
		}
	}
	return false
}

// firstSlot returns the index of the first slot element, or -1.
func (r *Rule) firstSlot() int { return r.slot }

// ParseRules reads an event pattern dictionary in detente's format (see
// coder/dict/verbs.txt) and returns the rules it could read, with a report
// of the file. name is used in rule sources and warnings. Every code must
// be in the CAMEO codebook. A line without a valid code is skipped with a
// warning naming its line and what was wrong, and so is a malformed
// pattern, the other patterns of its line kept; the error is for reading r
// only.
func ParseRules(name string, r io.Reader) ([]*Rule, actor.Report, error) {
	rep := actor.Report{File: name, Format: actor.FormatVerbs}
	var out []*Rule
	lines := actor.NewLines(r)
	for lines.Scan() {
		ln := lines.Line()
		if lines.TooLong() {
			rep.Warn(ln, true, "line longer than %d bytes; skipped", actor.MaxLine)
			continue
		}
		line := strings.TrimSpace(lines.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		code, body, ok := strings.Cut(line, ":")
		if !ok {
			rep.Warn(ln, true, "missing ':' after the code; skipped")
			continue
		}
		code = strings.TrimSpace(code)
		if !cameo.Valid(code) {
			rep.Warn(ln, true, "%q is not a CAMEO code; skipped", code)
			continue
		}
		src := name + ":" + strconv.Itoa(ln)
		for _, p := range strings.Split(body, "|") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			rules, err := parseAlternatives(code, p, src)
			if err != nil {
				rep.Warn(ln, true, "%v; pattern skipped", err)
				continue
			}
			out = append(out, rules...)
		}
	}
	rep.Entries = len(out)
	if err := lines.Err(); err != nil {
		return out, rep, fmt.Errorf("read %s: %w", name, err)
	}
	return out, rep, nil
}

// parseAlternatives reads one pattern whose first word may list
// alternatives: "begin/launch talks" is two patterns; so is
// "~attack/attacks on +", both nouns. A fault in any gives no rules.
func parseAlternatives(code, p, src string) ([]*Rule, error) {
	fields := strings.Fields(p)
	head := fields[0]
	lit := strings.HasPrefix(head, "~")
	var out []*Rule
	for _, first := range strings.Split(strings.TrimPrefix(head, "~"), "/") {
		if first == "" {
			// Joined back, an empty first word would make the next word
			// the verb: "begin//launch talks" would have a verb "talks".
			return nil, fmt.Errorf("pattern %q: empty alternative in %q", p, head)
		}
		if lit {
			first = "~" + first
		}
		fields[0] = first
		rule, err := parsePattern(code, strings.Join(fields, " "), src)
		if err != nil {
			return nil, err
		}
		out = append(out, rule)
	}
	return out, nil
}

// parsePattern reads one pattern: "accuse + of", "~talks between +".
func parsePattern(code, p, src string) (*Rule, error) {
	fields := strings.Fields(p)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	r := &Rule{Code: code, Source: src, Text: p}
	first := fields[0]
	if strings.HasPrefix(first, "~") {
		r.Literal, first = true, first[1:]
	}
	if first == "" || first == "+" || first == "$" {
		return nil, fmt.Errorf("pattern %q: must start with a word", p)
	}
	r.Verb = strings.ToLower(first)
	for _, f := range fields[1:] {
		switch f {
		case "+":
			r.elems = append(r.elems, elem{kind: elemTarget})
		case "$":
			r.elems = append(r.elems, elem{kind: elemSource})
		case "%":
			r.elems = append(r.elems, elem{kind: elemAmount})
		default:
			var alts []string
			for _, a := range strings.Split(f, "/") {
				if a == "" {
					return nil, fmt.Errorf("pattern %q: empty alternative in %q", p, f)
				}
				alts = append(alts, wordKeys(a)...)
			}
			r.elems = append(r.elems, elem{kind: elemWord, words: alts})
		}
	}
	slots := 0
	r.slot = -1
	for i, e := range r.elems {
		if e.kind == elemTarget || e.kind == elemSource {
			if slots == 0 {
				r.slot = i
			}
			slots++
		}
	}
	if slots > 1 {
		return nil, fmt.Errorf("pattern %q: at most one of + and $", p)
	}
	return r, nil
}

// wordKeys returns the match key of a pattern word; a word the tokenizer
// splits ("tear-gas" stays one, "government's" does not) keeps only its
// first token, which is how text will present it.
func wordKeys(w string) []string {
	toks := text.Tokenize(w, nil)
	if len(toks) == 0 {
		return nil
	}
	return []string{actor.Key(toks[0].Text)}
}

// hasWord reports whether w is one of the rule's literal words after its
// first.
func (r *Rule) hasWord(w string) bool {
	for _, e := range r.elems {
		if e.kind == elemWord && has(e.words, w) {
			return true
		}
	}
	return false
}

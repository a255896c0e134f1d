package coder

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/detente-project/detente/cameo"
)

// ReadPetrarchVerbs reads a verb dictionary in the format of the PETRARCH
// and TABARI coders and converts its patterns to rules. In that format:
//
//	--- ACCUSE [112] ---           a block of verbs sharing a default code
//	ACCUSE {ACCUSED ACCUSING}      a verb, with further forms in braces
//	CARRY_OUT [190]                TABARI: a verb with its own code
//	- * + OF AGGRESSION [1123]     a pattern: "*" the verb, "$" the source,
//	                               "+" the target, other words literal
//
// Words are in capitals with underscores between the words of a phrase;
// text after "#" is a comment. A verb alone codes "verb +" with its block's
// code. Patterns coded "---" (PETRARCH's "no event") or with codes the
// CAMEO codebook lacks are left out, as are patterns whose target comes
// before the verb without a source after it, which detente's rules cannot
// express.
func ReadPetrarchVerbs(name string, r io.Reader) ([]*Rule, error) {
	var (
		out       []*Rule
		verbs     []petVerb
		blockCode string
		lastPat   bool
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		src := name + ":" + strconv.Itoa(ln)
		switch {
		case line == "" || strings.HasPrefix(line, "<") || strings.HasPrefix(line, "&"):
		case strings.HasPrefix(line, "---"):
			code := ""
			if strings.Contains(line, "[") {
				c, err := bracketCode(strings.Trim(line, "- "))
				if err != nil {
					return out, fmt.Errorf("%s:%d: %w", name, ln, err)
				}
				code = c
			}
			blockCode, verbs, lastPat = code, verbs[:0], false
		case strings.HasPrefix(line, "-"):
			if len(verbs) == 0 {
				return out, fmt.Errorf("%s:%d: pattern before any verb", name, ln)
			}
			rs, err := petPattern(strings.TrimSpace(line[1:]), verbs, src)
			if err != nil {
				return out, fmt.Errorf("%s:%d: %w", name, ln, err)
			}
			out = append(out, rs...)
			lastPat = true
		default:
			if lastPat {
				verbs, lastPat = verbs[:0], false
			}
			v, code, err := petVerbLine(line)
			if err != nil {
				return out, fmt.Errorf("%s:%d: %w", name, ln, err)
			}
			if code == "" {
				code = blockCode
			}
			v.code = code
			verbs = append(verbs, v)
			if r := petRule(v, code, nil, src, "+"); r != nil {
				out = append(out, r)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// petVerb is a verb of a PETRARCH block: its base, its particle words
// ("carry out"), its listed forms and its code.
type petVerb struct {
	base     string
	particle []string
	forms    []string
	code     string
}

// petVerbLine reads "ACCUSE {ACCUSED ACCUSES} [112]".
func petVerbLine(line string) (petVerb, string, error) {
	var v petVerb
	code := ""
	if i := strings.IndexByte(line, '['); i >= 0 {
		c, err := bracketCode(line[i:])
		if err != nil {
			return v, "", err
		}
		code, line = c, strings.TrimSpace(line[:i])
	}
	if i := strings.IndexByte(line, '{'); i >= 0 {
		j := strings.IndexByte(line, '}')
		if j < i {
			return v, "", fmt.Errorf("unclosed '{' in %q", line)
		}
		for _, f := range strings.Fields(line[i+1 : j]) {
			v.forms = append(v.forms, strings.ToLower(strings.SplitN(f, "_", 2)[0]))
		}
		line = strings.TrimSpace(line[:i])
	}
	words := strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return r == '_' || r == ' ' })
	if len(words) == 0 {
		return v, "", fmt.Errorf("verb line without a verb")
	}
	v.base, v.particle = words[0], words[1:]
	return v, code, nil
}

// bracketCode reads "[112]", "[---]" or "[010:010]" and returns the code,
// "" for "---" and for codes the codebook lacks.
func bracketCode(s string) (string, error) {
	i, j := strings.IndexByte(s, '['), strings.IndexByte(s, ']')
	if i < 0 || j < i {
		return "", fmt.Errorf("want [CODE] in %q", s)
	}
	code := strings.TrimSpace(s[i+1 : j])
	if k := strings.IndexByte(code, ':'); k >= 0 {
		code = code[:k]
	}
	if !cameo.Valid(code) {
		return "", nil
	}
	return code, nil
}

// petPattern converts "- $ * + OF AGGRESSION [1123]" for every verb of the
// block.
func petPattern(p string, verbs []petVerb, src string) ([]*Rule, error) {
	i := strings.IndexByte(p, '[')
	if i < 0 {
		return nil, fmt.Errorf("pattern %q: want [CODE] at its end", p)
	}
	code, err := bracketCode(p[i:])
	if err != nil {
		return nil, err
	}
	fields := strings.Fields(strings.ReplaceAll(p[:i], "_", " "))
	star := -1
	for k, f := range fields {
		if f == "*" {
			star = k
		}
	}
	if star < 0 {
		return nil, fmt.Errorf("pattern %q: no '*' for the verb", p)
	}
	targetBefore := false
	for _, f := range fields[:star] {
		if f == "+" {
			targetBefore = true
		}
	}
	var after []string
	hasSource := false
	for _, f := range fields[star+1:] {
		switch {
		case f == "+" || f == "$":
			hasSource = hasSource || f == "$"
			after = append(after, f)
		case f == "%" || f == "^" || f == "=":
		default:
			after = append(after, strings.ToLower(f))
		}
	}
	if targetBefore && !hasSource || !targetBefore && hasSource {
		return nil, nil
	}
	var out []*Rule
	for _, v := range verbs {
		c := code
		if c == "" && v.code != "" && strings.Contains(p[i:], "---") {
			continue
		}
		if c == "" {
			continue
		}
		if r := petRule(v, c, after, src, ""); r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// petRule builds the rule "verb particle words...", with extra appended
// when the words have no slot.
func petRule(v petVerb, code string, words []string, src, extra string) *Rule {
	if code == "" {
		return nil
	}
	parts := append([]string{v.base}, v.particle...)
	parts = append(parts, words...)
	if extra != "" {
		parts = append(parts, extra)
	}
	r, err := parsePattern(code, strings.Join(parts, " "), src)
	if err != nil {
		return nil
	}
	r.Forms = v.forms
	return r
}

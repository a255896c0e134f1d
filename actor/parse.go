package actor

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/detente-project/detente/text"
)

// Parse reads a dictionary in detente's own format and returns the entries
// it could read, with a report of the file. name is used in entry sources
// ("people.txt:12") and warnings. The format:
//
//	# comment; blank lines are ignored
//	CODE : phrase | phrase | phrase
//	CODE FROM..TO : phrase | phrase
//	--- : phrase | phrase
//
// where FROM and TO are YYYY-MM-DD days (either may be empty) bounding the
// entry's validity, TO exclusive. The code "---" makes blocking entries:
// phrases that name no actor but hold words that would ("South China Sea",
// "Latin American"); they win the longest match and code nothing. When
// agents is true the codes are agent codes ("GOV : minister | officials")
// that compose with a country named elsewhere; an agent dictionary has no
// blocking entries. A malformed line is skipped with a warning naming its
// line and what was wrong, so that one typo costs one line; the error is
// for reading r only.
func Parse(name string, r io.Reader, agents bool) ([]Entry, Report, error) {
	rep := Report{File: name, Format: FormatActors}
	if agents {
		rep.Format = FormatAgents
	}
	var out []Entry
	lines := NewLines(r)
	for lines.Scan() {
		ln := lines.Line()
		if lines.TooLong() {
			rep.Warn(ln, true, "line longer than %d bytes; skipped", MaxLine)
			continue
		}
		line := strings.TrimSpace(lines.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		es, err := parseLine(line, name+":"+strconv.Itoa(ln), agents)
		if err != nil {
			rep.Warn(ln, true, "%v; skipped", err)
			continue
		}
		out = append(out, es...)
	}
	rep.Entries = len(out)
	if err := lines.Err(); err != nil {
		return out, rep, fmt.Errorf("read %s: %w", name, err)
	}
	return out, rep, nil
}

// parseLine reads the entries of one line that is neither blank nor a
// comment; src is their source. A line with any error gives no entries.
func parseLine(line, src string, agents bool) ([]Entry, error) {
	head, body, ok := strings.Cut(line, " : ")
	if !ok {
		head, body, ok = strings.Cut(line, ":")
	}
	if !ok {
		return nil, fmt.Errorf("missing ':' between code and phrases")
	}
	fields := strings.Fields(head)
	if len(fields) == 0 || len(fields) > 2 {
		return nil, fmt.Errorf("want CODE or CODE FROM..TO before ':', got %q", head)
	}
	code := fields[0]
	if err := checkCode(code, agents); err != nil {
		return nil, err
	}
	var from, to time.Time
	if len(fields) == 2 {
		var err error
		if from, to, err = parseRange(fields[1]); err != nil {
			return nil, err
		}
	}
	var out []Entry
	for _, p := range strings.Split(body, "|") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		e := newEntry(code, p, src, agents)
		if len(e.words) == 0 || !hasWord(p) {
			return nil, fmt.Errorf("phrase %q has no words", p)
		}
		e.From, e.To = from, to
		out = append(out, e)
	}
	return out, nil
}

// checkCode accepts upper-case letter codes: three letters or more for an
// actor, a known agent code in an agent dictionary, and "---" for blocking
// entries outside agent dictionaries.
func checkCode(code string, agents bool) error {
	if code == BlockCode {
		if agents {
			return fmt.Errorf("blocking code %q in an agent dictionary", code)
		}
		return nil
	}
	for i := 0; i < len(code); i++ {
		if c := code[i]; (c < 'A' || c > 'Z') && (i < 3 || c < '0' || c > '9') {
			return fmt.Errorf("code %q: want upper-case letters (and digits after the third)", code)
		}
	}
	switch {
	case agents && !IsAgentCode(code):
		return fmt.Errorf("unknown agent code %q", code)
	case !agents && len(code) < 3:
		return fmt.Errorf("code %q: want at least three letters", code)
	}
	return nil
}

// parseRange reads "FROM..TO" with YYYY-MM-DD days, either side empty.
func parseRange(s string) (from, to time.Time, err error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok || a == "" && b == "" {
		return from, to, fmt.Errorf("date range %q: want FROM..TO", s)
	}
	if a != "" {
		if from, err = time.Parse(time.DateOnly, a); err != nil {
			return from, to, fmt.Errorf("date range %q: %w", s, err)
		}
	}
	if b != "" {
		if to, err = time.Parse(time.DateOnly, b); err != nil {
			return from, to, fmt.Errorf("date range %q: %w", s, err)
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, fmt.Errorf("date range %q: FROM must be before TO", s)
	}
	return from, to, nil
}

// newEntry builds the entry of one phrase.
func newEntry(code, phrase, src string, agent bool) Entry {
	e := Entry{Code: code, Phrase: phrase, Source: src, IsAgent: agent, exact: isExact(phrase)}
	switch {
	case agent:
		e.Agent = code
	case code == BlockCode:
		e.Block = true
	default:
		e.Country, e.Agent = splitCode(code)
	}
	e.words = phraseWords(phrase)
	if e.exact {
		for _, t := range text.Tokenize(phrase, nil) {
			e.cased = append(e.cased, t.Text)
		}
	}
	return e
}

// phraseWords tokenizes a phrase into lower-cased match keys, without a
// leading article.
func phraseWords(phrase string) []string {
	toks := text.Tokenize(phrase, nil)
	words := make([]string, 0, len(toks))
	for i, t := range toks {
		w := Key(t.Text)
		if i == 0 && len(toks) > 1 && (w == "the" || w == "a" || w == "an") {
			continue
		}
		words = append(words, w)
	}
	return words
}

// Key returns the match key of a token: lower-cased, with typographic
// apostrophes made plain. It allocates only when the token changes.
func Key(tok string) string {
	if strings.Contains(tok, "’") {
		tok = strings.ReplaceAll(tok, "’", "'")
	}
	return text.LowerASCII(tok)
}

// hasWord reports whether s has a letter or digit.
func hasWord(s string) bool {
	for _, t := range text.Tokenize(s, nil) {
		if t.Kind != text.Punct {
			return true
		}
	}
	return false
}

package actor

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ReadPetrarch reads an actor or agent dictionary in the format of the
// PETRARCH and TABARI coders and converts it to entries. In that format a
// phrase is written in capitals with underscores between words
// ("UNITED_STATES"); a line with a phrase and one or more bracketed codes
// starts an actor, "+PHRASE" lines add synonyms to it, and bracketed code
// lines on their own add further codes. A code may carry a validity:
// "[USAGOV 090120-170120]" (from–to), "[USAGOV >090120]" (from),
// "[USAGOV <170120]" (until); days are YYMMDD (years before 50 in the 2000s)
// or YYYYMMDD. A code starting with "~" is an agent ("[~GOV]"). Text after
// "#" is a comment, and "{ALT FORMS}" list further forms of a phrase. The
// null code "[---]" makes a blocking entry (see Parse): a phrase that codes
// nothing.
func ReadPetrarch(name string, r io.Reader) ([]Entry, error) {
	var (
		out     []Entry
		phrases []string // phrases of the current actor
		codes   []petCode
		line0   int
	)
	flush := func() {
		for _, c := range codes {
			for _, p := range phrases {
				e := newEntry(c.code, p, name+":"+strconv.Itoa(line0), c.agent)
				if len(e.words) == 0 {
					continue
				}
				// Every phrase of these formats is in capitals, so none
				// is case-sensitive.
				e.exact, e.cased = false, nil
				e.From, e.To = c.from, c.to
				out = append(out, e)
			}
		}
		phrases, codes = phrases[:0], codes[:0]
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "<") {
			continue
		}
		phrase, cs, err := splitPetrarchLine(line)
		if err != nil {
			return out, fmt.Errorf("%s:%d: %w", name, ln, err)
		}
		switch {
		case strings.HasPrefix(line, "+"):
			if len(codes) == 0 && len(phrases) == 0 {
				return out, fmt.Errorf("%s:%d: synonym %q before any actor", name, ln, line)
			}
			phrases = append(phrases, expandForms(strings.TrimPrefix(phrase, "+"))...)
			codes = append(codes, cs...)
		case phrase == "":
			if len(phrases) == 0 {
				return out, fmt.Errorf("%s:%d: codes %q before any actor", name, ln, line)
			}
			codes = append(codes, cs...)
		default:
			flush()
			line0 = ln
			phrases = append(phrases, expandForms(phrase)...)
			codes = append(codes, cs...)
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

type petCode struct {
	code     string
	agent    bool
	from, to time.Time
}

// splitPetrarchLine splits "PHRASE [CODE ...] [CODE ...]" into the phrase
// (with spaces for underscores) and its codes.
func splitPetrarchLine(line string) (string, []petCode, error) {
	var codes []petCode
	phrase := line
	if i := strings.IndexByte(line, '['); i >= 0 {
		phrase = line[:i]
		rest := line[i:]
		for rest != "" {
			rest = strings.TrimSpace(rest)
			if rest == "" {
				break
			}
			if rest[0] != '[' {
				return "", nil, fmt.Errorf("unexpected %q after codes", rest)
			}
			j := strings.IndexByte(rest, ']')
			if j < 0 {
				return "", nil, fmt.Errorf("unclosed '[' in %q", line)
			}
			c, err := parsePetCode(rest[1:j])
			if err != nil {
				return "", nil, err
			}
			codes = append(codes, c)
			rest = rest[j+1:]
		}
	}
	phrase = strings.TrimSpace(strings.ReplaceAll(strings.Trim(strings.TrimSpace(phrase), "!"), "_", " "))
	return phrase, codes, nil
}

// parsePetCode reads "USAGOV", "~GOV", "USAGOV 090120-170120", "X >090120"
// or "X <170120".
func parsePetCode(s string) (petCode, error) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 2 {
		return petCode{}, fmt.Errorf("code %q: want CODE or CODE DATES", s)
	}
	c := petCode{code: f[0]}
	if strings.HasPrefix(c.code, "~") {
		c.code, c.agent = c.code[1:], true
	}
	if c.code == "" || c.code == BlockCode && c.agent {
		return c, fmt.Errorf("code %q: empty", s)
	}
	if c.code == BlockCode {
		return c, nil
	}
	for _, r := range c.code {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return c, fmt.Errorf("code %q: want capitals and digits", s)
		}
	}
	if len(f) == 1 {
		return c, nil
	}
	var err error
	d := f[1]
	switch {
	case strings.HasPrefix(d, ">"):
		c.from, err = petDate(d[1:])
	case strings.HasPrefix(d, "<"):
		c.to, err = petDate(d[1:])
	default:
		a, b, ok := strings.Cut(d, "-")
		if !ok {
			return c, fmt.Errorf("code %q: want FROM-TO, >FROM or <TO dates", s)
		}
		if c.from, err = petDate(a); err == nil {
			c.to, err = petDate(b)
		}
	}
	if err != nil {
		return c, fmt.Errorf("code %q: %w", s, err)
	}
	return c, nil
}

// petDate reads YYMMDD or YYYYMMDD; two-digit years below 50 are 20xx.
func petDate(s string) (time.Time, error) {
	switch len(s) {
	case 8:
		return time.Parse("20060102", s)
	case 6:
		yy, err := strconv.Atoi(s[:2])
		if err != nil {
			return time.Time{}, fmt.Errorf("date %q: %w", s, err)
		}
		century := "19"
		if yy < 50 {
			century = "20"
		}
		return time.Parse("20060102", century+s)
	}
	return time.Time{}, fmt.Errorf("date %q: want YYMMDD or YYYYMMDD", s)
}

// expandForms turns "ALLY {ALLIES}" into its forms "ALLY" and "ALLIES".
func expandForms(p string) []string {
	i := strings.IndexByte(p, '{')
	if i < 0 {
		return []string{strings.TrimSpace(p)}
	}
	base := strings.TrimSpace(p[:i])
	out := []string{base}
	rest := p[i+1:]
	if j := strings.IndexByte(rest, '}'); j >= 0 {
		rest = rest[:j]
	}
	for _, f := range strings.Fields(rest) {
		out = append(out, strings.ReplaceAll(f, "_", " "))
	}
	return out
}

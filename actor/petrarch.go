package actor

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ReadPetrarch reads an actor dictionary in the format of the PETRARCH and
// TABARI coders (Phoenix.Countries.actors.txt and its kin) and converts it
// to entries. In that format a phrase is written in capitals with
// underscores between words ("UNITED_STATES_"; a final "_" is TABARI's
// whole-word mark and changes nothing here). A line with a phrase starts
// an actor, "+PHRASE" lines add synonyms to it, and bracketed codes, on its
// line or on lines of their own, give its codes:
//
//	[USAGOV]                 always
//	[USAGOV 090120-170120]   from the first day, until the day before the second
//	[USAGOV >090120]         from that day
//	[USAGOV <170120]         until the day before
//
// Days are YYMMDD (years up to 30 in the 2000s, as PETRARCH2 reads them)
// or YYYYMMDD. As in PETRARCH2, the first code valid on a sentence's day
// wins. A code starting with "~" is an agent ("[~GOV]"), "{ALT FORMS}" list
// further forms of a phrase (TABARI), and the null code "[---]" makes a
// blocking entry (see Parse). Comments are as PetrarchLines reads them.
//
// Odd lines do not stop the reading: a line that cannot be read is skipped
// and a code that cannot be read is dropped, each with a warning in the
// report naming its line. Some are read with a warning instead: a date with
// too many digits as PETRARCH2 reads it (its first six digits for seven,
// its first eight for more), "> 140608" as ">140608", and an actor without
// codes on the line right above another actor as a synonym of that actor
// (the files list a leader's names on consecutive lines with the codes
// after the last; PETRARCH2 keeps the first names with no code, which
// codes nothing). The error is for I/O only.
func ReadPetrarch(name string, r io.Reader) ([]Entry, Report, error) {
	rep := Report{File: name, Format: FormatPetrarchActors}
	var (
		out     []Entry
		phrases []string // phrases of the current actor
		codes   []petCode
		line0   int     // line of the current actor, 0 when there is none
		last    int     // last line read for the current actor
		coded   bool    // whether the current actor had a code, readable or not
		badLine int     // line of a skipped actor whose synonyms and codes follow
		carried []carry // codeless actors read as synonyms of the current one
		first   int     // index in phrases of the current actor's phrase
	)
	flush := func() {
		if line0 > 0 && !coded {
			rep.Warn(line0, true, "actor %q has no code; skipped", phrases[first])
		}
		for _, c := range carried {
			if coded {
				rep.Warn(c.line, false, "actor %q has no code; read as a synonym of the actor at line %d that follows it", c.phrase, line0)
			} else {
				rep.Warn(c.line, true, "actor %q has no code; skipped", c.phrase)
			}
		}
		if len(codes) > 0 {
			src := name + ":" + strconv.Itoa(line0)
			for _, p := range phrases {
				// A phrase is read once; its entries for the other codes
				// share its words.
				e := newEntry(codes[0].code, p, src, codes[0].agent)
				if len(e.words) == 0 {
					continue
				}
				for _, c := range codes {
					ce := newEntry(c.code, "", src, c.agent)
					ce.Phrase, ce.words = e.Phrase, e.words
					// Every phrase of these formats is in capitals, so
					// none is case-sensitive.
					ce.From, ce.To = c.from, c.to
					out = append(out, ce)
				}
			}
		}
		phrases, codes, line0, coded, carried, first = phrases[:0], codes[:0], 0, false, carried[:0], 0
	}
	lines := NewPetrarchLines(r)
	for lines.Scan() {
		line, ln := lines.Text(), lines.Line()
		switch {
		case badLine > 0 && (line[0] == '[' || line[0] == '+'):
			rep.Warn(ln, true, "belongs to the actor skipped at line %d; skipped", badLine)
		case line[0] == '[':
			if line0 == 0 {
				rep.Warn(ln, true, "codes %q before any actor; skipped", line)
				continue
			}
			coded, last = true, ln
			codes = readCodes(&rep, ln, line, codes)
		case line[0] == '+':
			if line0 == 0 {
				rep.Warn(ln, true, "synonym %q before any actor; skipped", line)
				continue
			}
			ps, ok := actorPhrases(&rep, ln, line[1:])
			if !ok {
				continue
			}
			phrases, last = append(phrases, ps...), ln
			if i := strings.IndexByte(line, '['); i >= 0 {
				coded = true
				codes = readCodes(&rep, ln, line[i:], codes)
			}
		default:
			// An actor without codes right above another is its synonym.
			if line0 > 0 && !coded && ln == last+1 {
				carried = append(carried, carry{line0, phrases[first]})
			} else {
				flush()
			}
			badLine = 0
			ps, ok := actorPhrases(&rep, ln, line)
			if !ok {
				flush()
				badLine = ln
				continue
			}
			line0, last, first, phrases = ln, ln, len(phrases), append(phrases, ps...)
			if i := strings.IndexByte(line, '['); i >= 0 {
				coded = true
				codes = readCodes(&rep, ln, line[i:], codes)
			}
		}
	}
	flush()
	rep.Entries = len(out)
	if err := lines.Err(); err != nil {
		return out, rep, fmt.Errorf("read %s: %w", name, err)
	}
	return out, rep, nil
}

// actorPhrases returns the phrases of an actor or synonym line (the text
// before its codes), or false after a warning when it has none.
func actorPhrases(rep *Report, ln int, line string) ([]string, bool) {
	p := line
	if i := strings.IndexByte(p, '['); i >= 0 {
		p = p[:i]
	}
	if strings.Count(p, "{") != strings.Count(p, "}") {
		rep.Warn(ln, true, "unbalanced braces in %q; skipped", line)
		return nil, false
	}
	forms := expandForms(p)
	for i, f := range forms {
		forms[i] = strings.TrimSpace(phraseSpaces.Replace(f))
	}
	if !hasWord(forms[0]) {
		rep.Warn(ln, true, "no phrase in %q; skipped", line)
		return nil, false
	}
	return forms, true
}

// phraseSpaces turns the word joiners of PETRARCH phrases into spaces.
var phraseSpaces = strings.NewReplacer("_", " ", "!", " ")

// readCodes appends the bracketed codes of s to codes; a code that cannot
// be read is dropped with a warning.
func readCodes(rep *Report, ln int, s string, codes []petCode) []petCode {
	rest := strings.TrimSpace(s)
	for rest != "" {
		if rest[0] != '[' {
			rep.Warn(ln, false, "text %q after the codes ignored", rest)
			break
		}
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			rep.Warn(ln, true, "unclosed '[' in %q; code dropped", rest)
			break
		}
		c, note, err := parsePetCode(rest[1:j])
		switch {
		case err != nil:
			rep.Warn(ln, true, "%v; code dropped", err)
		default:
			if note != "" {
				rep.Warn(ln, false, "%s", note)
			}
			codes = append(codes, c)
		}
		rest = strings.TrimSpace(rest[j+1:])
	}
	return codes
}

// carry is an actor without codes read as a synonym of the next one.
type carry struct {
	line   int
	phrase string
}

// petCode is one code of an actor with its validity.
type petCode struct {
	code     string
	agent    bool
	from, to time.Time
}

// parsePetCode reads "USAGOV", "~GOV", "USAGOV 090120-170120", "X >090120"
// or "X <170120". note tells of a correction made while reading.
func parsePetCode(s string) (c petCode, note string, err error) {
	f := strings.Fields(s)
	var notes []string
	if len(f) == 3 && (f[1] == ">" || f[1] == "<") {
		// "[EGYGOV > 140608]": PETRARCH2 reads no date there.
		notes = append(notes, fmt.Sprintf("read %q as %q", f[1]+" "+f[2], f[1]+f[2]))
		f = []string{f[0], f[1] + f[2]}
	}
	if len(f) == 0 || len(f) > 2 {
		return c, "", fmt.Errorf("code [%s]: want CODE or CODE DATES", s)
	}
	c.code = f[0]
	if strings.HasPrefix(c.code, "~") {
		c.code, c.agent = c.code[1:], true
	} else if strings.HasSuffix(c.code, "~") {
		// "NGO~": an agent written before the actor's code in PETRARCH.
		c.code, c.agent = c.code[:len(c.code)-1], true
	}
	if c.code == "" || c.code == BlockCode && c.agent {
		return c, "", fmt.Errorf("code [%s]: empty", s)
	}
	if c.code == BlockCode {
		if len(f) > 1 {
			return c, "", fmt.Errorf("code [%s]: the null code takes no dates", s)
		}
		return c, "", nil
	}
	for _, r := range c.code {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return c, "", fmt.Errorf("code [%s]: want capitals and digits", s)
		}
	}
	if len(f) == 1 {
		return c, "", nil
	}
	date := func(d string) time.Time {
		if err != nil {
			return time.Time{}
		}
		var t time.Time
		var n string
		t, n, err = petDate(d)
		if n != "" {
			notes = append(notes, n)
		}
		return t
	}
	d := f[1]
	switch {
	case strings.HasPrefix(d, ">"):
		c.from = date(d[1:])
	case strings.HasPrefix(d, "<"):
		c.to = date(d[1:])
	default:
		a, b, ok := strings.Cut(d, "-")
		if !ok {
			return c, "", fmt.Errorf("code [%s]: want FROM-TO, >FROM or <TO dates", s)
		}
		c.from, c.to = date(a), date(b)
		if err == nil && !c.from.Before(c.to) {
			err = fmt.Errorf("%s is not before %s", a, b)
		}
	}
	if err != nil {
		return c, "", fmt.Errorf("code [%s]: %w", s, err)
	}
	if len(notes) > 0 {
		note = "code [" + s + "]: " + strings.Join(notes, "; ")
	}
	return c, note, nil
}

// petDate reads YYMMDD or YYYYMMDD as PETRARCH2 does: two-digit years up
// to 30 are 20xx, a seven-digit day is read by its first six digits and a
// longer one by its first eight (note says so).
func petDate(s string) (t time.Time, note string, err error) {
	for _, r := range s {
		if r < '0' || r > '9' {
			return t, "", fmt.Errorf("date %q: want digits", s)
		}
	}
	switch n := len(s); {
	case n > 8:
		note = fmt.Sprintf("date %q has %d digits; read as %s, as PETRARCH2 does", s, n, s[:8])
		fallthrough
	case n == 8:
		t, err = time.Parse("20060102", s[:8])
	case n == 7:
		note = fmt.Sprintf("date %q has seven digits; read as %s, as PETRARCH2 does", s, s[:6])
		fallthrough
	case n == 6:
		century := "19"
		if yy, _ := strconv.Atoi(s[:2]); yy <= 30 {
			century = "20"
		}
		t, err = time.Parse("20060102", century+s[:6])
	default:
		return t, "", fmt.Errorf("date %q: want YYMMDD or YYYYMMDD", s)
	}
	if err != nil {
		return t, "", fmt.Errorf("date %q: not a day", s)
	}
	return t, note, nil
}

// expandForms turns "ALLY {ALLIES}" into its forms "ALLY" and "ALLIES".
func expandForms(p string) []string {
	i := strings.IndexByte(p, '{')
	if i < 0 {
		return []string{strings.TrimSpace(p)}
	}
	out := []string{strings.TrimSpace(p[:i])}
	rest := p[i+1:]
	if j := strings.IndexByte(rest, '}'); j >= 0 {
		rest = rest[:j]
	}
	return append(out, strings.Fields(rest)...)
}

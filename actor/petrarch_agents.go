package actor

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ReadPetrarchAgents reads an agent dictionary in the format of PETRARCH2
// (Phoenix.agents.txt) and converts it to agent entries. Each line is
//
//	PHRASE [~CODE]             the phrase and its regular plural
//	PHRASE {PLURAL} [~CODE]    the plural given; "{}" for none
//	!MARK! = A, B, C           defines a substitution set
//	FOREIGN_!MARK! [~GOV]      one phrase per member of the set, no plurals
//
// with words joined by underscores. "[NGO~]", PETRARCH's agent placed
// before the actor's code, is read as the agent NGO. The plural of a
// phrase is made on its last word: -y after a consonant becomes -ies, -s,
// -x, -z, -ch and -sh take -es, others -s (see Plural). Comments are as PetrarchLines
// reads them.
//
// A line that cannot be read (no code, an unclosed bracket or brace, an
// unknown substitution set) is skipped with a warning in the report naming
// its line. The error is for I/O only.
func ReadPetrarchAgents(name string, r io.Reader) ([]Entry, Report, error) {
	rep := Report{File: name, Format: FormatPetrarchAgents}
	var out []Entry
	sets := map[string][]string{}
	add := func(ln int, code, phrase string) {
		e := newEntry(code, strings.TrimSpace(strings.ReplaceAll(phrase, "_", " ")), name+":"+strconv.Itoa(ln), true)
		if len(e.words) == 0 {
			return
		}
		e.exact, e.cased = false, nil
		out = append(out, e)
	}
	lines := NewPetrarchLines(r)
	for lines.Scan() {
		line, ln := lines.Text(), lines.Line()
		if strings.Contains(line, "!") && strings.Contains(line, "=") {
			if err := defineSet(sets, line); err != nil {
				rep.Warn(ln, true, "%v; skipped", err)
			}
			continue
		}
		phrase, code, err := agentLine(line)
		if err != nil {
			rep.Warn(ln, true, "%v; skipped", err)
			continue
		}
		if i := strings.IndexByte(phrase, '!'); i >= 0 {
			j := strings.IndexByte(phrase[i+1:], '!')
			if j < 0 {
				rep.Warn(ln, true, "unclosed substitution mark in %q; skipped", phrase)
				continue
			}
			mark := phrase[i+1 : i+1+j]
			members, ok := sets[mark]
			if !ok {
				rep.Warn(ln, true, "substitution set !%s! not defined before; skipped", mark)
				continue
			}
			for _, m := range members {
				add(ln, code, phrase[:i]+m+phrase[i+2+j:])
			}
			continue
		}
		base, plural := phrase, ""
		if i := strings.IndexByte(phrase, '{'); i >= 0 {
			j := strings.IndexByte(phrase, '}')
			if j < i {
				rep.Warn(ln, true, "unclosed '{' in %q; skipped", phrase)
				continue
			}
			base, plural = phrase[:i], phrase[i+1:j]
		} else {
			plural = Plural(strings.TrimRight(strings.TrimSpace(base), "_"))
		}
		if !hasWord(strings.ReplaceAll(base, "_", " ")) {
			rep.Warn(ln, true, "no phrase before the code in %q; skipped", line)
			continue
		}
		add(ln, code, base)
		if strings.TrimSpace(plural) != "" {
			add(ln, code, plural)
		}
	}
	rep.Entries = len(out)
	if err := lines.Err(); err != nil {
		return out, rep, fmt.Errorf("read %s: %w", name, err)
	}
	return out, rep, nil
}

// defineSet reads "!MARK! = A, B, C" into sets.
func defineSet(sets map[string][]string, line string) error {
	head, list, _ := strings.Cut(line, "=")
	head = strings.TrimSpace(head)
	if len(head) < 3 || head[0] != '!' || head[len(head)-1] != '!' || strings.Count(head, "!") != 2 {
		return fmt.Errorf("substitution set %q: want !MARK! = A, B, C", line)
	}
	var members []string
	for _, m := range strings.Split(list, ",") {
		if m = strings.TrimSpace(m); m != "" {
			members = append(members, m)
		}
	}
	if len(members) == 0 {
		return fmt.Errorf("substitution set %q has no members", head)
	}
	sets[head[1:len(head)-1]] = members
	return nil
}

// agentLine splits "PHRASE {PLURAL} [~CODE]" into the text before the code
// and the agent code.
func agentLine(line string) (phrase, code string, err error) {
	i := strings.IndexByte(line, '[')
	if i < 0 {
		return "", "", fmt.Errorf("no [~CODE] in %q", line)
	}
	j := strings.IndexByte(line[i:], ']')
	if j < 0 {
		return "", "", fmt.Errorf("unclosed '[' in %q", line)
	}
	c, _, err := parsePetCode(line[i+1 : i+j])
	switch {
	case err != nil:
		return "", "", err
	case c.code == BlockCode:
		return "", "", fmt.Errorf("null code [---] in an agent dictionary")
	case !c.from.IsZero() || !c.to.IsZero():
		return "", "", fmt.Errorf("dated code [%s] in an agent dictionary", line[i+1:i+j])
	}
	return line[:i], c.code, nil
}

// Plural returns the regular plural of a dictionary phrase, made on its
// last word: -y after a consonant becomes -ies; -s, -x, -z, -ch and -sh
// take -es; others -s. The PETRARCH readers make plurals with it.
func Plural(p string) string {
	n := len(p)
	if n == 0 {
		return ""
	}
	// Case aside, byte by byte: strings.ToUpper may change the length.
	up := func(c byte) byte {
		if 'a' <= c && c <= 'z' {
			return c - 'a' + 'A'
		}
		return c
	}
	ends := func(suffix string) bool {
		if len(suffix) > n {
			return false
		}
		for i := range len(suffix) {
			if up(p[n-len(suffix)+i]) != suffix[i] {
				return false
			}
		}
		return true
	}
	switch {
	case ends("Y") && n > 1 && !strings.ContainsRune("AEIOU_ ", rune(up(p[n-2]))):
		return p[:n-1] + "IES"
	case ends("S") || ends("X") || ends("Z") || ends("CH") || ends("SH"):
		return p + "ES"
	}
	return p + "S"
}

package actor

import (
	"bufio"
	"io"
	"strings"
)

// PetrarchLines reads the lines of a PETRARCH or TABARI dictionary as
// those coders do, without their comments: text from "#" or ";" to the end
// of a line, XML comments ("<!-- ... -->", on one line or over several),
// and markup lines starting with "<". Blank lines are passed over. The
// verb reader of package coder shares it.
type PetrarchLines struct {
	sc        *bufio.Scanner
	line      int
	text      string
	inComment bool // inside a "<!--" comment that spans lines
}

// NewPetrarchLines returns a reader of r's lines.
func NewPetrarchLines(r io.Reader) *PetrarchLines {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	return &PetrarchLines{sc: sc}
}

// Scan advances to the next line with content and reports whether there
// is one.
func (p *PetrarchLines) Scan() bool {
	for p.sc.Scan() {
		p.line++
		s := p.sc.Text()
		if p.inComment {
			i := strings.Index(s, "-->")
			if i < 0 {
				continue
			}
			p.inComment = false
			s = s[i+3:]
		}
		for {
			i := strings.Index(s, "<!--")
			if i < 0 {
				break
			}
			j := strings.Index(s[i:], "-->")
			if j < 0 {
				s, p.inComment = s[:i], true
				break
			}
			s = s[:i] + " " + s[i+j+3:]
		}
		if i := strings.IndexAny(s, "#;"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if s == "" || s[0] == '<' {
			continue
		}
		p.text = s
		return true
	}
	return false
}

// Text returns the current line without comments, trimmed.
func (p *PetrarchLines) Text() string { return p.text }

// Line returns the 1-based number of the current line.
func (p *PetrarchLines) Line() int { return p.line }

// Err returns the first read error, nil at the end of the input.
func (p *PetrarchLines) Err() error { return p.sc.Err() }

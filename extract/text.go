package extract

import (
	"strings"
	"unicode/utf8"
)

// titleMaxLen is the longest first line of a text file taken as its title.
const titleMaxLen = 200

// wrapMinLen is the length from which a line that does not end a sentence
// is taken for a hard-wrapped line whose paragraph goes on.
const wrapMinLen = 40

// textParagraphs splits plain text into paragraphs: blank lines always end
// one; a single line break ends one too unless the line looks hard-wrapped.
func textParagraphs(s string) []block {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []block
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, block{text: strings.Join(cur, " "), heading: len(cur) == 1 && isHeadline(cur[0])})
			cur = cur[:0]
		}
	}
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			flush()
			continue
		}
		if len(cur) > 0 && !wrapped(cur[len(cur)-1]) {
			flush()
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// wrapped reports whether a line looks cut by a hard wrap rather than
// ended: long enough and not closed by sentence punctuation.
func wrapped(line string) bool {
	if utf8.RuneCountInString(line) < wrapMinLen {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".!?:;\"'”’)]»…", r)
}

// isHeadline reports whether a line standing alone reads as a heading:
// short and not ended like a sentence.
func isHeadline(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	return utf8.RuneCountInString(line) <= titleMaxLen && !strings.ContainsRune(".!?:;\"”’…", r)
}

// textTitle returns the first paragraph when it is short enough for a
// title.
func textTitle(paras []block) string {
	if len(paras) == 0 || utf8.RuneCountInString(paras[0].text) > titleMaxLen {
		return ""
	}
	return paras[0].text
}

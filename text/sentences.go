// Package text splits article bodies into sentences and sentences into
// tokens, keeping byte offsets into the body so that every event can point
// at the words it was coded from. It needs nothing beyond the standard
// library: the rules are small and must behave identically everywhere.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

// Range is the byte span [Start, End) of a sentence in a body.
type Range struct {
	Start, End int
}

// Sentences splits an article body into sentences, numbered from 0, with
// byte offsets such that body[s.Start:s.End] == s.Text.
func Sentences(articleID, body string) []detente.Sentence {
	ranges := Split(body)
	out := make([]detente.Sentence, len(ranges))
	for i, r := range ranges {
		out[i] = detente.Sentence{ArticleID: articleID, Index: i, Text: body[r.Start:r.End], Start: r.Start, End: r.End}
	}
	return out
}

// Split returns the spans of the sentences of body, in order, trimmed of
// white space. Line breaks always end a sentence, so that headlines and
// list items without a final period stand alone. Within a line a sentence
// ends at ., !, ? or an ellipsis, with any closing quotes and brackets,
// when white space and a word that may start a sentence follow; periods of
// abbreviations, initials and numbers do not end one.
func Split(body string) []Range {
	var out []Range
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		out = splitLine(body, start, end, out)
		start = end + 1
	}
	return out
}

// splitLine appends the sentences of body[start:end], a line.
func splitLine(body string, start, end int, out []Range) []Range {
	from := start
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(body[i:end])
		if !isTerminal(r) {
			i += n
			continue
		}
		j := i + n
		for j < end {
			r2, n2 := utf8.DecodeRuneInString(body[j:end])
			if !isTerminal(r2) && !isCloser(r2) {
				break
			}
			j += n2
		}
		if endsSentence(body[from:end], i-from, j-from) {
			out = appendTrimmed(out, body, from, j)
			from = j
		}
		i = j
	}
	return appendTrimmed(out, body, from, end)
}

// appendTrimmed appends body[start:end] without its surrounding white
// space, unless nothing is left.
func appendTrimmed(out []Range, body string, start, end int) []Range {
	for start < end {
		r, n := utf8.DecodeRuneInString(body[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(body[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if start < end {
		out = append(out, Range{start, end})
	}
	return out
}

// endsSentence reports whether the terminators at line[at:after] (with
// their closing quotes and brackets) end the sentence.
func endsSentence(line string, at, after int) bool {
	rest := line[after:]
	if r, _ := utf8.DecodeRuneInString(line[at:]); rest == "" || isFullWidthTerminal(r) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsSpace(r) {
		return false // 3.5, U.S.-led, example.com, "Why?"he
	}
	next := nextWord(rest)
	if next == "" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(first) {
		return false // "e.g. a", "he said?" she asked
	}
	if line[at] != '.' || after-at > 1 && !isCloserRunes(line[at+1:after]) {
		return true // !, ?, ellipses and ".." before a capital
	}
	word := wordBefore(line[:at])
	switch {
	case word == "":
		return true
	case isInitial(word):
		return false // George W. Bush, J. R. R. Tolkien
	case strings.Contains(word, "."):
		return startsSentence(next) // the U.S. The talks / the U.S. President
	}
	if kind, ok := abbreviations[word]; ok {
		switch kind {
		case beforeName:
			return false
		case beforeNumber:
			return !unicode.IsDigit(first)
		}
	}
	return true
}

// The kinds of abbreviation, by what they stand before.
const (
	beforeName   = iota + 1 // a title: Mr. Smith, Gen. Milley
	beforeNumber            // a month or "No.": Jan. 6, No. 10
	beforeAny               // a company suffix or "etc.": ends a sentence before a capital
)

// abbreviations maps the word before a period to the kind of abbreviation
// it is. Case matters: "No." is an abbreviation, "no." is a word.
var abbreviations = map[string]int{
	"Mr": beforeName, "Mrs": beforeName, "Ms": beforeName, "Dr": beforeName, "Prof": beforeName,
	"Gen": beforeName, "Col": beforeName, "Lt": beforeName, "Maj": beforeName, "Capt": beforeName,
	"Cpt": beforeName, "Sgt": beforeName, "Adm": beforeName, "Cmdr": beforeName, "Brig": beforeName,
	"Sen": beforeName, "Rep": beforeName, "Gov": beforeName, "Pres": beforeName, "Amb": beforeName,
	"Rev": beforeName, "Hon": beforeName, "Sr": beforeName, "Jr": beforeName, "St": beforeName,
	"Mt": beforeName, "Ft": beforeName, "Messrs": beforeName, "Mme": beforeName, "Mlle": beforeName,
	"vs": beforeName, "v": beforeName, "cf": beforeName, "approx": beforeName,
	"Jan": beforeNumber, "Feb": beforeNumber, "Mar": beforeNumber, "Apr": beforeNumber,
	"Jun": beforeNumber, "Jul": beforeNumber, "Aug": beforeNumber, "Sep": beforeNumber,
	"Sept": beforeNumber, "Oct": beforeNumber, "Nov": beforeNumber, "Dec": beforeNumber,
	"No": beforeNumber, "Nos": beforeNumber, "Art": beforeNumber, "Vol": beforeNumber,
	"p": beforeNumber, "pp": beforeNumber, "para": beforeNumber, "Fig": beforeNumber,
	"Inc": beforeAny, "Ltd": beforeAny, "Co": beforeAny, "Corp": beforeAny, "Bros": beforeAny,
	"etc": beforeAny, "Dept": beforeAny, "Univ": beforeAny, "Assn": beforeAny,
}

// sentenceStarters are words that begin sentences and seldom follow an
// abbreviation such as U.S. inside one.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "You": true, "But": true, "And": true, "Yet": true, "So": true,
	"In": true, "On": true, "At": true, "This": true, "That": true, "These": true, "Those": true,
	"His": true, "Her": true, "Its": true, "Their": true, "Our": true, "There": true,
	"Meanwhile": true, "However": true, "Still": true, "Now": true, "Then": true,
	"After": true, "Before": true, "When": true, "While": true, "If": true, "As": true,
	"Officials": true, "Some": true, "Many": true, "No": true, "What": true, "Why": true,
}

// startsSentence reports whether word is one of sentenceStarters.
func startsSentence(word string) bool {
	return sentenceStarters[strings.TrimRightFunc(word, func(r rune) bool { return !unicode.IsLetter(r) })]
}

// nextWord returns the first word after the white space and opening
// quotes and brackets at the start of s.
func nextWord(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isOpener(r) })
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		s = s[:i]
	}
	return s
}

// wordBefore returns the run of letters and dots that ends s: "U.S" for
// "in the U.S", "Mr" for "said Mr".
func wordBefore(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= n
	}
	return strings.TrimLeft(s[i:], ".")
}

// isInitial reports whether word is one capital letter: the W of George
// W. Bush.
func isInitial(word string) bool {
	r, n := utf8.DecodeRuneInString(word)
	return n == len(word) && unicode.IsUpper(r)
}

func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '؟':
		return true
	}
	return false
}

// isFullWidthTerminal reports whether r ends a sentence in scripts that
// put no space after one.
func isFullWidthTerminal(r rune) bool {
	return r == '。' || r == '！' || r == '？'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '「', '『', '¿', '¡':
		return true
	}
	return false
}

// isCloserRunes reports whether s is made only of closing quotes and
// brackets.
func isCloserRunes(s string) bool {
	for _, r := range s {
		if !isCloser(r) {
			return false
		}
	}
	return true
}

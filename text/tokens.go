package text

import (
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a Token.
type Kind uint8

// The kinds of tokens Tokenize produces.
const (
	Word   Kind = iota + 1 // letters, with internal hyphens, apostrophes or abbreviation dots
	Number                 // digits, with internal separators: "1.4", "20,000", "2019"
	Punct                  // any other single character, or a possessive/contraction suffix
)

// Token is one token of a text: a slice of the text and its byte offsets.
type Token struct {
	Text  string // the token as written (a slice of the input, not a copy)
	Start int    // byte offset in the input
	End   int    // byte offset just past the token
	Kind  Kind
}

// Tokenize appends the tokens of s to dst and returns it. Words keep
// internal hyphens ("UK-based") and abbreviation dots ("U.S.", "U.N."); the
// possessive suffixes "'s" and "’s" and the negation "n't" are tokens of
// their own, so that "Iran's" gives "Iran" and "'s" and "didn't" gives "did"
// and "n't". Passing a reused dst makes tokenizing allocation-free.
func Tokenize(s string, dst []Token) []Token {
	i := 0
	for i < len(s) {
		r, n := decode(s, i)
		switch {
		case isSpace(r):
			i += n
		case isLetter(r):
			i = word(s, i, &dst)
		case r >= '0' && r <= '9':
			e := number(s, i)
			dst = append(dst, Token{Text: s[i:e], Start: i, End: e, Kind: Number})
			i = e
		default:
			dst = append(dst, Token{Text: s[i : i+n], Start: i, End: i + n, Kind: Punct})
			i += n
		}
	}
	return dst
}

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isAlnum(r rune) bool { return isLetter(r) || r >= '0' && r <= '9' }

// word scans the word starting at i and appends it, followed by any
// possessive or negation suffix, to dst. It returns the offset after it.
func word(s string, i int, dst *[]Token) int {
	if e := abbreviation(s, i); e > 0 {
		*dst = append(*dst, Token{Text: s[i:e], Start: i, End: e, Kind: Word})
		return e
	}
	e := i
	for e < len(s) {
		r, n := decode(s, e)
		if isAlnum(r) {
			e += n
			continue
		}
		// An internal hyphen or apostrophe joins when a letter follows.
		if r == '-' || r == '\'' || r == '’' {
			if e+n < len(s) {
				if r2, _ := decode(s, e+n); isAlnum(r2) {
					e += n
					continue
				}
			}
		}
		break
	}
	w := s[i:e]
	if k := suffix(w); k > 0 {
		*dst = append(*dst, Token{Text: s[i : e-k], Start: i, End: e - k, Kind: Word},
			Token{Text: s[e-k : e], Start: e - k, End: e, Kind: Punct})
		return e
	}
	*dst = append(*dst, Token{Text: w, Start: i, End: e, Kind: Word})
	return e
}

// suffix returns the byte length of a possessive ('s, ’s) or negation
// (n't, n’t) ending of w that is split off, or 0.
func suffix(w string) int {
	if len(w) < 3 {
		return 0
	}
	switch w[len(w)-1] {
	case 's', 'S', 't', 'T':
	default:
		return 0
	}
	for _, sfx := range [...]string{"n't", "n’t", "N'T", "N’T"} {
		if len(w) > len(sfx) && w[len(w)-len(sfx):] == sfx {
			return len(sfx)
		}
	}
	for _, sfx := range [...]string{"'s", "’s", "'S", "’S"} {
		if len(w) > len(sfx) && w[len(w)-len(sfx):] == sfx {
			return len(sfx)
		}
	}
	return 0
}

// abbreviation returns the end of a dotted abbreviation such as "U.S.",
// "U.N." or "e.g." starting at i (single letters each followed by a dot, at
// least two of them), or 0 when there is none.
func abbreviation(s string, i int) int {
	e, k := i, 0
	for e+1 < len(s) && isASCIILetter(s[e]) && s[e+1] == '.' {
		e += 2
		k++
	}
	if k < 2 || e < len(s) && isASCIILetter(s[e]) && (e+1 >= len(s) || s[e+1] != '.') {
		return 0
	}
	return e
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// number scans a number starting at i: digits with single internal "." or
// "," separators followed by a digit, and an attached ordinal or unit
// suffix of letters ("25th", "10km").
func number(s string, i int) int {
	e := i
	for e < len(s) {
		c := s[e]
		switch {
		case c >= '0' && c <= '9':
			e++
		case (c == '.' || c == ',') && e+1 < len(s) && s[e+1] >= '0' && s[e+1] <= '9':
			e++
		case isASCIILetter(c):
			e++
		default:
			return e
		}
	}
	return e
}

// LowerASCII returns s with ASCII letters lower-cased and every other byte
// unchanged, so that byte offsets into s stay valid in the result. It
// returns s itself when nothing changes.
func LowerASCII(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

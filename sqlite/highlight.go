package sqlite

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/searchq"
	"github.com/detente-project/detente/internal/sqlstore"
	"golang.org/x/text/unicode/norm"
)

// The snippets of a search of sentences are marked here, as FTS5's
// highlight(idx, 0, '[[', ']]') marks them, rather than by a second query
// of the full-text index: that query read the lists of the search's words
// again, for a sixth of a search page's time at 1,000,000 events. The
// words are read as the indexes' tokenizer, unicode61 with
// remove_diacritics 2, reads them.

// token is a word of a text: its folded form and its bytes in the text.
type token struct {
	word       string
	start, end int
}

// tokenize splits text into words as unicode61 does: runs of letters,
// numbers, private-use characters and combining marks, each folded to
// lower case with the diacritics of Latin letters removed.
func tokenize(text string) []token {
	var (
		toks []token
		word []byte
	)
	start := -1
	for i, r := range text {
		if !tokenRune(r) {
			if start >= 0 {
				toks = append(toks, token{word: string(word), start: start, end: i})
				start, word = -1, word[:0]
			}
			continue
		}
		if start < 0 {
			start = i
		}
		if f := fold(r); f != 0 {
			word = utf8.AppendRune(word, f)
		}
	}
	if start >= 0 {
		toks = append(toks, token{word: string(word), start: start, end: len(text)})
	}
	return toks
}

// tokenRune reports whether r belongs to a word: unicode61's default
// categories (L*, N*, Co) and, with remove_diacritics, the marks it drops.
func tokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Mn, r)
}

// fold returns r in lower case without the diacritics remove_diacritics
// removes (those of the Latin letters), or 0 for a combining mark, which
// it drops.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	r = unicode.ToLower(r)
	if r < 0x250 || 0x1e00 <= r && r < 0x1f00 {
		if base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r))); base < 0x250 {
			return base
		}
	}
	return r
}

// phrases returns the words of each term of a user's search: FTS5 marks
// the instances of every phrase of its query.
func phrases(query string) ([][]string, error) {
	q, err := sqlstore.ParseSearch(query)
	if err != nil {
		return nil, err
	}
	var out [][]string
	add := func(t searchq.Term) {
		var words []string
		for _, tok := range tokenize(t.Text) {
			words = append(words, tok.word)
		}
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	for _, g := range q.All {
		for _, t := range g {
			add(t)
		}
	}
	for _, t := range q.Not {
		add(t)
	}
	return out, nil
}

// mark returns text with each instance of one of phrases marked [[...]]:
// from the start of its first word to the end of its last, instances
// that overlap marked as one, as highlight marks them.
func mark(text string, phrases [][]string) string {
	toks := tokenize(text)
	type instance struct{ first, last int } // tokens
	var found []instance
	for _, p := range phrases {
		for i := 0; i+len(p) <= len(toks); i++ {
			if toks[i].word != p[0] {
				continue
			}
			j := 1
			for j < len(p) && toks[i+j].word == p[j] {
				j++
			}
			if j == len(p) {
				found = append(found, instance{i, i + len(p) - 1})
			}
		}
	}
	if len(found) == 0 {
		return text
	}
	slices.SortFunc(found, func(a, b instance) int { return cmp.Or(a.first-b.first, b.last-a.last) })
	var b strings.Builder
	b.Grow(len(text) + 4*len(found))
	at := 0
	for k := 0; k < len(found); {
		in := found[k]
		for k++; k < len(found) && found[k].first <= in.last; k++ {
			in.last = max(in.last, found[k].last)
		}
		start, end := toks[in.first].start, toks[in.last].end
		b.WriteString(text[at:start])
		b.WriteString("[[")
		b.WriteString(text[start:end])
		b.WriteString("]]")
		at = end
	}
	b.WriteString(text[at:])
	return b.String()
}

// Package searchq reads the search syntax of detente's sentence search,
// the same for every store: words and "quoted phrases" that must all
// appear, OR between two of them for either, and a leading minus to
// exclude one ("talks -Iran", "Oman OR Qatar", `"technical talks"`).
// Matching is the store's (case- and accent-insensitive words); this
// package only parses, so that SQLite and PostgreSQL read a query alike.
package searchq

import (
	"fmt"
	"strings"
	"unicode"
)

// MaxTerms bounds the work one query can ask for.
const MaxTerms = 32

// Term is a word or a phrase to look for.
type Term struct {
	Text string // as typed, without quotes; a phrase when it holds several words
}

// Query is a parsed search: every group of All must match (a group
// matches when any of its terms does) and no term of Not may.
type Query struct {
	All [][]Term
	Not []Term
}

// Terms returns the number of terms in q.
func (q Query) Terms() int {
	n := len(q.Not)
	for _, g := range q.All {
		n += len(g)
	}
	return n
}

// Parse reads a query. It returns an error naming the problem when the
// query has no word to look for or more than MaxTerms terms.
func Parse(s string) (Query, error) {
	var q Query
	or := false // the last token was OR between two terms
	for _, tok := range tokens(s) {
		switch {
		case tok.text == "OR" && !tok.quoted && !tok.not:
			or = len(q.All) > 0
			continue
		case !hasWord(tok.text):
			continue
		case tok.not:
			q.Not = append(q.Not, Term{Text: tok.text})
		case or:
			last := len(q.All) - 1
			q.All[last] = append(q.All[last], Term{Text: tok.text})
		default:
			q.All = append(q.All, []Term{{Text: tok.text}})
		}
		or = false
	}
	switch {
	case len(q.All) == 0 && len(q.Not) > 0:
		return q, fmt.Errorf("search %q only excludes: add a word to look for", s)
	case len(q.All) == 0:
		return q, fmt.Errorf("search %q has no words", s)
	case q.Terms() > MaxTerms:
		return q, fmt.Errorf("search has %d terms, at most %d allowed", q.Terms(), MaxTerms)
	}
	return q, nil
}

type token struct {
	text   string
	quoted bool
	not    bool
}

// tokens splits s into words and quoted phrases, each possibly negated by
// a leading minus; an unclosed quote runs to the end.
func tokens(s string) []token {
	var out []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		t := token{}
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			t.not = true
			i++
		}
		if rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			t.text, t.quoted = strings.TrimSpace(string(rs[i+1:j])), true
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
				j++
			}
			t.text = string(rs[i:j])
			i = j
		}
		out = append(out, t)
	}
	return out
}

func hasWord(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

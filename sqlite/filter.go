package sqlite

import (
	"strings"
	"unicode"

	"github.com/detente-project/detente/internal/searchq"
	"github.com/detente-project/detente/internal/sqlstore"
)

// ftsQuery turns a user's search (the syntax of internal/searchq: words,
// "phrases", OR, -exclusions) into an FTS5 query that cannot be a syntax
// error: every term becomes a quoted string, so FTS5's own operators (NEAR,
// *, parentheses, column filters) typed by the user are read as words.
func ftsQuery(q string) (string, error) {
	return buildQuery(q, quote)
}

// eventQuery is ftsQuery for the index of the sentences with an event
// (eventMatches), whose pairs column holds a token for each pair of
// countries (pairToken): a term that could read as one of those is
// searched for in the text column alone. Other terms are not, as a column
// filter makes FTS5 check the column of every match it reads (all the
// matches of "the" at 1,000,000 events: 23 ms against 20 in SQLite's
// shell).
func eventQuery(q string) (string, error) {
	return buildQuery(q, func(t searchq.Term) string {
		if pairLike(t.Text) {
			return "text : " + quote(t)
		}
		return quote(t)
	})
}

// buildQuery turns a user's search into an FTS5 query, each term written
// by term.
func buildQuery(q string, term func(searchq.Term) string) (string, error) {
	pq, err := sqlstore.ParseSearch(q)
	if err != nil {
		return "", err
	}
	var all []string
	for _, g := range pq.All {
		alts := make([]string, len(g))
		for i, t := range g {
			alts[i] = term(t)
		}
		all = append(all, "("+strings.Join(alts, " OR ")+")")
	}
	expr := strings.Join(all, " AND ")
	for _, t := range pq.Not {
		expr = "(" + expr + ") NOT " + term(t)
	}
	return expr, nil
}

// quote writes a term as an FTS5 string.
func quote(t searchq.Term) string { return `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"` }

// pairLike reports whether some word of text begins with two ASCII
// digits, as every pairToken does.
func pairLike(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 2 && '0' <= w[0] && w[0] <= '9' && '0' <= w[1] && w[1] <= '9' {
			return true
		}
	}
	return false
}

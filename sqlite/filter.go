package sqlite

import (
	"strings"
	"unicode"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqltext"
)

// maxQueryTerms bounds the work one full-text query can ask for.
const maxQueryTerms = 32

// ftsQuery turns a user's search into an FTS5 query that cannot be a syntax
// error: every whitespace-separated term becomes a quoted string, so
// operators (AND, OR, NEAR, *, parentheses, column filters) are read as
// words, and a row must match every term.
func ftsQuery(q string) (string, error) {
	var terms []string
	for _, t := range strings.Fields(sqltext.Plain(q)) {
		if !strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	switch {
	case len(terms) == 0:
		return "", detente.Errorf(detente.EINVALID, "search %q has no words", q)
	case len(terms) > maxQueryTerms:
		return "", detente.Errorf(detente.EINVALID, "search has %d words, at most %d allowed", len(terms), maxQueryTerms)
	}
	return strings.Join(terms, " "), nil
}

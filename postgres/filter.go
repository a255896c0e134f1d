package postgres

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqltext"
)

// args collects the arguments of a query and names their placeholders.
type args []any

// add appends v and returns its placeholder, "$n".
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// maxQueryTerms bounds the work one full-text query can ask for.
const maxQueryTerms = 32

// tsQuery turns a user's search into a tsquery expression that cannot be a
// syntax error: every whitespace-separated term goes through
// phraseto_tsquery as plain text, so operators (&, |, !, :*, parentheses)
// are read as words, and a row must match every term.
func tsQuery(q string, a *args) (string, error) {
	var terms []string
	for _, t := range strings.Fields(sqltext.Plain(q)) {
		if !strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		terms = append(terms, "phraseto_tsquery('simple', "+a.add(t)+")")
	}
	switch {
	case len(terms) == 0:
		return "", detente.Errorf(detente.EINVALID, "search %q has no words", q)
	case len(terms) > maxQueryTerms:
		return "", detente.Errorf(detente.EINVALID, "search has %d words, at most %d allowed", len(terms), maxQueryTerms)
	}
	return "(" + strings.Join(terms, " && ") + ")", nil
}

package postgres

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
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

// A cursor is the sort key of the last row of a page, opaque to clients:
// base64 of the key's parts joined by a unit separator.
func encodeCursor(a, b string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(a + "\x1f" + b))
}

// decodeCursor returns the parts of cursor c, the first parsed as a time
// with layout.
func decodeCursor(c, layout string) (time.Time, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	a, b, ok := strings.Cut(string(raw), "\x1f")
	if err == nil && ok && b != "" && detente.ValidText(b) {
		if t, err := time.Parse(layout, a); err == nil {
			return t, b, nil
		}
	}
	return time.Time{}, "", detente.Errorf(detente.EINVALID, "cursor %q is not one this store gave out", c)
}

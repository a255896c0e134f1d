package sqlite

import (
	"encoding/base64"
	"strings"
	"time"
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

// A cursor is the sort key of the last row of a page, opaque to clients:
// base64 of the key's parts joined by a unit separator.
func encodeCursor(a, b string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(a + "\x1f" + b))
}

// decodeCursor returns the parts of cursor c, the first a time in layout.
func decodeCursor(c, layout string) (string, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	a, b, ok := strings.Cut(string(raw), "\x1f")
	if err == nil && ok && b != "" && detente.ValidText(b) {
		if _, err := time.Parse(layout, a); err == nil {
			return a, b, nil
		}
	}
	return "", "", detente.Errorf(detente.EINVALID, "cursor %q is not one this store gave out", c)
}

package sqlite

import (
	"encoding/base64"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

// Page sizes of Events, Articles and SearchSentences.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// limit applies the default and the maximum to a requested page size.
func limit(n int) (int, error) {
	switch {
	case n < 0:
		return 0, detente.Errorf(detente.EINVALID, "limit %d is negative", n)
	case n == 0:
		return DefaultLimit, nil
	case n > MaxLimit:
		return MaxLimit, nil
	}
	return n, nil
}

// validCode reports whether s looks like an actor, agent or event code:
// upper-case letters and digits only.
func validCode(s string) bool {
	if len(s) > 16 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// checkEventFilter rejects filter values no event can have, so that a typo
// is an error rather than an empty page.
func checkEventFilter(f detente.EventFilter) error {
	for _, c := range []struct{ name, v string }{
		{"source", f.Source}, {"target", f.Target}, {"pair", f.Pair[0]}, {"pair", f.Pair[1]}, {"agent", f.Agent},
	} {
		if !validCode(c.v) {
			return detente.Errorf(detente.EINVALID, "%s %q is not an actor code (upper-case letters and digits)", c.name, c.v)
		}
	}
	if !validText(f.ArticleID) || !validText(f.StoryID) {
		return detente.Errorf(detente.EINVALID, "article or story ID %q is not valid text", f.ArticleID+f.StoryID)
	}
	if (f.Pair[0] == "") != (f.Pair[1] == "") {
		return detente.Errorf(detente.EINVALID, "pair needs two actor codes, got %q and %q", f.Pair[0], f.Pair[1])
	}
	if f.Code != "" && (!allDigits(f.Code) || len(f.Code) < 2 || len(f.Code) > 4) {
		return detente.Errorf(detente.EINVALID, "code %q is not a CAMEO code (2 to 4 digits)", f.Code)
	}
	if f.Root != "" && (!allDigits(f.Root) || len(f.Root) != 2) {
		return detente.Errorf(detente.EINVALID, "root %q is not a CAMEO root (2 digits)", f.Root)
	}
	if f.Quad < 0 || f.Quad > detente.MaterialConflict {
		return detente.Errorf(detente.EINVALID, "quad class %d is not between 1 and 4", f.Quad)
	}
	return checkDates(f.From, f.To)
}

func checkDates(from, to time.Time) error {
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return detente.Errorf(detente.EINVALID, "date range ends (%s) before it starts (%s)",
			to.Format(dayLayout), from.Format(dayLayout))
	}
	return nil
}

// plainText returns s as valid UTF-8 with control characters (NUL among
// them, which neither SQL text nor search syntax accepts) turned to spaces.
func plainText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
}

// validText reports whether s can be an ID or key: valid UTF-8 without NUL.
func validText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// maxQueryTerms bounds the work one full-text query can ask for.
const maxQueryTerms = 32

// ftsQuery turns a user's search into an FTS5 query that cannot be a syntax
// error: every whitespace-separated term becomes a quoted string, so
// operators (AND, OR, NEAR, *, parentheses, column filters) are read as
// words, and a row must match every term.
func ftsQuery(q string) (string, error) {
	var terms []string
	for _, t := range strings.Fields(plainText(q)) {
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
	if err == nil && ok && b != "" && validText(b) {
		if _, err := time.Parse(layout, a); err == nil {
			return a, b, nil
		}
	}
	return "", "", detente.Errorf(detente.EINVALID, "cursor %q is not one this store gave out", c)
}

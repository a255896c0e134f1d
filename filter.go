package detente

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Page sizes of the stores' listings: a request for 0 gets DefaultPageSize,
// one for more than MaxPageSize gets MaxPageSize.
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// PageSize applies the default and the maximum to a requested page size;
// a negative one is an EINVALID *Error.
func PageSize(n int) (int, error) {
	switch {
	case n < 0:
		return 0, Errorf(EINVALID, "limit %d is negative", n)
	case n == 0:
		return DefaultPageSize, nil
	case n > MaxPageSize:
		return MaxPageSize, nil
	}
	return n, nil
}

// Validate rejects filter values no event can have, so that a typo is an
// EINVALID *Error naming the field rather than an empty page.
func (f EventFilter) Validate() error {
	for _, c := range []struct{ name, v string }{
		{"source", f.Source}, {"target", f.Target}, {"pair", f.Pair[0]}, {"pair", f.Pair[1]}, {"agent", f.Agent},
	} {
		if !actorCode(c.v) {
			return Errorf(EINVALID, "%s %q is not an actor code (upper-case letters and digits)", c.name, c.v)
		}
	}
	if !ValidText(f.ArticleID) || !ValidText(f.StoryID) {
		return Errorf(EINVALID, "article or story ID %q is not valid text", f.ArticleID+f.StoryID)
	}
	if (f.Pair[0] == "") != (f.Pair[1] == "") {
		return Errorf(EINVALID, "pair needs two actor codes, got %q and %q", f.Pair[0], f.Pair[1])
	}
	if f.Code != "" && (!allDigits(f.Code) || len(f.Code) < 2 || len(f.Code) > 4) {
		return Errorf(EINVALID, "code %q is not a CAMEO code (2 to 4 digits)", f.Code)
	}
	if f.Root != "" && (!allDigits(f.Root) || len(f.Root) != 2) {
		return Errorf(EINVALID, "root %q is not a CAMEO root (2 digits)", f.Root)
	}
	if f.Quad < 0 || f.Quad > MaterialConflict {
		return Errorf(EINVALID, "quad class %d is not between 1 and 4", f.Quad)
	}
	return ValidRange(f.From, f.To)
}

// ValidRange returns an EINVALID *Error when a date range ends before it
// starts; either end may be zero (open).
func ValidRange(from, to time.Time) error {
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return Errorf(EINVALID, "date range ends (%s) before it starts (%s)",
			to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	return nil
}

// ValidText reports whether s can be an ID or key: valid UTF-8 without NUL.
func ValidText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// actorCode reports whether s looks like an actor, agent or event code:
// upper-case letters and digits only, or empty.
func actorCode(s string) bool {
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

package sqlscan

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/detente-project/detente"
)

// Cursor is where the next page of a list starts: after the row with this
// sort key (a time, as text) and ID.
type Cursor struct {
	At   string    // the sort key as the store formats it
	Time time.Time // At parsed
	ID   string
}

// EncodeCursor returns the opaque cursor of the row with sort key at and ID
// id.
func EncodeCursor(at, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at + "\x1f" + id))
}

// DecodeCursor returns the parts of cursor c, its sort key a time in
// layout, or an EINVALID error naming c.
func DecodeCursor(c, layout string) (Cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	a, b, ok := strings.Cut(string(raw), "\x1f")
	if err == nil && ok && b != "" && detente.ValidText(b) {
		if t, err := time.Parse(layout, a); err == nil {
			return Cursor{At: a, Time: t, ID: b}, nil
		}
	}
	return Cursor{}, detente.Errorf(detente.EINVALID, "cursor %q is not one this store gave out", c)
}

// Page cuts rows, read with one more than a page of n, to n, and returns
// the cursor of the next page from key of the last row kept, or "" when
// there is no next page.
func Page[T any](rows []T, n int, key func(T) (at, id string)) ([]T, string) {
	if len(rows) <= n {
		return rows, ""
	}
	rows = rows[:n]
	return rows, EncodeCursor(key(rows[n-1]))
}

// Limit returns the size of a page asked for with n: def for 0, at most
// most, and an EINVALID error for a negative n.
func Limit(n, def, most int) (int, error) {
	switch {
	case n < 0:
		return 0, detente.Errorf(detente.EINVALID, "limit %d is negative", n)
	case n == 0:
		return def, nil
	}
	return min(n, most), nil
}

// Package sqlscan turns rows of the SQL stores into detente values and
// back. The SQLite and PostgreSQL stores ask different SQL but read and
// write the same columns, so the scanning, encoding, decoding and checking
// of a row lives here once; only the encoding of times differs between
// the drivers, and Time hides it. It needs nothing outside this module
// and the standard library.
package sqlscan

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Scanner is a row to scan: *sql.Row or *sql.Rows.
type Scanner interface{ Scan(dest ...any) error }

// TimeLayout is fixed-width RFC 3339 in UTC, so that times stored as text
// (SQLite) sort as they compare.
const TimeLayout = "2006-01-02T15:04:05.000000000Z"

// DayLayout is a day stored as text, YYYY-MM-DD.
const DayLayout = "2006-01-02"

// FormatTime returns t in UTC as TimeLayout text.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// FormatDay returns t's day in UTC as DayLayout text.
func FormatDay(t time.Time) string { return t.UTC().Format(DayLayout) }

// ParseTime parses TimeLayout text, naming it when it is not a time.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// ParseDay parses DayLayout text, naming it when it is not a day.
func ParseDay(s string) (time.Time, error) {
	t, err := time.Parse(DayLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored day %q: %w", s, err)
	}
	return t, nil
}

// Qualified returns a comma-separated list of columns, such as
// DayColumns, with each column prefixed by the table alias.
func Qualified(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// Time is a scan destination for a time or date column: PostgreSQL's
// driver hands over a time.Time, SQLite the text it stores. It keeps the
// value as scanned; Instant and Day decode it.
type Time struct{ src any }

// Scan keeps the column's value (sql.Scanner).
func (t *Time) Scan(src any) error {
	t.src = src
	return nil
}

// Null reports whether the column is NULL.
func (t Time) Null() bool { return t.src == nil }

// Empty reports whether the column is NULL or empty text, an absent time.
func (t Time) Empty() bool {
	switch v := t.src.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []byte:
		return len(v) == 0
	}
	return false
}

// Instant returns a timestamp column in UTC.
func (t Time) Instant() (time.Time, error) { return t.decode(ParseTime, "time") }

// Day returns a date column in UTC.
func (t Time) Day() (time.Time, error) { return t.decode(ParseDay, "day") }

func (t Time) decode(parse func(string) (time.Time, error), what string) (time.Time, error) {
	switch v := t.src.(type) {
	case time.Time:
		return v.UTC(), nil
	case string:
		return parse(v)
	case []byte:
		return parse(string(v))
	}
	return time.Time{}, fmt.Errorf("stored %s %v: not a %s", what, t.src, what)
}

// All scans every row with scan and closes rows. It returns nil when there
// is no row.
func All[T any](rows *sql.Rows, scan func(Scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Querier runs queries: *sql.DB or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Query runs query with args on q and scans every row with scan. It
// returns nil when there is no row.
func Query[T any](ctx context.Context, q Querier, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return All(rows, scan)
}

// Set runs query, which selects one text column, and returns its values as
// a set.
func Set(ctx context.Context, q Querier, query string, args ...any) (map[string]bool, error) {
	vs, err := Query(ctx, q, String, query, args...)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(vs))
	for _, v := range vs {
		set[v] = true
	}
	return set, nil
}

// KeyValues runs query, which selects a text key and a blob value, and
// returns them as a map.
func KeyValues(ctx context.Context, q Querier, query string, args ...any) (map[string][]byte, error) {
	type kv struct {
		k string
		v []byte
	}
	rows, err := Query(ctx, q, func(sc Scanner) (r kv, err error) { return r, sc.Scan(&r.k, &r.v) }, query, args...)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(rows))
	for _, r := range rows {
		out[r.k] = r.v
	}
	return out, nil
}

// String scans a row of one text column.
func String(sc Scanner) (s string, err error) { return s, sc.Scan(&s) }

// Int scans a row of one integer column.
func Int(sc Scanner) (n int, err error) { return n, sc.Scan(&n) }

package sqlstore

import (
	"strconv"
	"strings"
)

// rebind returns query with its ? placeholders numbered $1, $2, ... when
// numbered; ? in quoted literals and identifiers stay as they are.
func rebind(query string, numbered bool) string {
	if !numbered || strings.IndexByte(query, '?') < 0 {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// marks returns n placeholders separated by commas: ?,?,?.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// maxList is how many values one list of placeholders holds.
const maxList = 500

// inLists calls fn with the condition that expr is one of a part of vs, and
// its arguments, for each part of vs: all of it where the dialect takes an
// array of sqlType, parts of at most maxList values where it takes lists.
func inLists[T any](d Dialect, expr, sqlType string, vs []T, fn func(cond string, args []any) error) error {
	if d.Arrays {
		return fn(expr+" = ANY(?::"+sqlType+"[])", []any{vs})
	}
	return eachPart(vs, func(args []any) error { return fn(expr+" IN ("+marks(len(args))+")", args) })
}

// listRows calls fn with a table of one column, v, whose rows are a part of
// vs (a FROM item, named l), and its arguments, for each part of vs, as
// inLists parts them: a query can then look each value up by itself.
func listRows[T any](d Dialect, sqlType string, vs []T, fn func(from string, args []any) error) error {
	if d.Arrays {
		return fn("unnest(?::"+sqlType+"[]) AS l(v)", []any{vs})
	}
	return eachPart(vs, func(args []any) error {
		values := strings.TrimSuffix(strings.Repeat("(?),", len(args)), ",")
		return fn("(SELECT column1 AS v FROM (VALUES "+values+")) l", args)
	})
}

// eachPart calls fn with the values of each part of at most maxList of vs.
func eachPart[T any](vs []T, fn func(args []any) error) error {
	for i := 0; i < len(vs); i += maxList {
		part := vs[i:min(i+maxList, len(vs))]
		args := make([]any, len(part))
		for j, v := range part {
			args[j] = v
		}
		if err := fn(args); err != nil {
			return err
		}
	}
	return nil
}

// upsert returns an INSERT of rows rows of columns into table that
// replaces the rows with the same key (a comma-separated list of columns,
// no spaces).
func upsert(table, columns, key string, rows int) string {
	cols := strings.Split(strings.Join(strings.Fields(columns), ""), ",")
	var set []string
	for _, c := range cols {
		if !strings.Contains(","+key+",", ","+c+",") {
			set = append(set, c+" = excluded."+c)
		}
	}
	values := strings.TrimSuffix(strings.Repeat("("+marks(len(cols))+"),", rows), ",")
	return `INSERT INTO ` + table + ` (` + columns + `) VALUES ` + values + `
		ON CONFLICT (` + key + `) DO UPDATE SET ` + strings.Join(set, ", ")
}

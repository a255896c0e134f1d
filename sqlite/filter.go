package sqlite

import (
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/searchq"
	"github.com/detente-project/detente/internal/sqltext"
)

// ftsQuery turns a user's search (the syntax of internal/searchq: words,
// "phrases", OR, -exclusions) into an FTS5 query that cannot be a syntax
// error: every term becomes a quoted string, so FTS5's own operators (NEAR,
// *, parentheses, column filters) typed by the user are read as words.
func ftsQuery(q string) (string, error) {
	pq, err := searchq.Parse(sqltext.Plain(q))
	if err != nil {
		return "", detente.Errorf(detente.EINVALID, "%v", err)
	}
	quote := func(t searchq.Term) string { return `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"` }
	var all []string
	for _, g := range pq.All {
		alts := make([]string, len(g))
		for i, t := range g {
			alts[i] = quote(t)
		}
		all = append(all, "("+strings.Join(alts, " OR ")+")")
	}
	expr := strings.Join(all, " AND ")
	for _, t := range pq.Not {
		expr = "(" + expr + ") NOT " + quote(t)
	}
	return expr, nil
}

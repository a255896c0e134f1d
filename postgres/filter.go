package postgres

import (
	"strings"

	"github.com/detente-project/detente/internal/searchq"
	"github.com/detente-project/detente/internal/sqlstore"
)

// tsQuery turns a user's search (the syntax of internal/searchq: words,
// "phrases", OR, -exclusions) into a tsquery expression that cannot be a
// syntax error: every term goes through phraseto_tsquery as plain text, so
// tsquery's own operators (&, |, !, :*, parentheses) are read as words.
// It returns the expression, its placeholders ?, and their arguments.
func tsQuery(q string) (string, []any, error) {
	pq, err := sqlstore.ParseSearch(q)
	if err != nil {
		return "", nil, err
	}
	var args []any
	term := func(t searchq.Term) string {
		args = append(args, t.Text)
		return "phraseto_tsquery('simple', ?)"
	}
	var all []string
	for _, g := range pq.All {
		alts := make([]string, len(g))
		for i, t := range g {
			alts[i] = term(t)
		}
		all = append(all, "("+strings.Join(alts, " || ")+")")
	}
	for _, t := range pq.Not {
		all = append(all, "!!"+term(t))
	}
	return "(" + strings.Join(all, " && ") + ")", args, nil
}

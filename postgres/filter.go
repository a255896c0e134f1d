package postgres

import (
	"strconv"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/searchq"
	"github.com/detente-project/detente/internal/sqltext"
)

// args collects the arguments of a query and names their placeholders.
type args []any

// add appends v and returns its placeholder, "$n".
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// tsQuery turns a user's search (the syntax of internal/searchq: words,
// "phrases", OR, -exclusions) into a tsquery expression that cannot be a
// syntax error: every term goes through phraseto_tsquery as plain text, so
// tsquery's own operators (&, |, !, :*, parentheses) are read as words.
// mark takes each term's text and returns its placeholder.
func tsQuery(q string, mark func(any) string) (string, error) {
	pq, err := searchq.Parse(sqltext.Plain(q))
	if err != nil {
		return "", detente.Errorf(detente.EINVALID, "%v", err)
	}
	term := func(t searchq.Term) string { return "phraseto_tsquery('simple', " + mark(t.Text) + ")" }
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
	return "(" + strings.Join(all, " && ") + ")", nil
}

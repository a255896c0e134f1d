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

// monthQuery returns, for a user's search that tsQuery turns into a
// tsquery, a tsquery expression in the keys of the word-by-month indexes
// (migration 0320) that every sentence of months matching the search
// holds: each group's terms ORed and the groups ANDed as tsQuery does,
// each term its words' keys in months (month_query), its words ANDed
// whatever their order, and the terms to exclude left out, as keys could
// only exclude too much. The statement checks the sentence's tsvector
// against tsQuery's expression too, which makes phrases and exclusions
// exact. It returns the expression, its placeholders ?, and their
// arguments.
func monthQuery(q string, months []int) (string, []any, error) {
	pq, err := sqlstore.ParseSearch(q)
	if err != nil {
		return "", nil, err
	}
	var args []any
	groups := make([]string, len(pq.All))
	for i, g := range pq.All {
		alts := make([]string, len(g))
		for j, t := range g {
			alts[j] = "month_query(?, ?::integer[])"
			args = append(args, t.Text, months)
		}
		groups[i] = "(" + strings.Join(alts, " || ") + ")"
	}
	return "(" + strings.Join(groups, " && ") + ")", args, nil
}

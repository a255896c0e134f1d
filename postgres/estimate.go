package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/detente-project/detente/internal/sqlscan"
)

// plan is a node of the planner's plan of a statement, as EXPLAIN (FORMAT
// JSON) gives it.
type plan struct {
	Node     string  `json:"Node Type"`
	Relation string  `json:"Relation Name"`
	Rows     float64 `json:"Plan Rows"`
	Plans    []plan  `json:"Plans"`
}

// scans reports whether the plan, or a plan under it, reads table in
// order rather than by an index.
func (p plan) scans(table string) bool {
	if p.Node == "Seq Scan" && p.Relation == table {
		return true
	}
	for _, c := range p.Plans {
		if c.scans(table) {
			return true
		}
	}
	return false
}

// rowsOf returns the planner's estimate of the rows the first node of the
// plan, or under it, that reads table selects (before a limit above it
// stops it), and false when no node reads table.
func (p plan) rowsOf(table string) (float64, bool) {
	if p.Relation == table {
		return p.Rows, true
	}
	for _, c := range p.Plans {
		if rows, ok := c.rowsOf(table); ok {
			return rows, true
		}
	}
	return 0, false
}

// explain returns the planner's plan of query with its arguments.
func explain(ctx context.Context, db sqlscan.Querier, query string, args []any) (plan, error) {
	out, err := sqlscan.Query(ctx, db, sqlscan.String, `EXPLAIN (FORMAT JSON) `+query, args...)
	if err != nil {
		return plan{}, err
	}
	var plans []struct{ Plan plan }
	if len(out) != 1 {
		return plan{}, fmt.Errorf("explain: %d rows of plan", len(out))
	}
	if err := json.Unmarshal([]byte(out[0]), &plans); err != nil {
		return plan{}, fmt.Errorf("explain: %w", err)
	}
	if len(plans) != 1 {
		return plan{}, fmt.Errorf("explain: %d plans", len(plans))
	}
	return plans[0].Plan, nil
}

// estimate returns the planner's estimate of how many rows query, with its
// arguments, selects (sqlstore.Dialect.Estimate), from the statistics that
// Optimize keeps. A search is planned by it rather than by counting its
// matches, which for a common word read up to sqlstore.DenseMatches
// entries of the full-text index on every page, before the page itself
// (bench scale, 200,000 events, one store read by the old code and this:
// search-events asked alone took 240 ms against 34 ms at the median).
func estimate(ctx context.Context, db sqlscan.Querier, query string, args []any) (int, error) {
	return estimatedRows(explain(ctx, db, query, args))
}

// estimatedRows returns the rows plan p estimates, or err, the error of
// asking for it.
func estimatedRows(p plan, err error) (int, error) {
	if err != nil {
		return 0, fmt.Errorf("estimate: %w", err)
	}
	return int(p.Rows), nil
}

// planOf returns the planner's plan of query with its arguments
// (explain), from s's cache of plans: a plan is asked again only once it
// is statsTTL old. Each search weighs how to read its matches by one or
// two plans, which took 6 % of PostgreSQL's statement time under 64
// clients on bench scale's store of a million events, 1.8 ms each; the
// next page of a search, or the same words searched again, asked the
// same.
func (s search) planOf(ctx context.Context, db sqlscan.Querier, query string, args []any) (plan, error) {
	return s.plans.get(fmt.Sprintf("%q %#v", query, args), func() (plan, error) { return explain(ctx, db, query, args) })
}

// estimated is estimate from s's cache of plans (planOf).
func (s search) estimated(ctx context.Context, db sqlscan.Querier, query string, args []any) (int, error) {
	return estimatedRows(s.planOf(ctx, db, query, args))
}

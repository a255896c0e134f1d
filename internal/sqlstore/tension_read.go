package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/tension"
)

// Series returns a pair's series from f.From to f.To, one point per day or
// week (detente.TensionReader).
func (s *Store) Series(ctx context.Context, f detente.SeriesFilter) ([]detente.TensionPoint, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	// The days of the range and the last day before it, whose state the
	// range's first days carry forward.
	days, err := sqlscan.Query(ctx, s.read, sqlscan.TensionDay, `SELECT `+sqlscan.DayColumns+` FROM (
		SELECT * FROM (SELECT `+sqlscan.DayColumns+` FROM tension_days WHERE pair = ? AND day < ? ORDER BY day DESC LIMIT 1) b
		UNION ALL
		SELECT `+sqlscan.DayColumns+` FROM tension_days WHERE pair = ? AND day BETWEEN ? AND ?) d ORDER BY day`,
		f.Pair.Key(), day(f.From), f.Pair.Key(), day(f.From), day(f.To))
	if err != nil {
		return nil, fmt.Errorf("series %s: %w", f.Pair, err)
	}
	return tension.Series(f, days), nil
}

// CountryIndex returns a country's risk index from f.From to f.To
// (detente.TensionReader).
func (s *Store) CountryIndex(ctx context.Context, f detente.CountryFilter) ([]detente.CountryPoint, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	// The totals of the country's last day, whose baseline the index
	// takes, then the days of the range and the last day before it,
	// whose state the range's first days carry forward.
	var risk, articles int
	err := s.read.QueryRowContext(ctx, `SELECT risk_total, articles_total FROM tension_country_days
		WHERE country = ? ORDER BY day DESC LIMIT 1`, f.Country).Scan(&risk, &articles)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("country index %s: %w", f.Country, err)
	}
	days, err := s.countryDays(ctx, s.read, `WHERE country = ? AND day >= COALESCE(
		(SELECT MAX(day) FROM tension_country_days WHERE country = ? AND day < ?), ?) AND day <= ? ORDER BY day`,
		f.Country, f.Country, day(f.From), day(f.From), day(f.To))
	if err != nil {
		return nil, fmt.Errorf("country index %s: %w", f.Country, err)
	}
	return tension.CountrySeries(f, days, risk, articles), nil
}

// CountryIndexes returns CountryIndex of f for each of countries, by
// country, in two queries for them all (detente.TensionReader). They are
// computed once per revision of the tension tables and kept. The points
// are shared between callers, to be read only.
func (s *Store) CountryIndexes(ctx context.Context, f detente.CountryFilter, countries []string) (map[string][]detente.CountryPoint, error) {
	for _, c := range countries {
		f.Country = c
		if err := f.Validate(); err != nil {
			return nil, err
		}
	}
	rev, err := s.tensionRevision(ctx)
	if err != nil {
		return nil, fmt.Errorf("country indexes: %w", err)
	}
	key := fmt.Sprint(day(f.From), day(f.To), f.Interval, countries)
	kept, err := s.countries.get(rev, key, func() (map[string][]detente.CountryPoint, error) {
		// Computed for every request that waits for it: a cancelled
		// first request does not fail the others.
		return s.countryIndexes(context.WithoutCancel(ctx), f, countries)
	})
	if err != nil {
		return nil, fmt.Errorf("country indexes: %w", err)
	}
	return maps.Clone(kept), nil
}

// countryIndexes computes CountryIndexes. Each country's rows are looked up
// by its key: its days from f.From to f.To, the last day before them, whose
// state their first days carry forward, and its last day, whose totals
// give the baseline. None is found by reading the country's other days,
// so the cost follows the days asked, not the history.
func (s *Store) countryIndexes(ctx context.Context, f detente.CountryFilter, countries []string) (map[string][]detente.CountryPoint, error) {
	type totals struct{ risk, articles int }
	sums := map[string]totals{}
	byCountry := map[string][]tension.CountryDay{}
	err := listRows(s.d, "text", countries, func(list string, args []any) error {
		rows, err := s.read.QueryContext(ctx, `SELECT d.country, d.risk_total, d.articles_total FROM `+list+`
			JOIN tension_country_days d ON d.country = l.v
			AND d.day = (SELECT MAX(b.day) FROM tension_country_days b WHERE b.country = l.v)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				c string
				t totals
			)
			if err := rows.Scan(&c, &t.risk, &t.articles); err != nil {
				return err
			}
			sums[c] = t
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// The day before the range is found once a country
		// (materialized, as PostgreSQL otherwise looks it up again for
		// each of the country's days) and read by its key; the range's
		// days are read as one range of each country's days.
		days, err := sqlscan.Query(ctx, s.read, sqlscan.CountryDay, `WITH w AS MATERIALIZED (
			SELECT l.v AS country, (SELECT MAX(b.day) FROM tension_country_days b WHERE b.country = l.v AND b.day < ?) AS since
			FROM `+list+`)
			SELECT `+sqlscan.Qualified("d", sqlscan.CountryDayColumns)+` FROM w
			JOIN tension_country_days d ON d.country = w.country AND d.day = w.since
			UNION ALL
			SELECT `+sqlscan.Qualified("d", sqlscan.CountryDayColumns)+` FROM w
			JOIN tension_country_days d ON d.country = w.country AND d.day BETWEEN ? AND ?
			ORDER BY 1, 2`, slices.Concat([]any{day(f.From)}, args, []any{day(f.From), day(f.To)})...)
		for _, d := range days {
			byCountry[d.Country] = append(byCountry[d.Country], d)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]detente.CountryPoint, len(countries))
	for _, c := range countries {
		f.Country = c
		out[c] = tension.CountrySeries(f, byCountry[c], sums[c].risk, sums[c].articles)
	}
	return out, nil
}

// lastAlerts sets the LastAlert of each of ps, its newest alert detected
// by day end, in one query for them all.
func (s *Store) lastAlerts(ctx context.Context, ps []detente.PairSummary, end string) error {
	if len(ps) == 0 {
		return nil
	}
	at := make(map[string]int, len(ps))
	keys := make([]string, len(ps))
	for i, p := range ps {
		keys[i] = p.Pair.Key()
		at[keys[i]] = i
	}
	return inLists(s.d, "pair", "text", keys, func(in string, args []any) error {
		as, err := s.queryAlerts(ctx, s.read, `SELECT `+sqlscan.AlertColumns+` FROM (SELECT `+sqlscan.AlertColumns+`,
			row_number() OVER (PARTITION BY pair ORDER BY detected DESC, id) AS n
			FROM tension_alerts WHERE detected <= ? AND `+in+`) a WHERE n = 1`, append([]any{end}, args...)...)
		for _, a := range as {
			if i, ok := at[a.Pair.Key()]; ok {
				ps[i].LastAlert = &a
			}
		}
		return err
	})
}

// Alerts returns alerts newest first (detente.TensionReader).
func (s *Store) Alerts(ctx context.Context, f detente.AlertFilter) ([]detente.Alert, error) {
	n, err := sqlscan.Limit(f.Limit, tension.DefaultAlerts, tension.MaxAlerts)
	if err != nil {
		return nil, err
	}
	var where []string
	var args []any
	if !f.Pair.IsZero() {
		if err := f.Pair.Validate(); err != nil {
			return nil, err
		}
		where, args = append(where, "pair = ?"), append(args, f.Pair.Key())
	}
	switch f.Direction {
	case "":
	case detente.Escalation, detente.Deescalation:
		where, args = append(where, "direction = ?"), append(args, string(f.Direction))
	default:
		return nil, detente.Errorf(detente.EINVALID, "direction %q: want escalation or de-escalation", f.Direction)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "detected >= ?"), append(args, day(f.Since))
	}
	if !f.Until.IsZero() {
		where, args = append(where, "detected <= ?"), append(args, day(f.Until))
	}
	q := `SELECT ` + sqlscan.AlertColumns + ` FROM tension_alerts`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	return s.queryAlerts(ctx, s.read, q+` ORDER BY detected DESC, created DESC, id LIMIT ?`, append(args, n)...)
}

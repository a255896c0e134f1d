package postgres

import (
	"context"
	"database/sql"
	"fmt"
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
	days, err := sqlscan.Query(ctx, s.db, sqlscan.TensionDay, `SELECT `+sqlscan.DayColumns+` FROM tension_days WHERE pair = $1 AND day <= $3
		AND day >= COALESCE((SELECT MAX(day) FROM tension_days WHERE pair = $1 AND day < $2), $2)
		ORDER BY day`, f.Pair.Key(), sqlscan.FormatDay(f.From), sqlscan.FormatDay(f.To))
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
	var risk, articles int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(risk), 0), COALESCE(SUM(articles), 0)
		FROM tension_country_days WHERE country = $1`, f.Country).Scan(&risk, &articles)
	if err != nil {
		return nil, fmt.Errorf("country index %s: %w", f.Country, err)
	}
	days, err := s.countryDays(ctx, `WHERE country = $1 AND day >= COALESCE(
		(SELECT MAX(day) FROM tension_country_days WHERE country = $1 AND day < $2), $2) AND day <= $3 ORDER BY day`,
		f.Country, sqlscan.FormatDay(f.From), sqlscan.FormatDay(f.To))
	if err != nil {
		return nil, fmt.Errorf("country index %s: %w", f.Country, err)
	}
	return tension.CountrySeries(f, days, risk, articles), nil
}

// Pairs ranks the pairs with events in the tension.RankDays days up to
// f.AsOf (the latest stored day when zero) by tension.RankPairs
// (detente.TensionReader).
func (s *Store) Pairs(ctx context.Context, f detente.PairFilter) ([]detente.PairSummary, error) {
	n, err := sqlscan.Limit(f.Limit, tension.DefaultPairs, tension.MaxPairs)
	if err != nil {
		return nil, err
	}
	if err := tension.CheckPairFilter(f); err != nil {
		return nil, err
	}
	asOf := f.AsOf
	if asOf.IsZero() {
		var latest sql.NullTime
		if err := s.db.QueryRowContext(ctx, `SELECT MAX(day) FROM tension_days`).Scan(&latest); err != nil {
			return nil, fmt.Errorf("rank pairs: %w", err)
		}
		if !latest.Valid {
			return []detente.PairSummary{}, nil
		}
		asOf = latest.Time.UTC()
	}
	start, end := sqlscan.FormatDay(tension.RankWindow(asOf)), sqlscan.FormatDay(asOf)
	// The window's days of each candidate pair, and the last day before
	// it, whose state the window's first days carry forward.
	days, err := sqlscan.Query(ctx, s.db, sqlscan.TensionDay, `SELECT `+sqlscan.Qualified("d", sqlscan.DayColumns)+` FROM tension_days d
		JOIN (SELECT pair FROM tension_days WHERE day BETWEEN $1 AND $2
			AND (strpos(pair, '>') > 0) = $3 AND ($4 = '' OR substr(pair, 1, 3) = $4 OR substr(pair, 5, 3) = $4)
			GROUP BY pair) m ON m.pair = d.pair
		WHERE d.day <= $2 AND d.day >= COALESCE((SELECT MAX(b.day) FROM tension_days b WHERE b.pair = d.pair AND b.day < $1), $1)
		ORDER BY d.pair, d.day`,
		start, end, f.Directed, f.Country)
	if err != nil {
		return nil, fmt.Errorf("rank pairs: %w", err)
	}
	alerted, err := sqlscan.Set(ctx, s.db, `SELECT DISTINCT pair FROM tension_alerts WHERE detected BETWEEN $1 AND $2`, start, end)
	if err != nil {
		return nil, fmt.Errorf("rank pairs: %w", err)
	}
	out := tension.Page(tension.RankPairs(days, f, asOf, alerted), f.Offset, n)
	for i := range out {
		as, err := s.queryAlerts(ctx, `SELECT `+sqlscan.AlertColumns+` FROM tension_alerts WHERE pair = $1 AND detected <= $2
			ORDER BY detected DESC, id LIMIT 1`, out[i].Pair.Key(), end)
		if err != nil {
			return nil, err
		}
		if len(as) > 0 {
			out[i].LastAlert = &as[0]
		}
	}
	return out, nil
}

// Alerts returns alerts newest first (detente.TensionReader).
func (s *Store) Alerts(ctx context.Context, f detente.AlertFilter) ([]detente.Alert, error) {
	n, err := sqlscan.Limit(f.Limit, tension.DefaultAlerts, tension.MaxAlerts)
	if err != nil {
		return nil, err
	}
	var where []string
	var a args
	if !f.Pair.IsZero() {
		if err := f.Pair.Validate(); err != nil {
			return nil, err
		}
		where = append(where, "pair = "+a.add(f.Pair.Key()))
	}
	switch f.Direction {
	case "":
	case detente.Escalation, detente.Deescalation:
		where = append(where, "direction = "+a.add(string(f.Direction)))
	default:
		return nil, detente.Errorf(detente.EINVALID, "direction %q: want escalation or de-escalation", f.Direction)
	}
	if !f.Since.IsZero() {
		where = append(where, "detected >= "+a.add(sqlscan.FormatDay(f.Since)))
	}
	if !f.Until.IsZero() {
		where = append(where, "detected <= "+a.add(sqlscan.FormatDay(f.Until)))
	}
	q := `SELECT ` + sqlscan.AlertColumns + ` FROM tension_alerts`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	return s.queryAlerts(ctx, q+` ORDER BY detected DESC, created DESC, id LIMIT `+a.add(n), a...)
}

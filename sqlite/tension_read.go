package sqlite

import (
	"context"
	"fmt"
	"strconv"
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
	days, err := sqlscan.Query(ctx, s.read, sqlscan.TensionDay, `SELECT `+sqlscan.DayColumns+` FROM (
		SELECT * FROM (SELECT `+sqlscan.DayColumns+` FROM tension_days WHERE pair = ? AND day < ? ORDER BY day DESC LIMIT 1)
		UNION ALL
		SELECT `+sqlscan.DayColumns+` FROM tension_days WHERE pair = ? AND day BETWEEN ? AND ?) ORDER BY day`,
		f.Pair.Key(), sqlscan.FormatDay(f.From), f.Pair.Key(), sqlscan.FormatDay(f.From), sqlscan.FormatDay(f.To))
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
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(SUM(risk), 0), COALESCE(SUM(articles), 0)
		FROM tension_country_days WHERE country = ?`, f.Country).Scan(&risk, &articles)
	if err != nil {
		return nil, fmt.Errorf("country index %s: %w", f.Country, err)
	}
	days, err := s.countryDays(ctx, `WHERE country = ? AND day >= COALESCE(
		(SELECT MAX(day) FROM tension_country_days WHERE country = ? AND day < ?), ?) AND day <= ? ORDER BY day`,
		f.Country, f.Country, sqlscan.FormatDay(f.From), sqlscan.FormatDay(f.From), sqlscan.FormatDay(f.To))
	if err != nil {
		return nil, fmt.Errorf("country index %s: %w", f.Country, err)
	}
	return tension.CountrySeries(f, days, risk, articles), nil
}

// Pairs ranks the pairs with events in the 90 days before the latest
// stored day by the absolute change of their index over the last
// detente.RecentDays days of their own, largest first
// (detente.TensionReader).
func (s *Store) Pairs(ctx context.Context, f detente.PairFilter) ([]detente.PairSummary, error) {
	n, err := sqlscan.Limit(f.Limit, tension.DefaultPairs, tension.MaxPairs)
	if err != nil {
		return nil, err
	}
	if f.Country != "" && !detente.IsCountry(f.Country) {
		return nil, detente.Errorf(detente.EINVALID, "unknown country code %q", f.Country)
	}
	var latest *string
	if err := s.read.QueryRowContext(ctx, `SELECT MAX(day) FROM tension_days`).Scan(&latest); err != nil {
		return nil, fmt.Errorf("rank pairs: %w", err)
	}
	if latest == nil {
		return []detente.PairSummary{}, nil
	}
	last, err := sqlscan.ParseDay(*latest)
	if err != nil {
		return nil, err
	}
	since := sqlscan.FormatDay(last.AddDate(0, 0, -tension.RankDays))
	// Each candidate pair's last month is enough to fill its last
	// RecentDays days from the state of the day before them.
	days, err := sqlscan.Query(ctx, s.read, sqlscan.TensionDay, `SELECT `+sqlscan.Qualified("d", sqlscan.DayColumns)+` FROM tension_days d
		JOIN (SELECT pair, MAX(day) AS last FROM tension_days WHERE day >= ?
			AND (instr(pair, '>') > 0) = ? AND (? = '' OR substr(pair, 1, 3) = ? OR substr(pair, 5, 3) = ?)
			GROUP BY pair) m ON m.pair = d.pair
		WHERE d.day >= date(m.last, '-`+strconv.Itoa(tension.FillDays)+` days') ORDER BY d.pair, d.day`,
		since, f.Directed, f.Country, f.Country, f.Country)
	if err != nil {
		return nil, fmt.Errorf("rank pairs: %w", err)
	}
	out := tension.RankPairs(days, f)
	if len(out) > n {
		out = out[:n]
	}
	for i := range out {
		as, err := s.queryAlerts(ctx, `SELECT `+sqlscan.AlertColumns+` FROM tension_alerts WHERE pair = ?
			ORDER BY detected DESC, id LIMIT 1`, out[i].Pair.Key())
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
		where, args = append(where, "detected >= ?"), append(args, sqlscan.FormatDay(f.Since))
	}
	q := `SELECT ` + sqlscan.AlertColumns + ` FROM tension_alerts`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	return s.queryAlerts(ctx, q+` ORDER BY detected DESC, created DESC, id LIMIT ?`, append(args, n)...)
}

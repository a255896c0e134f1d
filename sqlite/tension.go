package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/tension"
)

// chunk is how many values one IN (...) list holds.
const chunk = 500

// CountedEvents returns the counted events between the two countries of an
// undirected pair, either way, on the given days (tension.Store).
func (s *Store) CountedEvents(ctx context.Context, pair detente.Pair, days []time.Time) ([]tension.Obs, error) {
	var out []tension.Obs
	for i := 0; i < len(days); i += chunk {
		part := days[i:min(i+chunk, len(days))]
		args := []any{pair.A, pair.B, pair.B, pair.A}
		for _, d := range part {
			args = append(args, sqlscan.FormatDay(d))
		}
		obs, err := sqlscan.Query(ctx, s.read, sqlscan.Obs, `SELECT id, source_country, target_country, code, day, quad, goldstein, num_sources, story_id
			FROM events WHERE counted = 1
			AND ((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))
			AND day IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("counted events %s: %w", pair, err)
		}
		out = append(out, obs...)
	}
	return out, nil
}

// PrimariesOf returns the primary events of those of ids that are further
// copies (tension.Store).
func (s *Store) PrimariesOf(ctx context.Context, ids []string) ([]tension.Obs, error) {
	var out []tension.Obs
	for i := 0; i < len(ids); i += chunk {
		part := ids[i:min(i+chunk, len(ids))]
		args := make([]any, len(part))
		for j, id := range part {
			args[j] = id
		}
		obs, err := sqlscan.Query(ctx, s.read, sqlscan.Obs, `SELECT p.id, p.source_country, p.target_country, p.code, p.day, p.quad, p.goldstein,
			p.num_sources, p.story_id FROM events c JOIN events p ON p.id = c.primary_id
			WHERE c.id IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("primaries of copies: %w", err)
		}
		out = append(out, obs...)
	}
	return out, nil
}

// PairDays returns every stored day of a pair, oldest first (tension.Store).
func (s *Store) PairDays(ctx context.Context, pair detente.Pair) ([]tension.Day, error) {
	ds, err := sqlscan.Query(ctx, s.read, sqlscan.TensionDay, `SELECT `+sqlscan.DayColumns+` FROM tension_days WHERE pair = ? ORDER BY day`, pair.Key())
	if err != nil {
		return nil, fmt.Errorf("pair days %s: %w", pair, err)
	}
	return ds, nil
}

// PutPairDays stores days of pairs in one transaction (tension.Store).
func (s *Store) PutPairDays(ctx context.Context, days []tension.Day) error {
	if err := sqlscan.ExecEach(ctx, s.write,
		`INSERT OR REPLACE INTO tension_days (`+sqlscan.DayColumns+`) VALUES (`+placeholders(23)+`)`,
		days, sqlscan.TensionDayArgs); err != nil {
		return fmt.Errorf("put pair days: %w", err)
	}
	return nil
}

// CountryCounts returns the articles about a country, and those reporting
// risk, on the given days (tension.Store). Every article with an event
// involving the country counts, copies of a story included, but not
// negated or hypothetical events.
func (s *Store) CountryCounts(ctx context.Context, country string, days []time.Time) ([]tension.CountryDay, error) {
	var out []tension.CountryDay
	risk := "'" + strings.Join(tension.RiskRoots, "','") + "'"
	for i := 0; i < len(days); i += chunk {
		part := days[i:min(i+chunk, len(days))]
		args := []any{country, country}
		for _, d := range part {
			args = append(args, sqlscan.FormatDay(d))
		}
		rows, err := s.read.QueryContext(ctx, `SELECT day, COUNT(DISTINCT article_id),
			COUNT(DISTINCT CASE WHEN root IN (`+risk+`) THEN article_id END)
			FROM events WHERE (source_country = ? OR target_country = ?) AND negated = 0 AND hypothetical = 0
			AND day IN (`+placeholders(len(part))+`) GROUP BY day ORDER BY day`, args...)
		if err != nil {
			return nil, fmt.Errorf("country counts %s: %w", country, err)
		}
		for rows.Next() {
			d := tension.CountryDay{Country: country}
			var day string
			if err := rows.Scan(&day, &d.Articles, &d.Risk); err != nil {
				rows.Close()
				return nil, fmt.Errorf("country counts %s: %w", country, err)
			}
			if d.Day, err = sqlscan.ParseDay(day); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("country counts %s: %w", country, err)
		}
	}
	return out, nil
}

// CountryDays returns every stored day of a country, oldest first
// (tension.Store).
func (s *Store) CountryDays(ctx context.Context, country string) ([]tension.CountryDay, error) {
	return s.countryDays(ctx, `WHERE country = ? ORDER BY day`, country)
}

func (s *Store) countryDays(ctx context.Context, where string, args ...any) ([]tension.CountryDay, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+sqlscan.CountryDayColumns+` FROM tension_country_days `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("country days: %w", err)
	}
	return sqlscan.All(rows, sqlscan.CountryDay)
}

// PutCountryDays stores days of countries in one transaction
// (tension.Store).
func (s *Store) PutCountryDays(ctx context.Context, days []tension.CountryDay) error {
	if err := sqlscan.ExecEach(ctx, s.write,
		`INSERT OR REPLACE INTO tension_country_days (`+sqlscan.CountryDayColumns+`) VALUES (?,?,?,?,?,?)`,
		days, sqlscan.CountryDayArgs); err != nil {
		return fmt.Errorf("put country days: %w", err)
	}
	return nil
}

// AlertEvents returns the IDs of at most limit counted events of a pair
// from from to to, the most conflictual first for an escalation and the
// most cooperative first for a de-escalation (tension.Store).
func (s *Store) AlertEvents(ctx context.Context, pair detente.Pair, dir detente.Direction, from, to time.Time, limit int) ([]string, error) {
	order := "goldstein ASC"
	if dir == detente.Deescalation {
		order = "goldstein DESC"
	}
	where, args := pairWhere(pair)
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM events WHERE counted = 1 AND `+where+`
		AND day BETWEEN ? AND ? ORDER BY `+order+`, num_sources DESC, id LIMIT ?`,
		append(args, sqlscan.FormatDay(from), sqlscan.FormatDay(to), limit)...)
	if err != nil {
		return nil, fmt.Errorf("alert events %s: %w", pair, err)
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("alert events %s: %w", pair, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// pairWhere returns the condition on events of a pair.
func pairWhere(p detente.Pair) (string, []any) {
	if p.Directed {
		return `source_country = ? AND target_country = ?`, []any{p.A, p.B}
	}
	return `((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))`,
		[]any{p.A, p.B, p.B, p.A}
}

func (s *Store) queryAlerts(ctx context.Context, query string, args ...any) ([]detente.Alert, error) {
	out, err := sqlscan.Query(ctx, s.read, sqlscan.Alert, query, args...)
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	if out == nil {
		out = []detente.Alert{}
	}
	return out, nil
}

// PairAlerts returns every stored alert of a pair (tension.Store).
func (s *Store) PairAlerts(ctx context.Context, pair detente.Pair) ([]detente.Alert, error) {
	return s.queryAlerts(ctx, `SELECT `+sqlscan.AlertColumns+` FROM tension_alerts WHERE pair = ? ORDER BY start`, pair.Key())
}

// AddAlerts stores the alerts whose ID is not stored yet and returns them
// (tension.Store).
func (s *Store) AddAlerts(ctx context.Context, alerts []detente.Alert) ([]detente.Alert, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("add alerts: %w", err)
	}
	defer tx.Rollback()
	var added []detente.Alert
	for _, a := range alerts {
		res, err := tx.ExecContext(ctx, `INSERT INTO tension_alerts (`+sqlscan.AlertColumns+`)
			VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING`, sqlscan.AlertArgs(a, sqlscan.FormatTime(a.Created))...)
		if err != nil {
			return nil, fmt.Errorf("add alert %s: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			added = append(added, a)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("add alerts: %w", err)
	}
	return added, nil
}

// ResetTension deletes every rollup, index day, alert and pending delivery,
// for a rebuild. Subscriptions stay.
func (s *Store) ResetTension(ctx context.Context) error {
	for _, t := range []string{"tension_days", "tension_country_days"} {
		if _, err := s.write.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return fmt.Errorf("reset %s: %w", t, err)
		}
	}
	return nil
}

// Alert returns the alert of an ID, or an ENOTFOUND *Error.
func (s *Store) Alert(ctx context.Context, id string) (detente.Alert, error) {
	a, err := sqlscan.Alert(s.read.QueryRowContext(ctx, `SELECT `+sqlscan.AlertColumns+` FROM tension_alerts WHERE id = ?`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return a, detente.Errorf(detente.ENOTFOUND, "alert %q not found", id)
	case err != nil:
		return a, fmt.Errorf("alert %s: %w", id, err)
	}
	return a, nil
}

// SetPairAlerts makes alerts the stored alerts of pair, in one
// transaction: alerts of the pair not among them are deleted (with their
// deliveries), the others stored or updated (keeping their creation
// time). It returns the alerts that were not stored before.
func (s *Store) SetPairAlerts(ctx context.Context, pair detente.Pair, alerts []detente.Alert) ([]detente.Alert, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("set alerts of %s: %w", pair, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id FROM tension_alerts WHERE pair = ?`, pair.Key())
	if err != nil {
		return nil, fmt.Errorf("set alerts of %s: %w", pair, err)
	}
	stored := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("set alerts of %s: %w", pair, err)
		}
		stored[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("set alerts of %s: %w", pair, err)
	}
	var added []detente.Alert
	for _, a := range alerts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO tension_alerts (`+sqlscan.AlertColumns+`)
			VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET direction = excluded.direction, start = excluded.start,
				detected = excluded.detected, magnitude = excluded.magnitude, before = excluded.before,
				after = excluded.after, event_ids = excluded.event_ids`,
			sqlscan.AlertArgs(a, sqlscan.FormatTime(a.Created))...); err != nil {
			return nil, fmt.Errorf("set alert %s: %w", a.ID, err)
		}
		if !stored[a.ID] {
			added = append(added, a)
		}
		delete(stored, a.ID)
	}
	for id := range stored {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tension_alerts WHERE id = ?`, id); err != nil {
			return nil, fmt.Errorf("delete alert %s: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("set alerts of %s: %w", pair, err)
	}
	return added, nil
}

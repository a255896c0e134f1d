package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/tension"
)

// obsColumns are the columns of events, as p, that sqlscan.Obs scans.
const obsColumns = `p.id, p.source_country, p.target_country, p.code, p.day, p.quad, p.goldstein, p.num_sources, p.story_id`

// days returns days as the stores keep them.
func days(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = day(t)
	}
	return out
}

// CountedEvents returns the counted events between the two countries of an
// undirected pair, either way, on the given days (tension.Store).
func (s *Store) CountedEvents(ctx context.Context, pair detente.Pair, ds []time.Time) ([]tension.Obs, error) {
	var out []tension.Obs
	either, pargs := s.either(pair.A, pair.B)
	err := inLists(s.d, "p.day", "date", days(ds), func(in string, args []any) error {
		obs, err := sqlscan.Query(ctx, s.updates, sqlscan.Obs, `SELECT `+obsColumns+` FROM events p
			WHERE p.counted = `+s.d.True+` AND `+either+` AND `+in, slices.Concat(pargs, args)...)
		out = append(out, obs...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("counted events %s: %w", pair, err)
	}
	return out, nil
}

// StoryEventsOf returns every event of the stories of the events ids
// (tension.Store).
func (s *Store) StoryEventsOf(ctx context.Context, ids []string) ([]tension.Obs, error) {
	var out []tension.Obs
	err := inLists(s.d, "c.id", "text", ids, func(in string, args []any) error {
		obs, err := sqlscan.Query(ctx, s.updates, sqlscan.Obs, `SELECT `+obsColumns+` FROM events p
			WHERE p.story_id IN (SELECT DISTINCT c.story_id FROM events c WHERE `+in+`)`, args...)
		out = append(out, obs...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("events of the stories of %d events: %w", len(ids), err)
	}
	return out, nil
}

// PairDays returns a pair's stored days among ds (tension.Store).
func (s *Store) PairDays(ctx context.Context, pair detente.Pair, ds []time.Time) ([]tension.Day, error) {
	var out []tension.Day
	err := inLists(s.d, "day", "date", days(ds), func(in string, args []any) error {
		got, err := sqlscan.Query(ctx, s.updates, sqlscan.CarriedDay, `SELECT `+sqlscan.CarriedDayColumns+` FROM tension_days
			WHERE pair = ? AND `+in, append([]any{pair.Key()}, args...)...)
		out = append(out, got...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pair days %s: %w", pair, err)
	}
	return out, nil
}

// PairDaysFrom returns a pair's stored days from the last one before from
// that carries change detection's state on, oldest first; every day of the
// pair when none before from does (tension.Store).
func (s *Store) PairDaysFrom(ctx context.Context, pair detente.Pair, from time.Time) ([]tension.Day, error) {
	ds, err := sqlscan.Query(ctx, s.updates, sqlscan.CarriedDay, `SELECT `+sqlscan.CarriedDayColumns+` FROM tension_days
		WHERE pair = ? AND day >= COALESCE((SELECT MAX(day) FROM tension_days
			WHERE pair = ? AND day < `+s.d.DayArg+` AND carry IS NOT NULL), `+s.d.DayArg+`) ORDER BY day`,
		pair.Key(), pair.Key(), day(from), day(time.Time{}))
	if err != nil {
		return nil, fmt.Errorf("pair days %s from %s: %w", pair, day(from), err)
	}
	return ds, nil
}

// PutPairDays stores days of pairs in one transaction (tension.Store);
// none writes nothing and leaves the tension revision as it is.
func (s *Store) PutPairDays(ctx context.Context, days []tension.Day) error {
	if len(days) == 0 {
		return nil
	}
	if err := s.writeTension(ctx, func(t tx) error {
		return upsertAll(ctx, t, "tension_days", sqlscan.CarriedDayColumns, "pair,day", days, sqlscan.CarriedDayArgs)
	}); err != nil {
		return fmt.Errorf("put pair days: %w", err)
	}
	return nil
}

// DeletePairDays deletes stored days of a pair (tension.Store).
func (s *Store) DeletePairDays(ctx context.Context, pair detente.Pair, ds []time.Time) error {
	if err := s.writeTension(ctx, func(t tx) error {
		return execEach(ctx, t, `DELETE FROM tension_days WHERE pair = ? AND day = `+s.d.DayArg,
			ds, func(t time.Time) []any { return []any{pair.Key(), day(t)} })
	}); err != nil {
		return fmt.Errorf("delete days of %s: %w", pair, err)
	}
	return nil
}

// CountryCounts returns the articles about a country, and those reporting
// risk, on the given days (tension.Store). Every article with an event
// involving the country counts, copies of a story included, but not
// negated or hypothetical events. It reads the running counts the writes
// keep (CountryArticles): one row a day, however many events the day has.
func (s *Store) CountryCounts(ctx context.Context, country string, ds []time.Time) ([]tension.CountryDay, error) {
	out, err := s.countryCounts(ctx, country, ds)
	if err != nil {
		return nil, fmt.Errorf("country counts %s: %w", country, err)
	}
	return out, nil
}

// CountryDaysFrom returns a country's stored days from from on and the
// last one before it, oldest first (tension.Store).
func (s *Store) CountryDaysFrom(ctx context.Context, country string, from time.Time) ([]tension.CountryDay, error) {
	return s.countryDays(ctx, s.updates, `WHERE country = ? AND day >= COALESCE(
		(SELECT MAX(day) FROM tension_country_days WHERE country = ? AND day < `+s.d.DayArg+`), `+s.d.DayArg+`) ORDER BY day`,
		country, country, day(from), day(from))
}

func (s *Store) countryDays(ctx context.Context, q sqlscan.Querier, where string, args ...any) ([]tension.CountryDay, error) {
	ds, err := sqlscan.Query(ctx, q, sqlscan.CountryDay,
		`SELECT `+sqlscan.CountryDayColumns+` FROM tension_country_days `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("country days: %w", err)
	}
	return ds, nil
}

// PutCountryDays stores days of countries in one transaction
// (tension.Store); none writes nothing and leaves the tension revision as
// it is.
func (s *Store) PutCountryDays(ctx context.Context, days []tension.CountryDay) error {
	if len(days) == 0 {
		return nil
	}
	if err := s.writeTension(ctx, func(t tx) error {
		return upsertAll(ctx, t, "tension_country_days", sqlscan.CountryDayColumns, "country,day", days, sqlscan.CountryDayArgs)
	}); err != nil {
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
	where, args := s.either(pair.A, pair.B)
	if pair.Directed {
		where, args = `source_country = ? AND target_country = ?`, []any{pair.A, pair.B}
	}
	ids, err := sqlscan.Query(ctx, s.updates, sqlscan.String, `SELECT id FROM events WHERE counted = `+s.d.True+` AND `+where+`
		AND day BETWEEN ? AND ? ORDER BY `+order+`, num_sources DESC, id LIMIT ?`,
		append(args, day(from), day(to), limit)...)
	if err != nil {
		return nil, fmt.Errorf("alert events %s: %w", pair, err)
	}
	if ids == nil {
		ids = []string{}
	}
	return ids, nil
}

func (s *Store) queryAlerts(ctx context.Context, q sqlscan.Querier, query string, args ...any) ([]detente.Alert, error) {
	out, err := sqlscan.Query(ctx, q, sqlscan.Alert, query, args...)
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
	return s.queryAlerts(ctx, s.updates, `SELECT `+sqlscan.AlertColumns+` FROM tension_alerts WHERE pair = ? ORDER BY start`, pair.Key())
}

// AddAlerts stores the alerts whose ID is not stored yet and returns them
// (tension.Store).
func (s *Store) AddAlerts(ctx context.Context, alerts []detente.Alert) ([]detente.Alert, error) {
	var added []detente.Alert
	err := s.writeTension(ctx, func(t tx) error {
		added = nil
		for _, a := range alerts {
			res, err := t.ExecContext(ctx, `INSERT INTO tension_alerts (`+sqlscan.AlertColumns+`)
				VALUES (`+marks(10)+`) ON CONFLICT (id) DO NOTHING`, sqlscan.AlertArgs(a, s.d.Time(a.Created))...)
			if err != nil {
				return fmt.Errorf("add alert %s: %w", a.ID, err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				added = append(added, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add alerts: %w", err)
	}
	return added, nil
}

// ResetTension deletes every rollup and index day, for a rebuild, and
// counts the articles of each country-day afresh from the events. Alerts
// and their deliveries stay, for the rebuild to reconcile pair by pair, and
// subscriptions.
func (s *Store) ResetTension(ctx context.Context) error {
	if err := s.writeTension(ctx, func(t tx) error {
		for _, q := range s.d.Clear("tension_days", "tension_country_days") {
			if _, err := t.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return fmt.Errorf("reset tension: %w", err)
	}
	if err := s.recountCountries(ctx); err != nil {
		return fmt.Errorf("reset tension: count country articles: %w", err)
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
	var added []detente.Alert
	err := s.writeTension(ctx, func(t tx) error {
		added = nil
		stored, err := sqlscan.Set(ctx, t, `SELECT id FROM tension_alerts WHERE pair = ?`, pair.Key())
		if err != nil {
			return err
		}
		for _, a := range alerts {
			if _, err := t.ExecContext(ctx, `INSERT INTO tension_alerts (`+sqlscan.AlertColumns+`)
				VALUES (`+marks(10)+`) ON CONFLICT (id) DO UPDATE SET direction = excluded.direction, start = excluded.start,
					detected = excluded.detected, magnitude = excluded.magnitude, before = excluded.before,
					after = excluded.after, event_ids = excluded.event_ids`,
				sqlscan.AlertArgs(a, s.d.Time(a.Created))...); err != nil {
				return fmt.Errorf("set alert %s: %w", a.ID, err)
			}
			if !stored[a.ID] {
				added = append(added, a)
			}
			delete(stored, a.ID)
		}
		for id := range stored {
			if _, err := t.ExecContext(ctx, `DELETE FROM tension_alerts WHERE id = ?`, id); err != nil {
				return fmt.Errorf("delete alert %s: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("set alerts of %s: %w", pair, err)
	}
	return added, nil
}

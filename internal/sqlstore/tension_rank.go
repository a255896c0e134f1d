package sqlstore

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/tension"
)

// bumpRevision raises the tension revision (migration 0140): the last
// statement of every transaction that writes the tension tables.
const bumpRevision = `UPDATE tension_revision SET n = n + 1`

// writeTension runs f in a transaction and raises the tension revision as
// its last statement, so that a ranking computed before is not served
// after f's writes are visible. Raised last, the revision's row is locked
// only while the transaction commits: two writers cannot wait on each
// other through it.
func (s *Store) writeTension(ctx context.Context, f func(t tx) error) error {
	return inTx(ctx, s.write, func(t tx) error {
		if err := f(t); err != nil {
			return err
		}
		_, err := t.ExecContext(ctx, bumpRevision)
		return err
	})
}

// kept holds values computed at one revision of the tension tables, by
// key: the ranking of every pair, read whole for each filter and page of
// it, the indexes of every country the map shows, and the counts that
// plan searches. Each is computed once per revision, not once per
// request.
type kept[K comparable, V any] struct {
	mu      sync.Mutex
	rev     int64
	entries map[K]V
	group   singleflight.Group
	most    int // values kept at one revision; maxKept when 0
}

// maxKept bounds the values kept at one revision: their keys (as-of days,
// ranges) are the user's to choose.
const maxKept = 16

// get returns the value of key at revision rev, computing it with compute
// when it is not kept; concurrent requests of one value wait for one
// computation.
func (k *kept[K, V]) get(rev int64, key K, compute func() (V, error)) (V, error) {
	k.mu.Lock()
	most := k.most
	if most == 0 {
		most = maxKept
	}
	if k.entries == nil || rev != k.rev || len(k.entries) >= most {
		k.rev, k.entries = rev, map[K]V{}
	}
	got, ok := k.entries[key]
	k.mu.Unlock()
	if ok {
		return got, nil
	}
	v, err, _ := k.group.Do(fmt.Sprint(rev, key), func() (any, error) {
		got, err := compute()
		if err != nil {
			return got, err
		}
		k.mu.Lock()
		if rev == k.rev {
			k.entries[key] = got
		}
		k.mu.Unlock()
		return got, nil
	})
	return v.(V), err
}

// rankKey is what a whole ranking depends on besides the tables.
type rankKey struct {
	asOf     string // "YYYY-MM-DD"
	directed bool
}

// ranking is every pair of one kind ranked as of a day, without their
// last alerts (read for the page asked).
type ranking struct {
	end   string // the as-of day
	pairs []detente.PairSummary
}

// tensionRevision returns the revision of the tension tables.
func (s *Store) tensionRevision(ctx context.Context) (int64, error) {
	var n int64
	if err := s.read.QueryRowContext(ctx, `SELECT n FROM tension_revision`).Scan(&n); err != nil {
		return 0, fmt.Errorf("tension revision: %w", err)
	}
	return n, nil
}

// Pairs ranks the pairs with events in the tension.RankDays days up to
// f.AsOf (the latest stored day when zero) by tension.RankPairs
// (detente.TensionReader). The whole ranking of f's kind of pair as of
// f's day is computed once per revision of the tension tables and kept;
// f's country and page select from it.
func (s *Store) Pairs(ctx context.Context, f detente.PairFilter) ([]detente.PairSummary, error) {
	n, err := sqlscan.Limit(f.Limit, tension.DefaultPairs, tension.MaxPairs)
	if err != nil {
		return nil, err
	}
	if err := tension.CheckPairFilter(f); err != nil {
		return nil, err
	}
	rev, err := s.tensionRevision(ctx)
	if err != nil {
		return nil, fmt.Errorf("rank pairs: %w", err)
	}
	if f.AsOf.IsZero() {
		var latest sqlscan.Time
		if err := s.read.QueryRowContext(ctx, `SELECT MAX(day) FROM tension_days`).Scan(&latest); err != nil {
			return nil, fmt.Errorf("rank pairs: %w", err)
		}
		if latest.Null() {
			return []detente.PairSummary{}, nil
		}
		if f.AsOf, err = latest.Day(); err != nil {
			return nil, fmt.Errorf("rank pairs: %w", err)
		}
	}
	// The ranking is computed for every request that waits for it: a
	// cancelled first request does not fail the others.
	key := rankKey{asOf: day(f.AsOf), directed: f.Directed}
	all, err := s.ranks.get(rev, key, func() (ranking, error) { return s.rankPairs(context.WithoutCancel(ctx), f) })
	if err != nil {
		return nil, fmt.Errorf("rank pairs: %w", err)
	}
	var sel []detente.PairSummary
	for _, p := range all.pairs {
		if f.Country == "" || p.Pair.A == f.Country || p.Pair.B == f.Country {
			sel = append(sel, p)
		}
	}
	// A copy: the page's last alerts are set on it, not on the kept
	// ranking.
	out := append([]detente.PairSummary{}, tension.Page(sel, f.Offset, n)...)
	if err := s.lastAlerts(ctx, out, all.end); err != nil {
		return nil, fmt.Errorf("rank pairs: %w", err)
	}
	return out, nil
}

// rankPairs ranks every pair of f's kind as of f's day.
func (s *Store) rankPairs(ctx context.Context, f detente.PairFilter) (ranking, error) {
	asOf := f.AsOf
	start, end := day(tension.RankWindow(asOf)), day(asOf)
	// The window's days of each pair, and the last day before it, whose
	// state the window's first days carry forward: that day is found once
	// a pair (materialized, as PostgreSQL otherwise joins the pairs' days
	// first and looks it up again for each of them: at a million events
	// 156,964 look-ups, 0.5-0.96 s, against 0.15 s), and read by its key.
	// The window's days are read as one range of days, apart: joined to
	// the pairs by a range from that day, PostgreSQL scanned the whole
	// table (10 M events, 1.3 M pair days: 0.38-0.67 s).
	days, err := sqlscan.Query(ctx, s.read, sqlscan.TensionDay, `WITH w AS MATERIALIZED (
		SELECT b.pair, (SELECT MAX(l.day) FROM tension_days l WHERE l.pair = b.pair AND l.day < ?) AS since
		FROM (SELECT pair FROM tension_days WHERE day BETWEEN ? AND ?
			AND (`+s.d.Strpos+`(pair, '>') > 0) = ?
			GROUP BY pair) b)
		SELECT `+sqlscan.Qualified("d", sqlscan.DayColumns)+` FROM w JOIN tension_days d ON d.pair = w.pair AND d.day = w.since
		UNION ALL
		SELECT `+sqlscan.DayColumns+` FROM tension_days WHERE day BETWEEN ? AND ? AND (`+s.d.Strpos+`(pair, '>') > 0) = ?
		ORDER BY 1, 2`,
		start, start, end, f.Directed, start, end, f.Directed)
	if err != nil {
		return ranking{}, err
	}
	alerted, err := sqlscan.Set(ctx, s.read, `SELECT DISTINCT pair FROM tension_alerts WHERE detected BETWEEN ? AND ?`, start, end)
	if err != nil {
		return ranking{}, err
	}
	return ranking{end: end, pairs: tension.RankPairs(days, detente.PairFilter{Directed: f.Directed}, asOf, alerted)}, nil
}

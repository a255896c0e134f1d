package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/detente-project/detente/internal/sqlscan"
)

// statShares is what ANALYZE's statistics of a full-text index say of its
// months: the share of its rows that each month's lexeme is found in, as
// the index's most common elements give it, the month of the last
// ANALYZE of sentences, and the month they were read in.
type statShares struct {
	analyzed int             // publication_month of the last ANALYZE; 0 for none
	current  int             // publication_month of the time they were read
	shares   map[int]float64 // by month; never changed once read
}

// readShares reads the statistics of the full-text index index
// (sentencesIndex, eventSentencesIndex; migrations 0190, 0210) on db.
func readShares(ctx context.Context, db sqlscan.Querier, index string) (statShares, error) {
	type share struct {
		analyzed, current int
		month             sql.NullString
		of                sql.NullFloat64
	}
	rows, err := sqlscan.Query(ctx, db, func(sc sqlscan.Scanner) (share, error) {
		var s share
		return s, sc.Scan(&s.analyzed, &s.current, &s.month, &s.of)
	}, `SELECT coalesce(publication_month(greatest(t.last_analyze, t.last_autoanalyze)), 0), publication_month(now()), m.e, m.f
		FROM pg_stat_user_tables t LEFT JOIN (SELECT e, f FROM pg_stats,
			unnest(most_common_elems::text::text[], most_common_elem_freqs) AS u(e, f)
			WHERE schemaname = current_schema() AND tablename = ? AND e LIKE 'M%') m ON true
		WHERE t.relid = 'sentences'::regclass`, index)
	if err != nil {
		return statShares{}, fmt.Errorf("month shares of %s: %w", index, err)
	}
	st := statShares{shares: make(map[int]float64, len(rows))}
	for _, r := range rows {
		st.analyzed, st.current = r.analyzed, r.current
		if m, err := strconv.Atoi(strings.TrimPrefix(r.month.String, "M")); err == nil && r.of.Valid {
			st.shares[m] = r.of.Float64
		}
	}
	return st, nil
}

// upTo returns the shares by month up to newest: those the statistics
// hold, none before the index's first ANALYZE, and none for a month too
// rare to be among its most common elements, as one of a few articles
// past a gap in the news. The months after that of the last ANALYZE, up
// to newest, which the statistics have not seen, are given the mean share
// of those they have: a store whose statistics are months old
// (PostgreSQL's autovacuum analyzes a table after a tenth of its rows
// change, about three months of news on bench scale's store of ten
// million events) would otherwise read its newest months of matches, all
// of them, in every first span. But a month after the one they were read
// in holds no news, only articles misdated into the future, and has no
// share: given the mean, a few such articles dated years ahead made the
// spans of every search read empty months until they read all of its
// matches at once (bench scale's store of ten million events, after
// ingests of the demo pages as later news: 8 requests/s, the searches'
// p99 40-60 s).
func (st statShares) upTo(newest int) map[int]float64 {
	newest = min(newest, max(st.current, st.analyzed))
	shares := make(map[int]float64, len(st.shares)+max(0, newest-st.analyzed))
	all := 0.0
	for m, of := range st.shares {
		shares[m] = of
		all += of
	}
	if len(shares) == 0 {
		return shares
	}
	mean := all / float64(len(shares))
	for m := st.analyzed + 1; m <= newest; m++ {
		if shares[m] == 0 {
			shares[m] = mean
		}
	}
	return shares
}

// monthShares returns the share of the rows of the full-text index index
// that each month's lexeme is found in, by month up to newest
// (statShares.upTo), from s's cache of the statistics. Read for every
// search that reads spans of months, they took 0.4 ms a search, 13 % of
// PostgreSQL's statement time for the searches of articles and 5 % for
// those of events on bench scale's store of a million events (one
// client, every statement logged).
func (s search) monthShares(ctx context.Context, db sqlscan.Querier, index string, newest int) (map[int]float64, error) {
	st, err := s.shares.get(index, func() (statShares, error) { return readShares(ctx, db, index) })
	if err != nil {
		return nil, err
	}
	return st.upTo(newest), nil
}

// dayShares returns the share of the rows of the full-text index index
// that each day from newest down to oldest (publication_day) holds: each
// month's share (monthShares) spread evenly over its days between oldest
// and newest. A day's lexeme (migration 0290) is too rare to be among the
// index's most common elements, which the statistics keep; its month's is
// not.
func (s search) dayShares(ctx context.Context, db sqlscan.Querier, index string, newest, oldest int) (map[int]float64, error) {
	months, err := s.monthShares(ctx, db, index, monthOfDay(newest))
	if err != nil {
		return nil, err
	}
	return spreadOverDays(months, newest, oldest), nil
}

// spreadOverDays returns the shares by month spread evenly over the days
// of each month from newest down to oldest (publication_day): none for a
// day of a month without a share.
func spreadOverDays(months map[int]float64, newest, oldest int) map[int]float64 {
	shares := make(map[int]float64, newest-oldest+1)
	for d := newest; d >= oldest; {
		m := monthOfDay(d)
		first, last := daysOfMonth(m)
		first, last = max(first, oldest), min(last, newest)
		if of := months[m]; of > 0 {
			for day := first; day <= last; day++ {
				shares[day] = of / float64(last-first+1)
			}
		}
		d = first - 1
	}
	return shares
}

package postgres_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// TestNewestEventsBySpans checks the search of events narrowed by dates
// alone that reads the newest months of matches first: each of the first
// pages, walked by its cursor, is what a join of all the matches gives,
// whatever the word, page size and dates; the spans select the first
// events of the page; and an event dated after its article, whose month is
// not its sentence's, turns them off rather than be left out.
func TestNewestEventsBySpans(t *testing.T) {
	ctx := context.Background()
	// 900 articles over 300 days of 2025, three a day: "6" is in the
	// seventh sentence of each, which holds a counted event.
	docs := storetest.BenchDocs("spans", 900)
	s := pgtest.Open(t, "spans")
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	check := func(name string) {
		t.Helper()
		for _, query := range []string{"6", "officials", "officials border", "417"} {
			for _, limit := range []int{1, 50, 200} {
				for _, f := range []detente.EventFilter{{}, {From: day("2025-03-10"), To: day("2025-06-20")}} {
					f.Query, f.Limit = query, limit
					want := matching(t, s, f)
					var got []string
					for _, e := range storetest.PagesOf(t, s, f, 5) {
						got = append(got, e.ID)
					}
					want = want[:min(len(want), 5*limit)]
					if !slices.Equal(got, want) {
						t.Errorf("%s: %q, pages of %d, %s to %s: %d events, want %d (%v, want %v)", name, query, limit,
							f.From.Format(time.DateOnly), f.To.Format(time.DateOnly), len(got), len(want), head(got), head(want))
					}
				}
			}
		}
	}
	check("spans")
	checkNewestSpans(t, "NewestEvents", matching(t, s, detente.EventFilter{Query: "6"}), func(limit int) ([]string, bool, error) {
		return postgres.NewestEvents(ctx, s, "6", limit)
	})
	// An article of January whose event is dated a year later.
	late := storetest.BenchDocs("late", 1)
	late[0].Events[3].Date = late[0].Events[3].Date.AddDate(1, 0, 0)
	if err := s.WriteDocuments(ctx, late); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := postgres.NewestEvents(ctx, s, "6", 50); ok || err != nil {
		t.Errorf("NewestEvents with a misdated event: ok %v, %v; want not ok", ok, err)
	}
	check("a misdated event")
}

// TestNewestMatches checks the search of events read at once that joins
// only its newest matches to their events: when ok, its events are the
// first of a join of all the matches, whatever the words, the pair, the
// page size and how many matches it reads, every match of the last day
// read kept; it is ok whenever the matches read hold a page; and not ok
// when they hold too few counted events.
func TestNewestMatches(t *testing.T) {
	ctx := context.Background()
	// 900 articles over 300 days of 2025, three a day: "6" is in the
	// seventh sentence of each, which holds a counted event, "10" in the
	// eleventh, whose event is negated and so not counted.
	s := openBench(t, "newestmatches", 900)
	all := func(query string, pair [2]string) []string {
		t.Helper()
		q := `SELECT e.id FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
			WHERE e.counted AND s.has_event AND s.tsv @@ plainto_tsquery('simple', $1)`
		args := []any{query}
		if pair[0] != "" {
			q += ` AND EXISTS (SELECT 1 FROM events p WHERE p.article_id = s.article_id AND p.sentence_idx = s.idx
				AND ((p.source_country = $2 AND p.target_country = $3) OR (p.source_country = $3 AND p.target_country = $2)))`
			args = append(args, pair[0], pair[1])
		}
		ids, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, q+` ORDER BY e.day DESC, e.id DESC`, args...)
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	// The newest article's event of its seventh sentence is of Israel
	// and China.
	israelChina := [2]string{"ISR", "CHN"}
	for _, c := range []struct {
		query string
		pair  [2]string
	}{{"6", [2]string{}}, {"officials talks", [2]string{}}, {"6", israelChina}, {"officials", israelChina}, {"10", [2]string{}}} {
		want := all(c.query, c.pair)
		if len(want) == 0 {
			t.Fatalf("%q %v: no counted event in the matches", c.query, c.pair)
		}
		for _, limit := range []int{1, 7, 50} {
			// Read 7 of "6", three matches a day, the last day's two
			// others must be read for the page's seventh event, the
			// newest day's last by ID.
			for _, read := range []int{limit, 7, 5 * limit} {
				got, ok, err := postgres.NewestMatches(ctx, s, c.query, c.pair, read, limit)
				if err != nil {
					t.Fatal(err)
				}
				if ok && !slices.Equal(got, want[:min(limit, len(want))]) {
					t.Errorf("%q %v, %d of %d matches read: %v, want %v", c.query, c.pair, limit, read, head(got), head(want))
				}
				if c.query == "6" && c.pair[0] == "" && read >= limit && !ok {
					t.Errorf("%q, %d of %d matches read, each with a counted event: not ok", c.query, limit, read)
				}
				if c.query == "10" && ok {
					t.Errorf("%q, %d of %d matches read, few with a counted event: ok, %v", c.query, limit, read, head(got))
				}
			}
		}
	}
}

// TestNewestArticlesBySpans checks the search of articles that reads the
// newest days of matches first (migrations 0230, 0300): each of the first
// pages, walked by its cursor, is what a sort of all the matches gives,
// whatever the words, page size and dates; and the spans select the
// first articles of the page.
func TestNewestArticlesBySpans(t *testing.T) {
	ctx := context.Background()
	// 900 articles over 300 days of 2025, three a day, each with "6".
	s := pgtest.Open(t, "articlespans")
	if err := s.WriteDocuments(ctx, storetest.BenchDocs("articlespans", 900)); err != nil {
		t.Fatal(err)
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"6", "officials", "officials border", "417", "nowhere"} {
		for _, limit := range []int{1, 50, 200} {
			for _, f := range []detente.ArticleFilter{{}, {From: day("2025-03-10"), To: day("2025-06-20")}} {
				f.Query, f.Limit = query, limit
				want := matchingArticles(t, s, f)
				want = want[:min(len(want), 5*limit)]
				if got := storetest.ArticlePagesOf(t, s, f, 5); !slices.Equal(got, want) {
					t.Errorf("%q, pages of %d, %s to %s: %d articles, want %d (%v, want %v)", query, limit,
						f.From.Format(time.DateOnly), f.To.Format(time.DateOnly), len(got), len(want), head(got), head(want))
				}
			}
		}
	}
	checkNewestSpans(t, "NewestArticles", matchingArticles(t, s, detente.ArticleFilter{Query: "6"}), func(limit int) ([]string, bool, error) {
		return postgres.NewestArticles(ctx, s, "6", limit)
	})
}

// TestSpansPastAGap checks the months' shares of the sentences that hold
// an event, which size the first span of a search (firstSpan), on a store
// whose newest articles come after months of none: every month of the
// stories before the gap has its share, together nearly all, no month of
// the gap has one, and no month after the clock's, which holds only
// misdated articles, has one either (statShares.upTo gives the months
// after the statistics but not after the clock the mean share); and the
// spans still select the first events of a page.
func TestSpansPastAGap(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Open(t, "spansgap")
	// 600 articles over 200 days of 2025, then 3 in September 2026.
	docs := append(storetest.BenchDocs("before", 600), storetest.BenchDocs("after", 3)...)
	for i := range docs[600:] {
		d := &docs[600+i]
		d.Article.Published = d.Article.Published.AddDate(1, 8, 0)
		for j := range d.Events {
			d.Events[j].Date = d.Events[j].Date.AddDate(1, 8, 0)
		}
	}
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	month := func(year int, m time.Month) int { return year*12 + int(m) - 1 } // publication_month
	now := time.Now().UTC()
	analyzed := month(now.Year(), now.Month())
	shares, err := postgres.EventMonthShares(ctx, s, analyzed+3)
	if err != nil {
		t.Fatal(err)
	}
	held := 0.0
	for m := time.January; m <= time.July; m++ {
		if shares[month(2025, m)] == 0 {
			t.Errorf("no share for %s 2025 (shares %v)", m, shares)
		}
		held += shares[month(2025, m)]
	}
	if held < 0.95 {
		t.Errorf("the months of 2025 hold %.3f of the sentences with an event, want nearly all (shares %v)", held, shares)
	}
	for m := month(2025, time.August); m < month(2026, time.September); m++ {
		if shares[m] != 0 {
			t.Errorf("month %d of the gap has share %v", m, shares[m])
		}
	}
	// The statistics were taken this month: the months after it are
	// after the clock's too.
	for m := analyzed + 1; m <= analyzed+4; m++ {
		if of, ok := shares[m]; ok {
			t.Errorf("month %d, after the clock's, has share %v", m, of)
		}
	}
	checkNewestSpans(t, "NewestEvents", matching(t, s, detente.EventFilter{Query: "6"}), func(limit int) ([]string, bool, error) {
		return postgres.NewestEvents(ctx, s, "6", limit)
	})
}

// checkNewestSpans checks the IDs that the newest spans of matches select
// for "6" (newest, a page of limit) against all, every match in the
// page's order: ok for a page of one, which the newest month holds, not
// ok when the matches are no more than a page, and when ok the first
// limit of them. Larger pages, which take more months, may be read from
// all the matches at once instead (firstSpan, atOnce).
func checkNewestSpans(t *testing.T, name string, all []string, newest func(limit int) ([]string, bool, error)) {
	t.Helper()
	for _, limit := range []int{1, 50, 200, 1000} {
		ids, ok, err := newest(limit)
		want := all[:min(limit, len(all))]
		if err != nil || ok && !slices.Equal(ids, want) || ok && limit >= len(all) || !ok && limit == 1 {
			t.Errorf("%s(6, %d) = %d IDs %v, %v, %v; want %v, and ok for a page of one", name, limit, len(ids),
				head(ids), ok, err, head(want))
		}
	}
}

// TestMisdatedEvents checks that an event dated off its article's day is
// recorded, by the writer and by migration 0200 in a store written before
// it.
func TestMisdatedEvents(t *testing.T) {
	ctx := context.Background()
	docs := storetest.BenchDocs("misdated", 2)
	late := &docs[1].Events[0]
	late.Date = late.Date.AddDate(0, 0, 1)
	u := pgtest.URL(t, "misdated")
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	misdated := func(s *postgres.Store) []string {
		t.Helper()
		ids, err := sqlscan.Query(ctx, s.DB(), sqlscan.String, `SELECT id FROM misdated_events`)
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if got := misdated(s); len(got) != 1 || got[0] != late.ID {
		t.Errorf("misdated events written: %v, want [%s]", got, late.ID)
	}
	s = migrateAgain(t, s, u, `DROP TABLE misdated_events; DELETE FROM schema_migrations WHERE version = 200`)
	if got := misdated(s); len(got) != 1 || got[0] != late.ID {
		t.Errorf("misdated events after migration 0200: %v, want [%s]", got, late.ID)
	}
}

// matching returns the IDs of the events f selects, newest first, from
// a join of every event with its sentence.
func matching(t *testing.T, s *postgres.Store, f detente.EventFilter) []string {
	t.Helper()
	q := `SELECT e.id FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
		WHERE e.counted AND s.tsv @@ plainto_tsquery('simple', $1)`
	args := []any{f.Query}
	if !f.From.IsZero() {
		q += ` AND e.day BETWEEN $2 AND $3`
		args = append(args, f.From, f.To)
	}
	ids, err := sqlscan.Query(context.Background(), s.DB(), sqlscan.String, q+` ORDER BY e.day DESC, e.id DESC`, args...)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// matchingArticles returns the IDs of the articles f selects, newest
// first, from a sort of every article that matches.
func matchingArticles(t *testing.T, s *postgres.Store, f detente.ArticleFilter) []string {
	t.Helper()
	q := `SELECT id FROM articles WHERE tsv @@ plainto_tsquery('simple', $1)`
	args := []any{f.Query}
	if !f.From.IsZero() {
		q += ` AND published >= $2 AND published < $3`
		args = append(args, f.From, f.To.AddDate(0, 0, 1))
	}
	ids, err := sqlscan.Query(context.Background(), s.DB(), sqlscan.String, q+` ORDER BY published DESC, id DESC`, args...)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// head returns the first few of ids.
func head(ids []string) []string { return ids[:min(len(ids), 3)] }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/tension"
)

// CountryArticles are the running article counts of country-days
// (table country_articles) that one write transaction adds: for each
// country and day, the stored articles with an event involving the
// country that day, and of those the articles reporting a
// tension.RiskRoots event, negated and hypothetical events left out. The
// stores keep these counts as they write, so that the country index's
// incremental update reads one row per day it updates, not the day's
// events.
type CountryArticles map[countryDay]*[2]int // articles, risk

// countryDay is one row of country_articles.
type countryDay struct{ country, day string }

// isRisk says which CAMEO roots make an article a risk article.
var isRisk = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range tension.RiskRoots {
		m[r] = true
	}
	return m
}()

// Add counts d, an article stored in this transaction, once in each
// country-day its events involve. Call it only for articles written, not
// for those skipped as stored before.
func (c CountryArticles) Add(d *detente.Document) {
	risk := map[countryDay]bool{}
	for _, e := range d.Events {
		if e.Negated || e.Hypothetical {
			continue
		}
		at := e.Date
		if at.IsZero() {
			at = d.Article.Published // as StoryEvents stores it
		}
		for _, country := range []string{e.Source.Country, e.Target.Country} {
			if country == "" {
				continue
			}
			k := countryDay{country, sqlscan.FormatDay(at)}
			risk[k] = risk[k] || isRisk[e.Root]
		}
	}
	for k, r := range risk {
		n := c[k]
		if n == nil {
			n = &[2]int{}
			c[k] = n
		}
		n[0]++
		if r {
			n[1]++
		}
	}
}

// Save adds the counts to country_articles in tx, in the order of their
// keys so that writers in other processes that save at the same time take
// the rows' locks in one order and cannot deadlock: in one statement where
// the database takes arrays, a statement a row otherwise. Call it last in
// the transaction: the rows stay locked until it ends.
func (c CountryArticles) Save(ctx context.Context, t *sql.Tx, d Dialect) error {
	if len(c) == 0 {
		return nil
	}
	keys := make([]countryDay, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b countryDay) int {
		return strings.Compare(a.country+" "+a.day, b.country+" "+b.day)
	})
	const upsert = ` ON CONFLICT (country, day) DO UPDATE
		SET articles = country_articles.articles + excluded.articles, risk = country_articles.risk + excluded.risk`
	if d.Arrays {
		countries, days := make([]string, len(keys)), make([]string, len(keys))
		articles, risk := make([]int32, len(keys)), make([]int32, len(keys))
		for i, k := range keys {
			countries[i], days[i], articles[i], risk[i] = k.country, k.day, int32(c[k][0]), int32(c[k][1])
		}
		// The rows are inserted, and their locks taken, in the arrays'
		// order.
		_, err := t.ExecContext(ctx, rebind(`INSERT INTO country_articles (country, day, articles, risk)
			SELECT country, day, articles, risk
			FROM unnest(?::text[], ?::date[], ?::int[], ?::int[]) WITH ORDINALITY AS k(country, day, articles, risk, n)
			ORDER BY n`+upsert, d.Numbered), countries, days, articles, risk)
		return err
	}
	st, err := t.PrepareContext(ctx, rebind(`INSERT INTO country_articles (country, day, articles, risk)
		VALUES (?, `+d.DayArg+`, ?, ?)`+upsert, d.Numbered))
	if err != nil {
		return err
	}
	defer st.Close()
	for _, k := range keys {
		if _, err := st.ExecContext(ctx, k.country, k.day, c[k][0], c[k][1]); err != nil {
			return err
		}
	}
	return nil
}

// riskList is tension.RiskRoots as an SQL list of literals.
func riskList() string { return "'" + strings.Join(tension.RiskRoots, "','") + "'" }

// recountCountries fills country_articles afresh from the stored events,
// for a rebuild: whatever the running counts hold, a rebuild derives
// everything from the events.
func (s *Store) recountCountries(ctx context.Context) error {
	t, err := s.write.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
	for _, q := range s.d.Clear("country_articles") {
		if _, err := t.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	both := `SELECT source_country AS country, day, article_id, root FROM events
			WHERE negated = ` + s.d.False + ` AND hypothetical = ` + s.d.False + ` AND source_country <> ''
		UNION ALL SELECT target_country, day, article_id, root FROM events
			WHERE negated = ` + s.d.False + ` AND hypothetical = ` + s.d.False + ` AND target_country <> ''`
	if _, err := t.ExecContext(ctx, `INSERT INTO country_articles (country, day, articles, risk)
		SELECT country, day, COUNT(DISTINCT article_id), COUNT(DISTINCT CASE WHEN root IN (`+riskList()+`) THEN article_id END)
		FROM (`+both+`) e GROUP BY country, day`); err != nil {
		return err
	}
	return t.Commit()
}

// countryCounts returns the stored counts of a country on the given days
// that have articles.
func (s *Store) countryCounts(ctx context.Context, country string, ds []time.Time) ([]tension.CountryDay, error) {
	var out []tension.CountryDay
	scan := func(sc sqlscan.Scanner) (tension.CountryDay, error) {
		d := tension.CountryDay{Country: country}
		var at sqlscan.Time
		if err := sc.Scan(&at, &d.Articles, &d.Risk); err != nil {
			return d, err
		}
		var err error
		d.Day, err = at.Day()
		return d, err
	}
	err := inLists(s.d, "day", "date", days(ds), func(in string, args []any) error {
		cds, err := sqlscan.Query(ctx, s.updates, scan, `SELECT day, articles, risk FROM country_articles
			WHERE country = ? AND articles > 0 AND `+in+` ORDER BY day`, append([]any{country}, args...)...)
		out = append(out, cds...)
		return err
	})
	return out, err
}

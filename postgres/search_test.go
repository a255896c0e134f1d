package postgres_test

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// TestEventSearchPlans checks how a page of events of a search reads the
// sentences: one that walks events (a common word) checks each event's
// sentence against the words alone, building no tsvector of words and
// month per event, and one that starts from the matches (a rare word)
// reads them from the full-text index of words and month (migration
// 0190), which a condition on the words alone cannot use, of only the
// sentences that hold an event (migration 0210).
func TestEventSearchPlans(t *testing.T) {
	s := openBench(t, "plans", 300)
	planOf := func(query string, p sqlstore.Plan, order string) string {
		t.Helper()
		cond, args, err := postgres.EventsMatching(query, p)
		if err != nil {
			t.Fatal(err)
		}
		// Told to use an index where one serves the condition.
		return explain(t, s, "enable_seqscan", `SELECT id FROM events WHERE `+cond+` ORDER BY `+order+` LIMIT 20`, args...)
	}
	for _, p := range []sqlstore.Plan{sqlstore.WalkByDay, sqlstore.LookUp} {
		if plan := planOf("officials", p, "day DESC, id DESC"); strings.Contains(plan, "month") {
			t.Errorf("plan %d walks events checking words and month:\n%s", p, plan)
		}
	}
	if plan := planOf("zanzibar", sqlstore.FromSearch, "day + 0 DESC, id DESC"); !strings.Contains(plan, "sentences_event_tsv") {
		t.Errorf("a rare word's page does not start from the full-text index's matches that hold an event:\n%s", plan)
	}
}

// TestArticleSearchPlans checks that a page of a search of articles that
// is not dense gathers its matches first, rather than walk articles
// newest first and read each one's tsvector, and that a dense one walks.
func TestArticleSearchPlans(t *testing.T) {
	s := openBench(t, "articleplans", 300)
	planOf := func(query string, p sqlstore.Plan) string {
		t.Helper()
		cond, args, err := postgres.ArticlesMatching(query, p)
		if err != nil {
			t.Fatal(err)
		}
		// Told to avoid a sort, as a large store's planner would.
		return explain(t, s, "enable_sort", `SELECT id FROM articles WHERE `+cond+` ORDER BY published DESC, id DESC LIMIT 20`, args...)
	}
	// The matches, gathered, are a second scan of the articles.
	gathered := func(plan string) bool { return strings.Contains(plan, "articles articles_1") }
	if plan := planOf("zanzibar", sqlstore.FromSearch); !gathered(plan) {
		t.Errorf("a rare word's page does not gather its matches first:\n%s", plan)
	}
	if plan := planOf("officials", sqlstore.WalkByDay); gathered(plan) {
		t.Errorf("a common word's page does not walk the articles:\n%s", plan)
	}
}

// TestIndexesCover checks that a list of events of a type narrowed by an
// actor checks each event in the index it walks alone, whichever of the
// two it walks: by type, the actors' countries and agents (migration
// 0220); by an actor's country, the type (migration 0310). The other
// index is dropped in the plan's transaction, so that only one can serve.
func TestIndexesCover(t *testing.T) {
	s := openBench(t, "cover", 300)
	for _, c := range []struct{ where, drop, index string }{
		{"root = '04' AND source_country = 'IRN'", "events_source", "events_root"},
		{"code = '042' AND target_country = 'USA'", "events_target", "events_code"},
		{"quad = 1 AND (source_agent = 'GOV' OR target_agent = 'GOV')", "", "events_quad"},
		{"source_country = 'IRN' AND root = '04'", "events_root", "events_source"},
		{"target_country = 'USA' AND quad = 1", "events_quad", "events_target"},
		{"source_country = 'IRN' AND code = '042'", "events_code", "events_source"},
	} {
		var plan []string
		plannerOff(t, s, "enable_bitmapscan", func(tx *sql.Tx) {
			ctx := context.Background()
			if c.drop != "" {
				if _, err := tx.ExecContext(ctx, `DROP INDEX `+c.drop); err != nil {
					t.Fatal(err)
				}
			}
			var err error
			if plan, err = sqlscan.Query(ctx, tx, sqlscan.String, `EXPLAIN SELECT id FROM events WHERE counted = true AND `+c.where+
				` ORDER BY day DESC, id DESC LIMIT 20`); err != nil {
				t.Fatal(err)
			}
		})
		if p := strings.Join(plan, "\n"); !strings.Contains(p, "Index Only Scan Backward using "+c.index) {
			t.Errorf("%s: not checked in %s alone:\n%s", c.where, c.index, p)
		}
	}
}

// TestCountMatches checks that a count of a search's matches that reads
// sentences in order matches each by its own tsvector, building no terms
// of words and month per sentence read, that one from the full-text index
// matches the index's terms, and that both count the same.
func TestCountMatches(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "count", 300)
	count := func(off, query string, limit int) (n int, counted string) {
		t.Helper()
		plannerOff(t, s, off, func(tx *sql.Tx) {
			var err error
			if n, counted, err = postgres.CountMatches(ctx, tx, query, limit); err != nil {
				t.Fatalf("count %q with %s off: %v", query, off, err)
			}
		})
		return n, counted
	}
	for _, c := range []struct {
		query string
		limit int
		some  bool // matches at least one sentence
	}{
		{"officials", 5000, true},
		{"officials", 5, true},
		{`"officials talks"`, 5000, true},
		{"security OR zanzibar", 5000, true},
		{"trade -week", 5000, true},
		{`"talks officials"`, 5000, false},
		{"zanzibar", 5000, false},
	} {
		fromIndex, byTerms := count("enable_seqscan", c.query, c.limit)
		inOrder, byTsvector := count("enable_bitmapscan", c.query, c.limit)
		if !strings.Contains(byTerms, "('M' ||") {
			t.Errorf("%q: a count from the index does not match the index's terms: %s", c.query, byTerms)
		}
		if strings.Contains(byTsvector, "('M' ||") {
			t.Errorf("%q: a count reading sentences in order builds each one's terms: %s", c.query, byTsvector)
		}
		if fromIndex != inOrder || fromIndex > c.limit || (fromIndex > 0) != c.some {
			t.Errorf("%q up to %d: %d from the index, %d in order; want the same, some: %v", c.query, c.limit, fromIndex, inOrder, c.some)
		}
	}
	if n, _ := count("enable_seqscan", "officials", 5); n != 5 {
		t.Errorf("count of a common word up to 5 = %d", n)
	}
}

// TestCountMatchesBySpans checks that a count of a search's matches in
// spans of days, newest first, however long its first span, finds up
// to each limit what a count of them all at once finds, and that a common
// word is counted from its newest days, their lexemes in the statement,
// unless the planner would read sentences in order.
func TestCountMatchesBySpans(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "countspans", 600)
	for _, query := range []string{"officials", "officials talks", "security OR zanzibar", "trade -week", "zanzibar"} {
		for _, limit := range []int{1, 5, 40, 150, 400, 5000} {
			want, _, err := postgres.CountMatches(ctx, s.DB(), query, limit)
			if err != nil {
				t.Fatal(err)
			}
			for _, first := range []int{0, 1, 2, 3, 40} {
				if n, err := postgres.CountNewest(ctx, s, query, first, limit); err != nil || n != want {
					t.Errorf("%q up to %d, first span %d days: %d, %v; want %d, as counted at once", query, limit, first, n, err, want)
				}
			}
		}
	}
	// Planned from the index, a common word is counted from its newest
	// days; planned in order, by reading sentences in order, each
	// matched by its tsvector.
	for _, c := range []struct {
		off   string
		spans bool
	}{{"enable_seqscan", true}, {"enable_bitmapscan", false}} {
		plannerOff(t, s, c.off, func(tx *sql.Tx) {
			n, queries, err := postgres.CountMatchesBySpans(ctx, tx, "officials", 5)
			spans := slices.ContainsFunc(queries, func(q string) bool { return strings.Contains(q, "::tsquery)") })
			walked := slices.ContainsFunc(queries, func(q string) bool { return strings.Contains(q, "WHERE s.tsv @@") })
			if err != nil || n != 5 || spans != c.spans || walked == c.spans {
				t.Errorf("%s off: count of a common word up to 5 = %d, %v, from its newest days %v, want 5, %v; ran %q",
					c.off, n, err, spans, c.spans, queries)
			}
		})
	}
}

// TestPlansKept checks that a search asks the planner for the plans that
// weigh it once per search until StatsTTL has passed, and counts the
// same with the plans kept.
func TestPlansKept(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "planskept", 300)
	now := time.Date(2030, time.January, 1, 0, 0, 0, 0, time.UTC)
	count := postgres.CountMatchesPlanned(func() time.Time { return now })
	explains := func(query string) (int, int) {
		t.Helper()
		n, queries, err := count(ctx, s.DB(), query, 40)
		if err != nil {
			t.Fatal(err)
		}
		return n, len(slices.DeleteFunc(queries, func(q string) bool { return !strings.HasPrefix(q, "EXPLAIN") }))
	}
	want, first := explains("officials")
	if first == 0 {
		t.Fatal("the first count of a word asked the planner nothing")
	}
	now = now.Add(postgres.StatsTTL - time.Second)
	if n, again := explains("officials"); n != want || again != 0 {
		t.Errorf("within %v: count %d asking the planner %d times, want %d asking none", postgres.StatsTTL, n, again, want)
	}
	if _, other := explains("talks"); other == 0 {
		t.Error("another word's count asked the planner nothing")
	}
	now = now.Add(time.Second)
	if n, again := explains("officials"); n != want || again != first {
		t.Errorf("after %v: count %d asking the planner %d times, want %d asking %d", postgres.StatsTTL, n, again, want, first)
	}
}

// TestDenseWalk checks that a dense search walks articles newest first
// and looks up each one's sentences by its key, never reading the
// sentences that match on their own, and finds what a search read from
// the matches finds, in the same order.
func TestDenseWalk(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "walk", 300)
	for _, query := range []string{"officials", "officials talks", "report 17", "zanzibar"} {
		from, args, err := postgres.DenseWalk(query)
		if err != nil {
			t.Fatal(err)
		}
		plan := explain(t, s, "enable_sort", `SELECT s.article_id, s.idx FROM `+from+` ORDER BY a.published DESC, a.id DESC, s.idx LIMIT 20`, args...)
		if !strings.Contains(plan, "sentences_pkey") || strings.Contains(plan, "Materialize") || strings.Contains(plan, "Hash") {
			t.Errorf("%q: the walk does not look up each article's sentences:\n%s", query, plan)
		}
		for _, limit := range []int{5, 200} {
			sq := sqlstore.SentenceQuery{Query: query, Limit: limit}
			want, err := postgres.Sentences(ctx, s, sq)
			if err != nil {
				t.Fatal(err)
			}
			sq.Dense = true
			got, err := postgres.Sentences(ctx, s, sq)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q, %d: the walk found %d sentences, want the %d of the matches:\n%v\nwant\n%v", query, limit, len(got), len(want), got, want)
			}
		}
	}
}

// TestDaysAsTheDatabase checks that the store's Go code numbers days and
// months as the database's publication_day and publication_month do
// (migrations 0190, 0290), whose lexemes a span of days reads: at the
// turn of a day, a month and a leap day, before 1970, and for a time
// given in another zone.
func TestDaysAsTheDatabase(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Open(t, "days")
	east := time.FixedZone("UTC+3", 3*3600)
	for _, at := range []time.Time{
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 23, 59, 59, 999_000_000, time.UTC),
		time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 4, 30, 23, 59, 59, 0, time.UTC),
		time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 5, 1, 1, 30, 0, 0, east),
	} {
		var day, month int
		if err := s.DB().QueryRowContext(ctx, `SELECT publication_day($1), publication_month($1)`, at).Scan(&day, &month); err != nil {
			t.Fatal(err)
		}
		if d, m := postgres.Unit(at); d != day || m != month {
			t.Errorf("%v: Go's day %d and month %d, the database's %d and %d", at, d, m, day, month)
		}
	}
}

// TestSentenceDays checks migration 0290 on a store written before it:
// every sentence gets its article's day of publication, as the writer
// gives it, the full-text indexes of sentences serve a span of days, and
// the searches of sentences, of events and the counts find what they
// found before.
func TestSentenceDays(t *testing.T) {
	ctx := context.Background()
	s, url := openCorpus(t, "sentencedays")
	type found struct {
		sentences []string
		events    []string
		count     int
	}
	search := func(when string) map[string]found {
		t.Helper()
		var wrong, dated int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE s.day <> publication_day(a.published)), count(*)
			FROM sentences s JOIN articles a ON a.id = s.article_id`).Scan(&wrong, &dated); err != nil {
			t.Fatal(err)
		}
		if dated == 0 || wrong != 0 {
			t.Errorf("%s: %d of %d sentences dated otherwise than their article", when, wrong, dated)
		}
		var newest int
		if err := s.DB().QueryRowContext(ctx, `SELECT max(day) FROM sentences`).Scan(&newest); err != nil {
			t.Fatal(err)
		}
		// The newest day's sentences of a word one of them with an event
		// holds, by the day's lexeme (cast from text, as the searches give
		// it, keeping its case) and by the column.
		var word string
		if err := s.DB().QueryRowContext(ctx, `SELECT min(u.lexeme) FROM sentences s, unnest(s.tsv) u
			WHERE s.day = $1 AND s.has_event AND u.lexeme ~ '^[a-z]+$'`, newest).Scan(&word); err != nil {
			t.Fatalf("%s: no word of the newest day's sentences with an event: %v", when, err)
		}
		for _, events := range []bool{false, true} {
			q := "('" + word + "'::tsquery && 'D" + strconv.Itoa(newest) + "'::tsquery)"
			search := `SELECT count(*) FROM sentences s WHERE ` + postgres.Matching(q, events)
			if index := map[bool]string{false: "sentences_tsv", true: "sentences_event_tsv"}[events]; !strings.Contains(
				explain(t, s, "enable_seqscan", search), index) {
				t.Errorf("%s: a search of a day's sentences does not read %s:\n%s", when, index, explain(t, s, "enable_seqscan", search))
			}
			var got, want int
			if err := s.DB().QueryRowContext(ctx, search).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM sentences s WHERE s.day = $1 AND (s.has_event OR NOT $2)
				AND s.tsv @@ $3::tsquery`, newest, events, word).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if got != want || want == 0 {
				t.Errorf("%s: the newest day's lexeme finds %d sentences of %q (with an event: %v), the day %d", when, got, word, events, want)
			}
		}
		got := map[string]found{}
		for _, word := range []string{"talks", "officials", "iran", "zanzibar"} {
			var f found
			hits, err := s.SearchSentences(ctx, word, detente.EventFilter{}, 50)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				f.sentences = append(f.sentences, h.Sentence.ArticleID+"/"+strconv.Itoa(h.Sentence.Index))
			}
			page, err := s.Events(ctx, detente.EventFilter{Query: word, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page.Events {
				f.events = append(f.events, e.ID)
			}
			if f.count, err = s.CountSentences(ctx, word, detente.EventFilter{}, 1000); err != nil {
				t.Fatal(err)
			}
			got[word] = f
		}
		return got
	}
	before := search("written")
	if len(before["talks"].sentences) == 0 || len(before["talks"].events) == 0 {
		t.Fatalf("no sentence or event of talks: %+v; the corpus has some", before["talks"])
	}
	s = migrateAgain(t, s, url, undoDays)
	after := search("migrated")
	for word, b := range before {
		a := after[word]
		if !slices.Equal(a.sentences, b.sentences) || !slices.Equal(a.events, b.events) || a.count != b.count {
			t.Errorf("%q after the migration: %+v; before it: %+v", word, a, b)
		}
	}
}

// TestArticleDays checks migration 0300 on a store written before it: the
// full-text index of articles serves a day's lexeme, and searches of
// articles give the same pages before and after.
func TestArticleDays(t *testing.T) {
	ctx := context.Background()
	s, url := openCorpus(t, "articledays")
	search := func(when string) map[string][]string {
		t.Helper()
		// The newest day's articles of a word one of them holds, by the
		// day's lexeme (cast from text, keeping its case) and by their
		// time of publication.
		var newest int
		var word string
		if err := s.DB().QueryRowContext(ctx, `SELECT d, (SELECT min(u.lexeme) FROM articles, unnest(tsv) u
			WHERE publication_day(published) = d AND u.lexeme ~ '^[a-z]+$')
			FROM (SELECT publication_day(max(published)) AS d FROM articles) n`).Scan(&newest, &word); err != nil {
			t.Fatalf("%s: no word of the newest day's articles: %v", when, err)
		}
		q := `SELECT count(*) FROM articles WHERE ` + postgres.ArticleTerms + ` @@ ('` + word + `'::tsquery && 'D` +
			strconv.Itoa(newest) + `'::tsquery)`
		if plan := explain(t, s, "enable_seqscan", q); !strings.Contains(plan, "articles_tsv") {
			t.Errorf("%s: a search of a day's articles does not read articles_tsv:\n%s", when, plan)
		}
		var got, want int
		if err := s.DB().QueryRowContext(ctx, q).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE publication_day(published) = $1
			AND tsv @@ $2::tsquery`, newest, word).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got != want || want == 0 {
			t.Errorf("%s: the newest day's lexeme finds %d articles of %q, the day %d", when, got, word, want)
		}
		pages := map[string][]string{}
		for _, word := range []string{"talks", "officials", "iran", "zanzibar"} {
			pages[word] = storetest.ArticlePagesOf(t, s, detente.ArticleFilter{Query: word, Limit: 5}, 3)
		}
		return pages
	}
	before := search("written")
	if len(before["talks"]) == 0 {
		t.Fatal("no article of talks; the corpus has some")
	}
	s = migrateAgain(t, s, url, undoArticleDays)
	after := search("migrated")
	for word, b := range before {
		if a := after[word]; !slices.Equal(a, b) {
			t.Errorf("%q after the migration: %v; before it: %v", word, a, b)
		}
	}
}

// TestNewestPage checks that a page of sentences chosen by their day
// first, every sentence of its last day kept, then sorted with their
// articles, is the page that joining every match to its article first
// finds (as a search narrowed by the articles' dates reads it), read at
// once and in spans, for words common and rare, with conditions on the
// sentences, and pages that end inside a day.
func TestNewestPage(t *testing.T) {
	ctx := context.Background()
	s := openBench(t, "newestpage", 300)
	matchesOfDay := func(query string, day int) int {
		t.Helper()
		var n int
		tsq := "phraseto_tsquery('simple', $2)"
		args := []any{day}
		for i, w := range strings.Fields(query) {
			if i > 0 {
				tsq += " && phraseto_tsquery('simple', $" + strconv.Itoa(i+2) + ")"
			}
			args = append(args, w)
		}
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM sentences s WHERE s.day = $1 AND s.tsv @@ (`+tsq+`)`,
			args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	cut := 0
	for _, query := range []string{"officials", "officials talks", "report", "zanzibar"} {
		for _, m := range []int{0, 100000} {
			for _, limit := range []int{1, 7, 51, 400} {
				for _, where := range []struct {
					cond string
					args []any
					held bool
				}{{}, {" AND s.idx > ?", []any{0}, false}, {"", nil, true}} {
					sq := sqlstore.SentenceQuery{Query: query, Limit: limit, Matches: m, Where: where.cond, Args: where.args, HoldEvents: where.held}
					got, err := postgres.Sentences(ctx, s, sq)
					if err != nil {
						t.Fatal(err)
					}
					sq.OnArticles = true
					want, err := postgres.Sentences(ctx, s, sq)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) {
						t.Errorf("%q, %d matches, %d, %+v: the day first found %d sentences, want the %d found with their articles:\n%v\nwant\n%v",
							query, m, limit, where, len(got), len(want), got, want)
					}
					if len(got) < limit {
						continue
					}
					last := got[len(got)-1].Date
					onPage := 0
					for _, h := range got {
						if h.Date.Truncate(24 * time.Hour).Equal(last.Truncate(24 * time.Hour)) {
							onPage++
						}
					}
					if where.cond == "" && !where.held && matchesOfDay(query, int(last.Unix()/86400)) > onPage {
						cut++
					}
				}
			}
		}
	}
	if cut == 0 {
		t.Error("no page ends inside a day: the test does not reach the sentences a day's ties add")
	}
}

package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
	"github.com/jackc/pgx/v5"
)

// statements counts the statements a connection sends the server to run,
// each a round trip. Preparations are not counted: a statement is
// prepared once on each connection, and which of the pool's connections a
// write gets depends on the warm probes holding others (a clean clone's
// CI once counted 19, 11 and 20 statements for 10, 25 and 50 articles;
// reasoned, not reproduced: the last write took a fresh connection and
// prepared its statements again). The probes that warm indexes beside a
// write (postgres.WarmProbes) are not counted either: they run on
// connections of their own, and may end after the write.
type statements struct{ n atomic.Int64 }

func (c *statements) TraceQueryStart(ctx context.Context, _ *pgx.Conn, q pgx.TraceQueryStartData) context.Context {
	if !isWarmProbe(q.SQL) {
		c.n.Add(1)
	}
	return ctx
}

func (c *statements) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// isWarmProbe reports whether query is one of postgres.WarmProbes.
func isWarmProbe(query string) bool {
	return slices.ContainsFunc(warmProbes(), func(p postgres.WarmProbe) bool { return p.Query == query })
}

// warmProbes are the probes of documents with events: every probe.
var warmProbes = sync.OnceValue(func() []postgres.WarmProbe {
	return postgres.WarmProbes(storetest.BenchDocs("probe", 1))
})

// openCounted returns a store in a fresh schema whose connections trace
// their statements to c.
func openCounted(t *testing.T, c pgx.QueryTracer) *postgres.Store {
	t.Helper()
	cfg, err := pgx.ParseConfig(pgtest.URL(t, "count"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Tracer = c
	s, err := postgres.OpenConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestWriteRoundTrips checks that a batch of documents is written a table
// at a time: writing twice as many new articles, each with its sentences
// and events, takes no more statements (round trips to the server). A
// first batch prepares the statements.
func TestWriteRoundTrips(t *testing.T) {
	var c statements
	s := openCounted(t, &c)
	ctx := context.Background()
	var counts []int64
	for i, n := range []int{10, 25, 50} {
		docs := storetest.BenchDocs(fmt.Sprintf("trips%d", i), n)
		for j := range docs {
			docs[j].Article.StoryID = "" // each its own story: no copy to settle
		}
		before := c.n.Load()
		if err := s.WriteDocuments(ctx, docs); err != nil {
			t.Fatal(err)
		}
		counts = append(counts, c.n.Load()-before)
		t.Logf("%d articles (%d events): %d statements, %.2f an article", n, 6*n, counts[i], float64(counts[i])/float64(n))
	}
	if counts[2] > counts[1] {
		t.Errorf("statements for 10, 25 and 50 articles: %v; want no more for 50 than for 25", counts)
	}
}

// TestWriteBatches checks that writing documents in batches stores what
// writing them one at a time does, with copies of stories out of their
// published order, stories renamed (former IDs), events repeated within
// stories, and articles written again, in the same batch and later.
func TestWriteBatches(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	codes := []string{"042", "043", "057", "190"}
	var docs []detente.Document
	for i, d := range storetest.BenchDocs("batches", 150) {
		a := &d.Article
		a.StoryID = fmt.Sprintf("story%d", rng.IntN(15))
		if rng.IntN(5) == 0 {
			a.StoryAliases = []string{fmt.Sprintf("story%d", rng.IntN(15))}
			if a.StoryAliases[0] == a.StoryID {
				a.StoryAliases = nil
			}
		}
		// Ties in time are ordered by ID.
		a.Published = base.Add(time.Duration(rng.IntN(40)) * time.Hour)
		for j := range d.Events {
			e := &d.Events[j]
			e.Source.Code, e.Target.Code, e.Code = "USAGOV", []string{"IRNGOV", "RUSGOV"}[rng.IntN(2)], codes[rng.IntN(len(codes))]
			e.Root, e.StoryID, e.Date = e.Code[:2], a.StoryID, a.Published
		}
		docs = append(docs, d)
		if i > 0 && rng.IntN(6) == 0 {
			docs = append(docs, docs[rng.IntN(len(docs))])
		}
	}
	one, many := open(t), open(t)
	for _, d := range docs {
		if err := one.WriteDocuments(ctx, []detente.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < len(docs); {
		n := 1 + rng.IntN(40)
		if err := many.WriteDocuments(ctx, docs[i:min(i+n, len(docs))]); err != nil {
			t.Fatal(err)
		}
		i += n
	}
	for _, q := range []string{
		`SELECT id || ' ' || story_id FROM articles ORDER BY id`,
		`SELECT id || ' ' || articles || ' ' || first_seen FROM stories ORDER BY id`,
		`SELECT concat_ws(' ', id, story_id, is_primary, primary_id, num_sources, counted) FROM events ORDER BY id`,
		`SELECT concat_ws(' ', article_id, idx) FROM sentences ORDER BY article_id, idx`,
		`SELECT concat_ws(' ', country, day, articles, risk) FROM country_articles ORDER BY country, day`,
	} {
		a, b := dump(t, one, q), dump(t, many, q)
		if a != b {
			t.Errorf("%s\none at a time:\n%s\nin batches:\n%s", q, a, b)
		}
	}
	for _, s := range []*postgres.Store{one, many} {
		if err := s.Optimize(ctx); err != nil { // stats from the folded counts and the rows alike
			t.Fatal(err)
		}
	}
	st1, err := one.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st2, err := many.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st1 != st2 {
		t.Errorf("stats one at a time %+v, in batches %+v", st1, st2)
	}
}

// dump returns the rows of q, one text column, a line each.
func dump(t *testing.T, s *postgres.Store, q string) string {
	t.Helper()
	rows, err := sqlscan.Query(context.Background(), s.DB(), sqlscan.String, q)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "\n")
}

package pgindex

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/dedup/wiretest"
	"github.com/detente-project/detente/internal/pgtest"
)

// article is one input of a test: an ID, a published time, a fingerprint
// and the story it truly belongs to.
type article struct {
	id, truth string
	published time.Time
	fp        []uint64
}

var t0 = time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)

// rounds returns the wire corpus told n times, five days apart (so that
// the rounds' copies are different stories), each round in a shuffled
// order whose later copies often come first.
func rounds(t testing.TB, n int) []article {
	t.Helper()
	docs, err := wiretest.Corpus("../testdata/wire")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var out []article
	for r := range n {
		day := t0.Add(time.Duration(r) * 5 * 24 * time.Hour)
		round := make([]article, len(docs))
		for i, d := range docs {
			round[i] = article{
				id:        fmt.Sprintf("r%d/%s", r, d.Name),
				truth:     fmt.Sprintf("r%d/%s", r, d.Story),
				published: day.Add(time.Duration(i%5) * 7 * time.Hour),
				fp:        dedup.Fingerprint(d.Body),
			}
		}
		rng.Shuffle(len(round), func(i, j int) { round[i], round[j] = round[j], round[i] })
		out = append(out, round...)
	}
	return out
}

func truth(as []article) string {
	m := map[string]string{}
	for _, a := range as {
		m[a.id] = a.truth
	}
	return wiretest.Groups(m)
}

// one assigns one article.
func one(ctx context.Context, x *Index, id string, published time.Time, fp []uint64) (string, error) {
	a := &detente.Article{ID: id, Published: published, Fingerprint: fp}
	err := x.Assign(ctx, []*detente.Article{a})
	return a.StoryID, err
}

// batches assigns as in batches of n, in order, and returns the stories
// once all are assigned.
func batches(ctx context.Context, x *Index, as []article, n int) (map[string]string, error) {
	out, renamed, err := assignBatches(ctx, x, as, n)
	return latest(out, renamed), err
}

// assignBatches assigns as in batches of n, in order, and returns the
// story each got and the renames it was told of (alias → story).
func assignBatches(ctx context.Context, x *Index, as []article, n int) (out, renamed map[string]string, err error) {
	out, renamed = map[string]string{}, map[string]string{}
	for len(as) > 0 {
		b := as[:min(n, len(as))]
		as = as[len(b):]
		arts := make([]*detente.Article, len(b))
		for i, a := range b {
			arts[i] = &detente.Article{ID: a.id, Published: a.published, Fingerprint: a.fp}
		}
		if err := x.Assign(ctx, arts); err != nil {
			return nil, nil, err
		}
		for _, a := range arts {
			out[a.ID] = a.StoryID
			for _, alias := range a.StoryAliases {
				renamed[alias] = a.StoryID
			}
		}
	}
	return out, renamed, nil
}

func newIndex(t testing.TB) *Index {
	t.Helper()
	return New(pgtest.Open(t, "pgindex").DB(), dedup.Options{})
}

// inMemory assigns as in order to an in-memory index and returns their
// stories once all are assigned (a story takes the ID of a copy published
// earlier when one joins it).
func inMemory(as []article) map[string]string {
	local := dedup.New(dedup.Options{})
	out, renamed := map[string]string{}, map[string]string{}
	for _, a := range as {
		var aliases []string
		out[a.id], aliases = local.AssignStory(a.id, a.published, a.fp)
		for _, alias := range aliases {
			renamed[alias] = out[a.id]
		}
	}
	return latest(out, renamed)
}

// latest returns stories with each story ID renamed as renamed (alias →
// ID) says, through every rename.
func latest(stories, renamed map[string]string) map[string]string {
	out := make(map[string]string, len(stories))
	for id, s := range stories {
		for range len(renamed) + 1 {
			next, ok := renamed[s]
			if !ok {
				break
			}
			s = next
		}
		out[id] = s
	}
	return out
}

// TestSameAsInMemory feeds the same articles in the same order to the
// shared and the in-memory index, one at a time and in batches: they give
// the same stories, each named after its earliest published copy.
func TestSameAsInMemory(t *testing.T) {
	as := rounds(t, 3)
	want := inMemory(as)
	ctx := context.Background()
	for _, n := range []int{1, 7, len(as)} {
		shared := newIndex(t)
		got, err := batches(ctx, shared, as, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if got[a.id] != want[a.id] {
				t.Errorf("batches of %d: %s in story %s, in memory %s", n, a.id, got[a.id], want[a.id])
			}
		}
		if p, want := wiretest.Groups(got), truth(as); p != want {
			t.Errorf("batches of %d grouped:\n%s\nwant:\n%s", n, p, want)
		}
		// Held again, an article keeps its story, whatever its body now.
		if s, err := one(ctx, shared, as[0].id, t0, as[1].fp); err != nil || s != got[as[0].id] {
			t.Errorf("Assign again = %s, %v, want %s", s, err, got[as[0].id])
		}
	}
}

// TestConcurrentCopies has goroutines assign copies of one new story at
// the same moment, many times over: each time they all end in one story.
func TestConcurrentCopies(t *testing.T) {
	docs, err := wiretest.Corpus("../testdata/wire")
	if err != nil {
		t.Fatal(err)
	}
	x := newIndex(t)
	ctx := context.Background()
	const goroutines, tries = 8, 15
	for try := range tries {
		day := t0.Add(time.Duration(try) * 10 * 24 * time.Hour)
		story := docs[5*(try%3) : 5*(try%3)+5] // the five copies of a, b or c
		got := make([]string, goroutines)
		errs := make([]error, goroutines)
		var start, done sync.WaitGroup
		start.Add(1)
		for g := range goroutines {
			done.Add(1)
			go func() {
				defer done.Done()
				d := story[g%len(story)]
				start.Wait()
				got[g], errs[g] = one(ctx, x, fmt.Sprintf("t%d/g%d", try, g), day.Add(time.Duration(g)*time.Minute), dedup.Fingerprint(d.Body))
			}()
		}
		start.Done()
		done.Wait()
		for g := range goroutines {
			if errs[g] != nil {
				t.Fatalf("try %d goroutine %d: %v", try, g, errs[g])
			}
			// Held, each copy is in its story as it is now: named after
			// the earliest published copy, the first goroutine's.
			got[g], errs[g] = one(ctx, x, fmt.Sprintf("t%d/g%d", try, g), day, dedup.Fingerprint(story[g%len(story)].Body))
			if want := fmt.Sprintf("t%d/g0", try); errs[g] != nil || got[g] != want {
				t.Fatalf("try %d: copies assigned at once are in stories %v (%v), want all in %s", try, got, errs[g], want)
			}
		}
	}
}

// TestConcurrentSameGroupingAsOneProcess splits shuffled rounds of the
// corpus among four goroutines, which assign them in batches of 1 to 4:
// the grouping is the true one, and the story IDs are those one process's
// in-memory index gives.
func TestConcurrentSameGroupingAsOneProcess(t *testing.T) {
	as := rounds(t, 4)
	single := inMemory(as)
	x := newIndex(t)
	ctx := context.Background()
	var (
		mu      sync.Mutex
		four    = map[string]string{}
		renamed = map[string]string{}
		wg      sync.WaitGroup
		errs    = make([]error, 4)
	)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []article
			for i := w; i < len(as); i += 4 {
				mine = append(mine, as[i])
			}
			got, names, err := assignBatches(ctx, x, mine, 1+w) // batches of 1 to 4
			if err != nil {
				errs[w] = err
				return
			}
			mu.Lock()
			maps.Copy(four, got)
			maps.Copy(renamed, names)
			mu.Unlock()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	four = latest(four, renamed)
	want := wiretest.Groups(single)
	if got := wiretest.Groups(four); got != want {
		t.Errorf("four goroutines grouped:\n%s\none process:\n%s", got, want)
	}
	// Once every copy is in, each story is named after its earliest
	// published copy, as one process names it.
	for _, a := range as {
		if four[a.id] != single[a.id] {
			t.Errorf("%s: four goroutines put it in story %s, one process in %s", a.id, four[a.id], single[a.id])
		}
	}
	if want != truth(as) {
		t.Errorf("one process grouped:\n%s\nwant the true stories", want)
	}
}

func TestPrune(t *testing.T) {
	x := New(pgtest.Open(t, "pgindex").DB(), dedup.Options{Window: 24 * time.Hour})
	ctx := context.Background()
	for i := range 24 * 10 { // ten days of hourly articles
		body := fmt.Sprintf("article %d about event %d in place %d", i, i*7, i*13)
		if _, err := one(ctx, x, fmt.Sprint(i), t0.Add(time.Duration(i)*time.Hour), x.Fingerprint(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Prune(ctx); err != nil {
		t.Fatal(err)
	}
	var articles, oldest int
	if err := x.db.QueryRow(`SELECT count(*), coalesce(min(published) < $1, false)::int FROM story_index`,
		t0.Add(238*time.Hour-48*time.Hour)).Scan(&articles, &oldest); err != nil {
		t.Fatal(err)
	}
	// Held: the last two windows (48 hours) and the article on the edge.
	if articles < 48 || articles > 50 || oldest != 0 {
		t.Errorf("after Prune: %d articles (one older than two windows: %v), want about 48", articles, oldest == 1)
	}
	var stale int
	if err := x.db.QueryRow(`SELECT count(*) FROM story_bands b WHERE NOT EXISTS
		(SELECT 1 FROM story_index i WHERE i.article_id = b.article_id)`).Scan(&stale); err != nil {
		t.Fatal(err)
	}
	if stale != 0 {
		t.Errorf("%d bucket rows of pruned articles left", stale)
	}
}

// TestBackfill: articles stored before the shared index (a single-process
// ingest) are held in their stories, once, and new copies join them.
func TestBackfill(t *testing.T) {
	st := pgtest.Open(t, "pgindex")
	x := New(st.DB(), dedup.Options{})
	ctx := context.Background()
	docs, err := wiretest.Corpus("../testdata/wire")
	if err != nil {
		t.Fatal(err)
	}
	mk := func(id, story string, at time.Time, body string) detente.Document {
		return detente.Document{Article: detente.Article{ID: id, URL: "https://example.org/" + id, Title: id,
			Published: at, Fetched: at, Lang: "en", Body: body, StoryID: story, Fingerprint: dedup.Fingerprint(body)}}
	}
	if err := st.WriteDocuments(ctx, []detente.Document{
		mk("old", "old", t0.Add(-30*24*time.Hour), docs[0].Body), // outside the window: not read
		mk("a1", "story-a", t0, docs[0].Body),
		mk("b1", "story-b", t0.Add(time.Hour), docs[5].Body),
	}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []int{2, 0} { // then nothing: all held
		n, err := x.Backfill(ctx, st.EachFingerprint)
		if err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("Backfill added %d, want %d", n, want)
		}
	}
	for _, c := range []struct{ id, body, want string }{{"a2", docs[1].Body, "story-a"}, {"b2", docs[6].Body, "story-b"}} {
		if s, err := one(ctx, x, c.id, t0.Add(2*time.Hour), dedup.Fingerprint(c.body)); err != nil || s != c.want {
			t.Errorf("Assign(%s) = %s, %v, want %s", c.id, s, err, c.want)
		}
	}
}

// distinct returns the wire corpus told n times, each time with every
// word given the round's number, so that the rounds share no shingle, as
// different stories do not: n×8 stories of copies, in a shuffled order.
func distinct(t testing.TB, n int) []article {
	t.Helper()
	docs, err := wiretest.Corpus("../testdata/wire")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var out []article
	for r := range n {
		for i, d := range docs {
			words := strings.Fields(d.Body)
			for w := range words {
				words[w] += fmt.Sprint(r)
			}
			out = append(out, article{
				id:        fmt.Sprintf("r%d/%s", r, d.Name),
				published: t0.Add(time.Duration(r)*time.Hour + time.Duration(i)*time.Minute),
				fp:        dedup.Fingerprint(strings.Join(words, " ")),
			})
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// BenchmarkAssign measures assignments per second through the shared index
// and, as the baseline of the same run, the in-memory one, over 8,000
// articles in 2,560 stories of wire copies published over a week and a
// half; past them, the same articles again two weeks later. The shared
// index is measured after a thousand assignments, assigning one article a
// transaction and 64 (a pipeline batch), with one assigner and four.
func BenchmarkAssign(b *testing.B) {
	as := distinct(b, 320)
	at := func(i int) (string, time.Time) {
		a := as[i%len(as)]
		return fmt.Sprint(i), a.published.Add(time.Duration(i/len(as)) * 14 * 24 * time.Hour)
	}
	b.Run("memory", func(b *testing.B) {
		x := dedup.New(dedup.Options{})
		for i := 0; b.Loop(); i++ {
			id, published := at(i)
			x.Assign(id, published, as[i%len(as)].fp)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
	// shared returns an index holding the first thousand articles, so
	// that it is measured once its tables have statistics, as a running
	// one has.
	const warm = 1000
	shared := func(b *testing.B) *Index {
		x := newIndex(b)
		if _, err := batches(context.Background(), x, as[:warm], 64); err != nil {
			b.Fatal(err)
		}
		return x
	}
	// assign assigns the articles from i on in a batch of n.
	assign := func(x *Index, i, n int) error {
		arts := make([]*detente.Article, n)
		for j := range arts {
			id, published := at(i + j)
			arts[j] = &detente.Article{ID: id, Published: published, Fingerprint: as[(i+j)%len(as)].fp}
		}
		return x.Assign(context.Background(), arts)
	}
	for _, n := range []int{1, 64} {
		b.Run(fmt.Sprintf("postgres-batch%d", n), func(b *testing.B) {
			x := shared(b)
			i := warm
			for b.Loop() {
				if err := assign(x, i, n); err != nil {
					b.Fatal(err)
				}
				i += n
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
	// Four assigners at once, as four workers, in batches of 64: the
	// articles/s of all.
	b.Run("postgres-4x64", func(b *testing.B) {
		x := shared(b)
		var next atomic.Int64
		next.Store(warm)
		b.SetParallelism(max(1, 4/runtime.GOMAXPROCS(0)))
		b.ResetTimer()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := assign(x, int(next.Add(64)-64), 64); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N*64)/time.Since(start).Seconds(), "articles/s")
	})
}

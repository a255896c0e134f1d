package nats

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/dedup/pgindex"
	"github.com/detente-project/detente/dedup/wiretest"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/source"
)

// wireItems returns the wire corpus of package dedup told in four rounds
// five days apart (each round's copies are stories of their own), as
// article items, each round shuffled so that later copies often come
// first; and the true story of each item's URL.
func wireItems(t *testing.T) ([]Item, map[string]string) {
	t.Helper()
	docs, err := wiretest.Corpus("../dedup/testdata/wire")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	t0 := time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)
	truth := map[string]string{}
	var items []Item
	for r := range 4 {
		var round []Item
		for i, d := range docs {
			url := fmt.Sprintf("https://wire.example.org/r%d/%s", r, d.Name)
			truth[url] = fmt.Sprintf("r%d/%s", r, d.Story)
			published := t0.Add(time.Duration(r)*5*24*time.Hour + time.Duration(i%5)*7*time.Hour)
			round = append(round, Item{Kind: KindArticle, Record: &source.Record{URL: url, Title: d.Name,
				Published: published.Format(time.RFC3339), Text: d.Body}})
		}
		rng.Shuffle(len(round), func(i, j int) { round[i], round[j] = round[j], round[i] })
		items = append(items, round...)
	}
	return items, truth
}

// grouping reads the stored articles' stories as groups of URLs: sorted
// lines, equal for equal groupings whatever the story IDs.
func grouping(t *testing.T, s *postgres.Store) string {
	t.Helper()
	return wiretest.Groups(storyOf(t, s))
}

// storyOf reads the story of each stored article, by URL.
func storyOf(t *testing.T, s *postgres.Store) map[string]string {
	t.Helper()
	rows, err := s.DB().Query(`SELECT url, story_id FROM articles`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	stories := map[string]string{}
	for rows.Next() {
		var url, story string
		if err := rows.Scan(&url, &story); err != nil {
			t.Fatal(err)
		}
		stories[url] = story
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return stories
}

// TestFourWorkersGroupStoriesAsOneProcess runs four workers, sharing the
// story index in PostgreSQL, on one stream and one store over wire copies,
// and one in-process ingest of the same input with the in-memory index:
// the stories group the same articles, the true stories, under the same
// IDs, and the stores count the same events and sources.
func TestFourWorkersGroupStoriesAsOneProcess(t *testing.T) {
	server := natsURL(t)
	items, truth := wireItems(t)
	ctx := context.Background()

	one := openStore(t)
	now := time.Now()
	pages := make([]detente.Page, len(items))
	for i, it := range items {
		pages[i] = it.Record.Page(it.ID(), it.ID(), -1, now)
	}
	p, err := pipeline.New(stages(t, one))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.RunPages(ctx, p, pages); err != nil {
		t.Fatalf("in-process ingest: %v", err)
	}

	four := openStore(t)
	cfg := testConfig(t, server)
	producer := openQueue(t, server, cfg)
	if _, err := producer.Enqueue(ctx, items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	var stops []func() error
	for range 4 {
		pc := stages(t, four)
		pc.Dedup = pgindex.New(four.DB(), dedup.Options{})
		pc.BatchSize = 4 // stores often, so that workers see each other's copies in flight
		w := &Worker{Queue: openQueue(t, server, cfg), Pipeline: pc, Items: 2, Log: testLogger(t)}
		stops = append(stops, start(t, w))
	}
	drained(t, producer, time.Minute)
	for _, stop := range stops {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	}

	want := wiretest.Groups(truth)
	if got := grouping(t, one); got != want {
		t.Fatalf("one process grouped:\n%s\nwant the true stories:\n%s", got, want)
	}
	if got := grouping(t, four); got != want {
		t.Errorf("four workers grouped:\n%s\none process:\n%s", got, want)
	}
	// Each story is named after its earliest published copy, whichever
	// worker reached it first.
	s1, s4 := storyOf(t, one), storyOf(t, four)
	for url, story := range s1 {
		if s4[url] != story {
			t.Errorf("%s: four workers stored it in story %s, one process in %s", url, s4[url], story)
		}
	}
	if s1, s4 := stats(t, one), stats(t, four); s1 != s4 || s4.Stories != 32 {
		t.Errorf("four workers stored %+v, one process %+v; want 32 stories each", s4, s1)
	}
	if s1, s4 := sources(t, one), sources(t, four); s1 != s4 {
		t.Errorf("four workers stored %v events and sources, one process %v", s4, s1)
	}
}

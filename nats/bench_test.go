package nats

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/dedup/pgindex"
	"github.com/detente-project/detente/pipeline"
)

// BenchmarkQueueToStore measures article items from Enqueue to acked, with
// two workers over one PostgreSQL store: the scale-out path end to end.
// Each item is a distinct article (its own URL and last line), so every
// one is extracted, coded and written; they are copies of eight stories.
// The workers share the story index in PostgreSQL, as "detente worker"
// does (shared-index), or each keep one in memory, the baseline of the
// same run (local-index).
func BenchmarkQueueToStore(b *testing.B) {
	b.Run("shared-index", func(b *testing.B) { queueToStore(b, true, 2) })
	b.Run("local-index", func(b *testing.B) { queueToStore(b, false, 2) })
}

// BenchmarkWorkers is the scale-out table: 1, 2 and 4 workers (each with
// its own connection, pipeline and two coders, in this process) over one
// stream, one PostgreSQL store and the shared story index; one worker is
// the baseline of the same run.
func BenchmarkWorkers(b *testing.B) {
	for _, n := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) { queueToStore(b, true, n) })
	}
}

func queueToStore(b *testing.B, shared bool, workers int) {
	server := natsURL(b)
	store := openStore(b)
	base := articles(b)
	items := make([]Item, b.N)
	for i := range items {
		r := *base[i%len(base)].Record
		r.URL = fmt.Sprintf("%s?copy=%d", r.URL, i)
		r.Text = fmt.Sprintf("%s\n\nThis is update number %d.", r.Text, i)
		items[i] = Item{Kind: KindArticle, Record: &r}
	}
	cfg := testConfig(b, server)
	producer := openQueue(b, server, cfg)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, workers)
	for range workers {
		pc := stages(b, store)
		pc.Log = quiet
		if shared {
			pc.Dedup = pgindex.New(store.DB(), dedup.Options{})
		}
		w := &Worker{Queue: openQueue(b, server, cfg), Pipeline: pc, Log: quiet}
		go func() { errc <- w.Run(ctx) }()
	}
	b.ResetTimer()
	if _, err := producer.Enqueue(ctx, items...); err != nil {
		b.Fatal(err)
	}
	wait := 30*time.Second + time.Duration(b.N)*100*time.Millisecond
	eventually(b, wait, "every item stored", func() (bool, string) {
		st := stats(b, store)
		return st.Articles == b.N, fmt.Sprintf("%d of %d articles", st.Articles, b.N)
	})
	drained(b, producer, wait)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
	cancel()
	for range workers {
		if err := <-errc; err != nil {
			b.Errorf("Run: %v", err)
		}
	}
}

// BenchmarkDirectToStore is the baseline of BenchmarkQueueToStore: the same
// articles through one pipeline of the same stages into the same kind of
// store, with no queue.
func BenchmarkDirectToStore(b *testing.B) {
	store := openStore(b)
	base := articles(b)
	pages := make([]detente.Page, b.N)
	now := time.Now()
	for i := range pages {
		r := *base[i%len(base)].Record
		r.URL = fmt.Sprintf("%s?copy=%d", r.URL, i)
		r.Text = fmt.Sprintf("%s\n\nThis is update number %d.", r.Text, i)
		pages[i] = r.Page(r.URL, "bench", -1, now)
	}
	pc := stages(b, store)
	pc.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	pc.Workers = 4
	pl, err := pipeline.New(pc)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if _, err := pipeline.RunPages(context.Background(), pl, pages); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	if st := stats(b, store); st.Articles != b.N {
		b.Fatalf("%d articles stored, want %d", st.Articles, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

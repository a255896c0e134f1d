package nats

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/postgres"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// start runs w until the returned stop is called; stop returns Run's error.
func start(t *testing.T, w *Worker) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-errc:
			case <-time.After(time.Minute):
				t.Fatal("worker did not stop within a minute of ctx cancel")
			}
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return stop
}

func stats(t testing.TB, s *postgres.Store) detente.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

// drained waits until the queue holds nothing waiting or unacked.
func drained(t testing.TB, q *Queue, wait time.Duration) {
	t.Helper()
	eventually(t, wait, "queue drained", func() (bool, string) {
		waiting, unacked, err := q.Depth(context.Background())
		if err != nil {
			return false, err.Error()
		}
		return waiting == 0 && unacked == 0, fmtDepth(waiting, unacked)
	})
}

func fmtDepth(waiting, unacked int) string {
	return "waiting " + itoa(waiting) + ", unacked " + itoa(unacked)
}

func itoa(n int) string { return fmt.Sprint(n) }

func TestTwoWorkersStoreEachArticleOnce(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	items := articles(t)
	ctx := context.Background()

	producer := openQueue(t, server, cfg)
	got, err := producer.Enqueue(ctx, items...)
	if err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	if got.Added != len(items) || got.Duplicates != 0 {
		t.Fatalf("Enqueue = %+v, want %d added", got, len(items))
	}

	workers := make([]*Worker, 2)
	stops := make([]func() error, 2)
	for i := range workers {
		workers[i] = &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Items: 2, Log: testLogger(t)}
		stops[i] = start(t, workers[i])
	}
	drained(t, producer, 30*time.Second)
	eventually(t, 10*time.Second, "all articles stored", func() (bool, string) {
		st := stats(t, store)
		return st.Articles == len(items), fmt.Sprintf("%+v", st)
	})
	first := stats(t, store)
	if first.Events == 0 || first.Sentences == 0 {
		t.Fatalf("stats %+v: the corpus codes events, none were stored", first)
	}

	// The same items again: the server's duplicate window drops them.
	again, err := producer.Enqueue(ctx, items...)
	if err != nil {
		t.Fatalf("Enqueue again: %v", err)
	}
	if again.Added != 0 || again.Duplicates != len(items) {
		t.Fatalf("Enqueue again = %+v, want %d duplicates", again, len(items))
	}
	// The same items published past the duplicate window (no message ID):
	// the workers take them and the idempotent store adds nothing.
	for _, it := range items {
		data, _ := json.Marshal(it)
		if _, err := producer.js.Publish(ctx, cfg.Subject+".article", data); err != nil {
			t.Fatal(err)
		}
	}
	drained(t, producer, 30*time.Second)
	for _, s := range stops {
		if err := s(); err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	if st := stats(t, store); st != first {
		t.Errorf("after re-delivering every item: %+v, want %+v", st, first)
	}
	var acked int64
	for i, w := range workers {
		c := w.Counts()
		acked += c.Acked
		if c.Terminated != 0 || c.Retried != 0 {
			t.Errorf("worker %d counts %+v: nothing should fail", i, c)
		}
	}
	if acked != int64(2*len(items)) {
		t.Errorf("workers acked %d items, want %d", acked, 2*len(items))
	}
}

// crashingStore writes through to a real store, then cuts its worker's
// connection to NATS: the documents are durable but the acks can no
// longer reach the server, as when a worker dies between the two.
type crashingStore struct {
	*postgres.Store
	q       *Queue
	crashed chan struct{}
	once    sync.Once
}

func (c *crashingStore) WriteDocuments(ctx context.Context, docs []detente.Document) error {
	if err := c.Store.WriteDocuments(ctx, docs); err != nil {
		return err
	}
	c.once.Do(func() {
		c.q.nc.Close()
		close(c.crashed)
	})
	return nil
}

func TestCrashBeforeAckRedeliversWithoutDuplicates(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	items := articles(t)
	ctx := context.Background()
	producer := openQueue(t, server, cfg)
	if _, err := producer.Enqueue(ctx, items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}

	doomed := openQueue(t, server, cfg)
	cs := &crashingStore{Store: store, q: doomed, crashed: make(chan struct{})}
	pc := stages(t, cs)
	pc.BatchSize = len(items) // one transaction for the whole corpus
	pc.FlushEvery = 5 * time.Second
	crashing := &Worker{Queue: doomed, Pipeline: pc, Items: len(items), Log: testLogger(t)}
	stopCrashing := start(t, crashing)
	select {
	case <-cs.crashed:
	case <-time.After(30 * time.Second):
		t.Fatal("the crashing worker stored nothing within 30s")
	}
	stored := stats(t, store)
	if stored.Articles != len(items) || stored.Events == 0 {
		t.Fatalf("after the crash: %+v, want all %d articles and their events stored", stored, len(items))
	}
	sourcesAfterCrash := sources(t, store)
	if err := stopCrashing(); err != nil {
		t.Errorf("Run of the crashed worker: %v", err)
	}
	waiting, unacked, err := producer.Depth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if waiting+unacked != len(items) {
		t.Fatalf("after the crash the queue holds %s, want all %d items back", fmtDepth(waiting, unacked), len(items))
	}

	healthy := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Log: testLogger(t)}
	stop := start(t, healthy)
	drained(t, producer, 30*time.Second)
	if err := stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
	if c := healthy.Counts(); c.Acked != int64(len(items)) {
		t.Errorf("healthy worker counts %+v, want %d acked", c, len(items))
	}
	final := stats(t, store)
	if final != stored {
		t.Errorf("redelivery changed the store: %+v, was %+v", final, stored)
	}
	if got, want := sources(t, store), sourcesAfterCrash; got != want {
		t.Errorf("events and their sources = %v after redelivery, %v before", got, want)
	}
	var dups int
	err = store.DB().QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM events
		GROUP BY article_id, sentence_idx, trigger_start, code, source_code, target_code HAVING count(*) > 1) d`).Scan(&dups)
	if err != nil {
		t.Fatalf("count duplicate events: %v", err)
	}
	if dups != 0 {
		t.Errorf("%d events stored twice", dups)
	}
}

// sources returns the number of events and the sum of their sources: a
// redelivered article must add neither.
func sources(t *testing.T, s *postgres.Store) [2]int {
	t.Helper()
	var n [2]int
	if err := s.DB().QueryRow(`SELECT count(*), coalesce(sum(num_sources), 0) FROM events`).Scan(&n[0], &n[1]); err != nil {
		t.Fatalf("count events: %v", err)
	}
	return n
}

func TestMalformedItemIsTerminated(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	ctx := context.Background()
	producer := openQueue(t, server, cfg)
	bad := [][]byte{
		[]byte(`{"kind":"article","record":{"text":`),
		[]byte(`{"kind":"video","url":"https://news.example.org/v"}`),
		[]byte("\xff\xfe"),
	}
	for _, b := range bad {
		if _, err := producer.js.Publish(ctx, cfg.Subject+".article", b); err != nil {
			t.Fatal(err)
		}
	}
	good := articles(t)[:1]
	if _, err := producer.Enqueue(ctx, good...); err != nil {
		t.Fatal(err)
	}
	metrics, err := NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	w := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Log: testLogger(t), Metrics: metrics}
	stop := start(t, w)
	drained(t, producer, 30*time.Second)
	// Past two ack waits nothing has come back.
	time.Sleep(2*cfg.AckWait + 500*time.Millisecond)
	if err := stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
	want := Counts{Acked: 1, Terminated: int64(len(bad))}
	if c := w.Counts(); c != want {
		t.Errorf("counts %+v, want %+v", c, want)
	}
	for outcome, want := range map[string]float64{"acked": 1, "terminated": float64(len(bad)), "retried": 0} {
		var m dto.Metric
		if err := metrics.items.WithLabelValues(outcome).Write(&m); err != nil {
			t.Fatal(err)
		}
		if got := m.GetCounter().GetValue(); got != want {
			t.Errorf("detente_queue_items_total{outcome=%q} = %v, want %v", outcome, got, want)
		}
	}
	info, err := producer.js.Stream(ctx, cfg.Stream)
	if err != nil {
		t.Fatal(err)
	}
	si, err := info.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if si.State.Msgs != 0 {
		t.Errorf("stream still holds %d messages", si.State.Msgs)
	}
	if st := stats(t, store); st.Articles != 1 {
		t.Errorf("articles = %d, want 1", st.Articles)
	}
}

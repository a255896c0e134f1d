package nats

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/postgres"
	"github.com/nats-io/nats.go/jetstream"
)

// gatedStore holds its first write until the test opens the gate, so that
// a shutdown can begin while documents are in flight.
type gatedStore struct {
	*postgres.Store
	entered, gate chan struct{}
	first         bool
}

func (g *gatedStore) WriteDocuments(ctx context.Context, docs []detente.Document) error {
	if !g.first {
		g.first = true
		close(g.entered)
		<-g.gate
	}
	return g.Store.WriteDocuments(ctx, docs)
}

// TestShutdownDrains stops a worker while a batch is being written: Run
// returns only after that batch is stored and its items acked, and every
// other item goes back to the queue at once, not after the ack wait.
func TestShutdownDrains(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	cfg.AckWait, cfg.Retry = time.Minute, []time.Duration{time.Minute}
	items := articles(t)
	producer := openQueue(t, server, cfg)
	if _, err := producer.Enqueue(context.Background(), items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	gs := &gatedStore{Store: store, entered: make(chan struct{}), gate: make(chan struct{})}
	pc := stages(t, gs)
	pc.BatchSize = 3
	w := &Worker{Queue: openQueue(t, server, cfg), Pipeline: pc, Items: 2, Batch: 4, Log: testLogger(t)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()
	select {
	case <-gs.entered:
	case <-time.After(30 * time.Second):
		t.Fatal("nothing was written within 30s")
	}
	cancel()
	select {
	case err := <-errc:
		t.Fatalf("Run returned (%v) with a write in flight", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(gs.gate)
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return within 30s of the shutdown")
	}

	c := w.Counts()
	st := stats(t, store)
	if c.Acked < int64(pc.BatchSize) || int64(st.Articles) != c.Acked {
		t.Errorf("acked %d items and stored %d articles; want the batch in flight (%d) and more stored and acked alike",
			c.Acked, st.Articles, pc.BatchSize)
	}
	// The items released at shutdown go to the next worker at once, well
	// before the one-minute ack wait.
	next := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Log: testLogger(t)}
	stop := start(t, next)
	drained(t, producer, 15*time.Second)
	if err := stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
	if st := stats(t, store); st.Articles != len(items) {
		t.Errorf("articles = %d, want %d", st.Articles, len(items))
	}
	if got := c.Acked + next.Counts().Acked; got != int64(len(items)) {
		t.Errorf("%d items acked in all, want %d", got, len(items))
	}
}

// brokenStore fails every write, as a store that went away.
type brokenStore struct{ *postgres.Store }

func (brokenStore) WriteDocuments(context.Context, []detente.Document) error {
	return errors.New("connection refused")
}

// TestStoreFailureStopsWorkerAndRetries: a worker whose store fails stops
// with the error and hands its items back for a later try, which a healthy
// worker then stores.
func TestStoreFailureStopsWorkerAndRetries(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	items := articles(t)
	producer := openQueue(t, server, cfg)
	if _, err := producer.Enqueue(context.Background(), items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	broken := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, brokenStore{store}), Log: testLogger(t)}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := broken.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("Run with a failing store = %v, want the store's error", err)
	}
	if c := broken.Counts(); c.Acked != 0 || c.Retried == 0 {
		t.Errorf("failing worker counts %+v, want items retried and none acked", c)
	}
	healthy := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Log: testLogger(t)}
	stop := start(t, healthy)
	drained(t, producer, 30*time.Second)
	if err := stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
	if st := stats(t, store); st.Articles != len(items) {
		t.Errorf("articles = %d, want %d", st.Articles, len(items))
	}
}

// slowStore takes longer than several ack waits over its first write.
type slowStore struct {
	*postgres.Store
	delay time.Duration
	slow  bool
}

func (s *slowStore) WriteDocuments(ctx context.Context, docs []detente.Document) error {
	if !s.slow {
		s.slow = true
		time.Sleep(s.delay)
	}
	return s.Store.WriteDocuments(ctx, docs)
}

// TestHeartbeatKeepsLongItems: items whose pages take several ack waits
// to store are not redelivered to another worker, because the worker
// working on them says they are in progress.
func TestHeartbeatKeepsLongItems(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	items := articles(t)[:3]
	producer := openQueue(t, server, cfg)
	if _, err := producer.Enqueue(context.Background(), items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	pc := stages(t, &slowStore{Store: store, delay: 3 * cfg.AckWait})
	pc.BatchSize = len(items)
	slow := &Worker{Queue: openQueue(t, server, cfg), Pipeline: pc, Items: len(items), Log: testLogger(t)}
	stopSlow := start(t, slow)
	eventually(t, 10*time.Second, "the slow worker has every item", func() (bool, string) {
		waiting, unacked, err := producer.Depth(context.Background())
		return err == nil && waiting == 0 && unacked == len(items), fmtDepth(waiting, unacked)
	})
	other := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Log: testLogger(t)}
	stopOther := start(t, other)
	drained(t, producer, 30*time.Second)
	for _, stop := range []func() error{stopSlow, stopOther} {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	if c := slow.Counts(); c.Acked != int64(len(items)) {
		t.Errorf("slow worker counts %+v, want %d acked", c, len(items))
	}
	if c := other.Counts(); c != (Counts{}) {
		t.Errorf("the other worker was handed items in progress: %+v", c)
	}
}

// TestReleaseWaitsForOpenFetch: items released at shutdown while the
// worker's own fetch is still open on the server are handed back only once
// that fetch has closed. Handed back at once, the server delivers them
// straight into the open fetch, which releases them again, each round
// spending a delivery, until it drops them unstored after MaxDeliver.
func TestReleaseWaitsForOpenFetch(t *testing.T) {
	server := natsURL(t)
	cfg := testConfig(t, server)
	cfg.AckWait, cfg.MaxDeliver = time.Minute, 2
	items := articles(t)[:3]
	q := openQueue(t, server, cfg)
	if _, err := q.Enqueue(context.Background(), items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	cons, err := q.consumer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// A fetch of 8 gets the 3 items at once and stays open for up to a
	// second waiting for more; nobody takes the items handed out, so the
	// worker releases each once ctx is done, 100ms in.
	w := &Worker{Queue: q, Items: 8, Log: testLogger(t)}
	w.defaults()
	r := newRun(w, cons)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	r.fetch(ctx, make(chan jetstream.Msg))
	r.fetchEnded()
	if c := w.Counts(); c.Released != int64(len(items)) {
		t.Errorf("released %d items, want each of the %d once", c.Released, len(items))
	}

	batch, err := cons.Fetch(8, jetstream.FetchMaxWait(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var got int
	for m := range batch.Messages() {
		meta, err := m.Metadata()
		if err != nil {
			t.Fatal(err)
		}
		if meta.NumDelivered != 2 {
			t.Errorf("item %d delivered %d times, want 2: the release went back into the open fetch",
				meta.Sequence.Stream, meta.NumDelivered)
		}
		got++
		_ = m.Ack()
	}
	if got != len(items) {
		t.Errorf("%d of %d released items came back; the others were dropped after MaxDeliver", got, len(items))
	}
}

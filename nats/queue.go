package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/detente-project/detente/source"
	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Defaults of Config.
const (
	DefaultStream     = "DETENTE_WORK"
	DefaultSubject    = "detente.work"
	DefaultConsumer   = "detente-workers"
	DefaultAckWait    = time.Minute
	DefaultMaxDeliver = 5
	DefaultDuplicates = 24 * time.Hour
)

// Config names the stream and consumer of a Queue and sets how items are
// redelivered. The zero value gives the defaults noted on each field.
type Config struct {
	Stream   string // JetStream stream; default DETENTE_WORK
	Subject  string // subject prefix; items go to <Subject>.<kind>; default detente.work
	Consumer string // durable pull consumer shared by all workers; default detente-workers
	// AckWait is how long a delivered item may go without an ack or an
	// "in progress" heartbeat before it is redelivered. Default 1m.
	AckWait time.Duration
	// Retry lengthens the waits before later redeliveries of unacked
	// items: delivery n+1 waits Retry[n-1] (the last value repeats).
	// Default 5m, 15m.
	Retry []time.Duration
	// MaxDeliver bounds the deliveries of one item. Default 5.
	MaxDeliver int
	// Duplicates is the window within which an item enqueued again (same
	// Item.ID) is dropped by the server. Default 24h.
	Duplicates time.Duration
}

func (c Config) withDefaults() Config {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	if c.Retry == nil {
		c.Retry = []time.Duration{5 * time.Minute, 15 * time.Minute}
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = DefaultMaxDeliver
	}
	if c.Duplicates <= 0 {
		c.Duplicates = DefaultDuplicates
	}
	return c
}

// backoff is the consumer's BackOff: the ack wait, then the retry waits,
// one entry for each redelivery (the server refuses more entries than
// MaxDeliver-1). Nil when an item is delivered only once.
func (c Config) backoff() []time.Duration {
	if c.MaxDeliver <= 1 {
		return nil
	}
	b := append([]time.Duration{c.AckWait}, c.Retry...)
	return b[:min(len(b), c.MaxDeliver-1)]
}

// retryDelay is the delay of a negative ack after the given delivery.
func (c Config) retryDelay(delivered uint64) time.Duration {
	b := c.backoff()
	if len(b) == 0 {
		return c.AckWait
	}
	return b[min(max(int(delivered), 1), len(b))-1]
}

// Queue is a JetStream work queue of items: a stream with work-queue
// retention and one durable pull consumer that workers share, and an
// object store, <Stream>_BODIES, for the records of articles too large
// for one message.
type Queue struct {
	cfg Config
	nc  *natsgo.Conn
	js  jetstream.JetStream

	mu     sync.Mutex
	bodies jetstream.ObjectStore // opened on first use
}

// Open connects to the NATS server at url and makes sure the stream exists
// with cfg's settings; a Worker makes sure of the consumer.
func Open(ctx context.Context, url string, cfg Config) (*Queue, error) {
	cfg = cfg.withDefaults()
	nc, err := natsgo.Connect(url, natsgo.Name("detente"), natsgo.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("connect to nats %s: %w", url, err)
	}
	q, err := open(ctx, nc, cfg)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("nats %s: %w", url, err)
	}
	return q, nil
}

func open(ctx context.Context, nc *natsgo.Conn, cfg Config) (*Queue, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.Stream,
		Description: "detente work items: pages, feeds, WARC files and articles to ingest",
		Subjects:    []string{cfg.Subject + ".>"},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  cfg.Duplicates,
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", cfg.Stream, err)
	}
	return &Queue{cfg: cfg, nc: nc, js: js}, nil
}

// consumer makes sure the durable consumer exists with the queue's
// settings: workers call it, producers never, so that enqueuing does not
// reset a consumer that workers configured. Workers sharing one consumer
// should agree on its settings; the last to start wins.
func (q *Queue) consumer(ctx context.Context) (jetstream.Consumer, error) {
	cfg := q.cfg
	cons, err := q.js.CreateOrUpdateConsumer(ctx, cfg.Stream, jetstream.ConsumerConfig{
		Durable:       cfg.Consumer,
		Description:   "detente workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cfg.AckWait,
		BackOff:       cfg.backoff(),
		MaxDeliver:    cfg.MaxDeliver,
		FilterSubject: cfg.Subject + ".>",
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s of stream %s: %w", cfg.Consumer, cfg.Stream, err)
	}
	return cons, nil
}

// Close flushes pending acks and closes the connection.
func (q *Queue) Close() error {
	err := q.nc.FlushTimeout(5 * time.Second)
	q.nc.Close()
	if err != nil && !errors.Is(err, natsgo.ErrConnectionClosed) {
		return fmt.Errorf("flush nats: %w", err)
	}
	return nil
}

// Enqueued counts what Enqueue did.
type Enqueued struct {
	Added      int // new items on the queue
	Duplicates int // items already enqueued within the duplicate window
}

// Enqueue validates and publishes items, each with its ID as Nats-Msg-Id,
// and waits for the server to store each. It stops at the first error,
// after the items before it were stored.
func (q *Queue) Enqueue(ctx context.Context, items ...Item) (Enqueued, error) {
	var n Enqueued
	for i, it := range items {
		if err := it.Validate(); err != nil {
			return n, fmt.Errorf("item %d (%s): %w", i, it.input(), err)
		}
		data, err := json.Marshal(it)
		if err != nil {
			return n, fmt.Errorf("item %d (%s): %w", i, it.input(), err)
		}
		var stored string // the body put in the object store by this call
		if len(data) > q.itemLimit() {
			if data, stored, err = q.byReference(ctx, it); err != nil {
				return n, fmt.Errorf("enqueue item %d (%s): %w", i, it.input(), err)
			}
		}
		ack, err := q.js.Publish(ctx, q.cfg.Subject+"."+string(it.Kind), data, jetstream.WithMsgID(it.ID()))
		if err != nil {
			return n, fmt.Errorf("enqueue item %d (%s): %w", i, it.input(), err)
		}
		if ack.Duplicate {
			n.Duplicates++
			if stored != "" {
				// The item was queued and settled before, which
				// deleted its body: the one just put would stay.
				if err := q.deleteBody(ctx, stored); err != nil {
					return n, fmt.Errorf("enqueue item %d (%s): %w", i, it.input(), err)
				}
			}
		} else {
			n.Added++
		}
	}
	return n, nil
}

// itemLimit is the size above which an item goes by reference: the
// server's payload limit less room for the message's headers.
func (q *Queue) itemLimit() int {
	return int(min(q.nc.MaxPayload(), maxItemBytes)) - 4<<10
}

// byReference puts an article's record in the object store under the
// item's ID and returns the reference item to queue instead, and the name
// of the body if this call stored it. A body already there belongs to the
// same item, still queued: it is kept as it is.
func (q *Queue) byReference(ctx context.Context, it Item) (ref []byte, stored string, err error) {
	if it.Kind != KindArticle {
		return nil, "", fmt.Errorf("%s item is larger than a message allows", it.Kind)
	}
	obs, err := q.objectStore(ctx)
	if err != nil {
		return nil, "", err
	}
	id := it.ID()
	_, err = obs.GetInfo(ctx, id)
	switch {
	case errors.Is(err, jetstream.ErrObjectNotFound):
		body, err := json.Marshal(it.Record)
		if err != nil {
			return nil, "", err
		}
		if _, err := obs.PutBytes(ctx, id, body); err != nil {
			return nil, "", fmt.Errorf("store article body %s: %w", id, err)
		}
		stored = id
	case err != nil:
		return nil, "", fmt.Errorf("article body %s: %w", id, err)
	}
	ref, err = json.Marshal(Item{Kind: KindArticle, Ref: id})
	return ref, stored, err
}

// body reads back the record of an item queued by reference; a body that
// is not there is ErrNoBody.
func (q *Queue) body(ctx context.Context, ref string) (source.Record, error) {
	obs, err := q.objectStore(ctx)
	if err != nil {
		return source.Record{}, err
	}
	data, err := obs.GetBytes(ctx, ref)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return source.Record{}, fmt.Errorf("article body %s: %w", ref, ErrNoBody)
	}
	if err != nil {
		return source.Record{}, fmt.Errorf("article body %s: %w", ref, err)
	}
	r, err := source.ParseRecord(data)
	if err != nil {
		return source.Record{}, fmt.Errorf("article body %s: %w", ref, err)
	}
	return r, nil
}

// ErrNoBody is the error of an item by reference whose body is not in the
// object store (deleted by hand, or the bucket was): it cannot be done.
var ErrNoBody = errors.New("no such body in the object store")

// deleteBody deletes the body of an item by reference; one already gone
// is no error.
func (q *Queue) deleteBody(ctx context.Context, ref string) error {
	obs, err := q.objectStore(ctx)
	if err != nil {
		return err
	}
	if err := obs.Delete(ctx, ref); err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
		return fmt.Errorf("delete article body %s: %w", ref, err)
	}
	return nil
}

// bodiesBucket names the object store of a queue's large bodies.
func (c Config) bodiesBucket() string { return c.Stream + "_BODIES" }

// objectStore opens, creating it if needed, the queue's object store.
func (q *Queue) objectStore(ctx context.Context) (jetstream.ObjectStore, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.bodies != nil {
		return q.bodies, nil
	}
	obs, err := q.js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
		Bucket:      q.cfg.bodiesBucket(),
		Description: "detente: records of queued articles too large for one message",
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("object store %s: %w", q.cfg.bodiesBucket(), err)
	}
	q.bodies = obs
	return obs, nil
}

// Depth is the number of items on the queue not yet acknowledged or
// terminated: waiting, and delivered but unacked. It is 0, 0 before any
// worker has created the consumer.
func (q *Queue) Depth(ctx context.Context) (waiting, unacked int, err error) {
	cons, err := q.js.Consumer(ctx, q.cfg.Stream, q.cfg.Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("consumer %s: %w", q.cfg.Consumer, err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("consumer %s: %w", q.cfg.Consumer, err)
	}
	return int(info.NumPending), info.NumAckPending, nil
}

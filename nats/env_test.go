package nats

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/coder"
	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/extract"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/source"
	"github.com/detente-project/detente/text"
	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// unavailable skips the test when a server it needs is not running, unless
// $CI is set: CI must not pass by skipping.
func unavailable(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// natsURL returns the URL of a reachable NATS server with JetStream:
// $DETENTE_TEST_NATS or the local default.
func natsURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("DETENTE_TEST_NATS")
	if u == "" {
		u = "nats://127.0.0.1:4222"
	}
	nc, err := natsgo.Connect(u, natsgo.Timeout(3*time.Second))
	if err != nil {
		unavailable(t, fmt.Sprintf("no NATS test server at %s (set DETENTE_TEST_NATS): %v", u, err))
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_, err = js.AccountInfo(ctx)
		cancel()
	}
	if err != nil {
		unavailable(t, fmt.Sprintf("NATS at %s has no JetStream (run nats-server -js): %v", u, err))
	}
	return u
}

var seq atomic.Int64

// testConfig names a stream, subject and consumer of the test's own, with
// short waits, and deletes the stream when the test ends.
func testConfig(t testing.TB, server string) Config {
	t.Helper()
	n := seq.Add(1)
	cfg := Config{
		Stream:     fmt.Sprintf("DETENTE_TEST_%d_%d", os.Getpid(), n),
		Subject:    fmt.Sprintf("detente.test.%d.%d", os.Getpid(), n),
		Consumer:   "workers",
		AckWait:    2 * time.Second,
		Retry:      []time.Duration{2 * time.Second},
		MaxDeliver: 4,
		Duplicates: time.Minute,
	}
	t.Cleanup(func() {
		nc, err := natsgo.Connect(server)
		if err != nil {
			t.Errorf("cleanup: %v", err)
			return
		}
		defer nc.Close()
		js, _ := jetstream.New(nc)
		if err := js.DeleteStream(context.Background(), cfg.Stream); err != nil {
			t.Errorf("delete stream %s: %v", cfg.Stream, err)
		}
		err = js.DeleteObjectStore(context.Background(), cfg.bodiesBucket())
		if err != nil && !errors.Is(err, jetstream.ErrBucketNotFound) && !errors.Is(err, jetstream.ErrStreamNotFound) {
			t.Errorf("delete object store %s: %v", cfg.bodiesBucket(), err)
		}
	})
	return cfg
}

// openQueue opens a queue and its consumer on its own connection, closed
// when the test ends.
func openQueue(t testing.TB, server string, cfg Config) *Queue {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	q, err := Open(ctx, server, cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { q.Close() })
	// The consumer exists before any worker runs, so that Depth counts
	// from the start.
	if _, err := q.consumer(ctx); err != nil {
		t.Fatal(err)
	}
	return q
}

// openStore returns a PostgreSQL store in a fresh schema, dropped when the
// test ends.
func openStore(t testing.TB) *postgres.Store { return pgtest.Open(t, "nats") }

var (
	coderOnce sync.Once
	theCoder  *coder.Coder
	coderErr  error
)

// stages returns the real pipeline stages writing to store.
func stages(t testing.TB, w detente.DocumentWriter) pipeline.Config {
	t.Helper()
	coderOnce.Do(func() { theCoder, coderErr = coder.New() })
	if coderErr != nil {
		t.Fatalf("coder.New: %v", coderErr)
	}
	return pipeline.Config{
		Extractor:  extract.New(),
		Coder:      theCoder,
		Split:      text.Sentences,
		Store:      w,
		Dedup:      pipeline.LocalDedup{Index: dedup.New(dedup.Options{})},
		Workers:    2,
		FlushEvery: 200 * time.Millisecond,
		Log:        testLogger(t),
	}
}

// testLogger logs to the test's log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tlog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type tlog struct{ t testing.TB }

func (l tlog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// articles reads the test corpus as article items.
func articles(t testing.TB) []Item {
	t.Helper()
	f, err := os.Open("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var items []Item
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		r, err := source.ParseRecord(sc.Bytes())
		if err != nil {
			t.Fatalf("testdata/articles.jsonl:%d: %v", line, err)
		}
		items = append(items, Item{Kind: KindArticle, Record: &r})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return items
}

// eventually polls cond every 100ms until it holds or the wait is over.
func eventually(t testing.TB, wait time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for tries := 0; tries < int(wait/(100*time.Millisecond))+1; tries++ {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %s: %s", wait, what, state)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/detente-project/detente/sqlite"
)

// testQueue returns the test NATS server's URL and a stream and subject of
// the test's own, deleted when it ends. Without a server the test is
// skipped, unless $CI is set.
func testQueue(t *testing.T) (url, stream, subject string) {
	t.Helper()
	url = os.Getenv("DETENTE_TEST_NATS")
	if url == "" {
		url = "nats://127.0.0.1:4222"
	}
	nc, err := natsgo.Connect(url, natsgo.Timeout(3*time.Second))
	if err != nil {
		msg := fmt.Sprintf("no NATS test server at %s (set DETENTE_TEST_NATS): %v", url, err)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	stream = fmt.Sprintf("DETENTE_CMD_TEST_%d_%d", os.Getpid(), time.Now().UnixNano())
	subject = strings.ToLower(strings.ReplaceAll(stream, "_", "."))
	t.Cleanup(func() {
		defer nc.Close()
		js, err := jetstream.New(nc)
		if err == nil {
			err = js.DeleteStream(context.Background(), stream)
		}
		if err != nil {
			t.Errorf("delete stream %s: %v", stream, err)
		}
	})
	return url, stream, subject
}

func TestEnqueueAndWorker(t *testing.T) {
	url, stream, subject := testQueue(t)
	q := []string{"--nats", url, "--stream", stream, "--subject", subject}
	corpus := filepath.Join("..", "..", "nats", "testdata", "articles.jsonl")
	const n = 8

	out, _, err := runCmd(append(append([]string{"enqueue"}, q...), corpus)...)
	if err != nil || !strings.Contains(out, fmt.Sprintf("enqueued %d items, 0 already queued", n)) {
		t.Fatalf("enqueue: %q, %v", out, err)
	}
	out, _, err = runCmd(append(append([]string{"enqueue"}, q...), corpus)...)
	if err != nil || !strings.Contains(out, fmt.Sprintf("enqueued 0 items, %d already queued", n)) {
		t.Fatalf("enqueue again: %q, %v", out, err)
	}

	db := filepath.Join(t.TempDir(), "detente.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, log: newLogger(&stderr)}
	errc := make(chan error, 1)
	go func() {
		errc <- dispatch(ctx, e, append(append([]string{"worker"}, q...), "--db", db, "--workers", "2", "--metrics", metricsAddr))
	}()
	deadline := time.Now().Add(60 * time.Second)
	for tries := 0; ; tries++ {
		acked := fmt.Sprintf(`detente_queue_items_total{outcome="acked"} %d`, n)
		if storedArticles(t, db) == n && strings.Contains(metricsOf(t, metricsAddr), acked) {
			break
		}
		if time.Now().After(deadline) || tries > 600 {
			cancel()
			t.Fatalf("in 60s the worker stored %d articles, want %d, acked as /metrics says:\n%s\nlog:\n%s",
				storedArticles(t, db), n, metricsOf(t, metricsAddr), stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("worker: %v\n%s", err, stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("worker did not stop within a minute")
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf(`"acked":%d`, n)) {
		t.Errorf("worker log does not report %d items acked:\n%s", n, stderr.String())
	}
}

// metricsOf fetches /metrics from addr.
func metricsOf(t *testing.T, addr string) string {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatalf("get /metrics: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// storedArticles counts the articles of the SQLite store at db, 0 before
// it exists.
func storedArticles(t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("open %s: %v", db, err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	return st.Articles
}

func TestEnqueueErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte(`{"url":"https://news.example.org/a","text":"France pledged aid."}`+"\n{\"text\":\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(t.TempDir(), "huge.jsonl")
	if err := os.WriteFile(huge, []byte(`{"text":"short"}`+"\n"+`{"text":"`+strings.Repeat("x", 11<<20)+`"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"nothing", []string{"enqueue"}, "nothing to enqueue"},
		{"line too long", []string{"enqueue", huge}, "huge.jsonl:2: line longer than"},
		{"bad jsonl line", []string{"enqueue", bad}, "bad.jsonl:2"},
		{"unknown kind", []string{"enqueue", "--kind", "video", "https://news.example.org/a"}, `unknown kind "video"`},
		{"untold kind", []string{"enqueue", "notes.txt"}, "cannot tell its kind"},
		{"missing warc", []string{"enqueue", filepath.Join(t.TempDir(), "absent.warc")}, "absent.warc"},
		{"page not a URL", []string{"enqueue", "--kind", "page", "/etc/hosts"}, "not an absolute http(s) URL"},
		{"worker args", []string{"worker", "extra"}, "takes no arguments"},
		{"worker items", []string{"worker", "--items", "0"}, "--items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCmd(tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("%v: error %v, want one containing %q", tt.args, err, tt.want)
			}
		})
	}
}

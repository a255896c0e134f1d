package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente/demo"
)

// demoFeedSite serves n demo pages and an RSS feed of them on loopback,
// and records the feed's conditional requests.
type demoFeedSite struct {
	mu       sync.Mutex
	ifNone   []string
	srv      *httptest.Server
	n, pages int
}

func newDemoFeedSite(t *testing.T, n int) *demoFeedSite {
	t.Helper()
	all, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	all = all[:n]
	s := &demoFeedSite{n: n}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.ifNone = append(s.ifNone, r.Header.Get("If-None-Match"))
		s.mu.Unlock()
		w.Header().Set("ETag", `"demo-1"`)
		if r.Header.Get("If-None-Match") == `"demo-1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Demo</title>`)
		for i, p := range all {
			fmt.Fprintf(w, "<item><guid>demo-%d</guid><title>Item %d</title><link>%s/page/%d</link><pubDate>%s</pubDate></item>",
				i, i, s.srv.URL, i, p.Fetched.Format(http.TimeFormat))
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/page/", func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/page/"), "%d", &i); err != nil || i < 0 || i >= n {
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		s.pages++
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(all[i].Body)
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *demoFeedSite) conditional() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := 0
	for _, v := range s.ifNone {
		if v != "" {
			c++
		}
	}
	return c
}

// runWatchUntil runs "detente watch" in-process until done reports true
// (checked every 100ms, for at most a minute), then interrupts it.
func runWatchUntil(t *testing.T, args []string, done func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	errc := make(chan error, 1)
	go func() { errc <- dispatch(ctx, e, args) }()
	deadline := time.Now().Add(time.Minute)
	for !done() {
		select {
		case err := <-errc:
			t.Fatalf("watch ended early: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("watch did not get there within a minute")
		}
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("watch after interrupt: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("watch did not stop within 30s of the interrupt")
	}
}

// Watch ingests a feed's items, stops cleanly on interrupt, and after a
// restart polls conditionally and stores nothing twice.
func TestWatchIngestsFeedAndResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline")
	}
	const n = 4
	site := newDemoFeedSite(t, n)
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(feeds, []byte("# test\n"+site.srv.URL+"/feed.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "watch.db")
	args := []string{"watch", "--feeds", feeds, "--db", db, "--allow-private", "--interval", "1m"}

	runWatchUntil(t, args, func() bool {
		site.mu.Lock()
		served := site.pages
		site.mu.Unlock()
		return served == n
	})
	if got := articlesIn(db); got != n {
		t.Fatalf("%d articles stored, want %d", got, n)
	}

	runWatchUntil(t, args, func() bool { return site.conditional() > 0 })
	if got := articlesIn(db); got != n {
		t.Errorf("%d articles after restart, want %d", got, n)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if site.pages != n {
		t.Errorf("pages fetched %d times over two runs, want %d", site.pages, n)
	}
}

func TestWatchFlags(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	bad := filepath.Join(dir, "bad.txt")
	_ = os.WriteFile(empty, []byte("# nothing\n"), 0o644)
	_ = os.WriteFile(bad, []byte("https://ok.example/rss\nnot a url\n"), 0o644)
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"watch"}, "--feeds FILE is required"},
		{[]string{"watch", "--feeds", empty}, "lists no feeds"},
		{[]string{"watch", "--feeds", bad}, bad + ":2:"},
		{[]string{"watch", "--feeds", empty, "--interval", "5s"}, "too short"},
		{[]string{"watch", "--feeds", filepath.Join(dir, "missing.txt")}, "missing.txt"},
	}
	for _, tt := range tests {
		err := dispatch(context.Background(), e, tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want %q", tt.args, err, tt.want)
		}
	}
}

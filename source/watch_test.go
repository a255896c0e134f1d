package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// memState is an in-memory StateStore for the watcher's tests (the SQLite
// store's own tests cover persistence).
type memState struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (s *memState) GetState(_ context.Context, key string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	return v, ok, nil
}

func (s *memState) PutState(_ context.Context, key string, v []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string][]byte{}
	}
	s.m[key] = append([]byte(nil), v...)
	return nil
}

// feedSite serves an RSS feed whose items the test changes between polls.
type feedSite struct {
	mu       sync.Mutex
	items    []string // "guid|title|path"
	version  int
	status   int // feed status; 0 for 200
	requests map[string]int
	ifNone   []string
	srv      *httptest.Server
}

func newFeedSite(t *testing.T) *feedSite {
	fs := &feedSite{requests: map[string]int{}}
	fs.srv = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.srv.Close)
	return fs
}

func (fs *feedSite) serve(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.requests[r.URL.Path]++
	switch {
	case r.URL.Path == "/robots.txt":
		http.NotFound(w, r)
	case r.URL.Path == "/feed":
		if fs.status != 0 {
			http.Error(w, "down", fs.status)
			return
		}
		fs.ifNone = append(fs.ifNone, r.Header.Get("If-None-Match"))
		etag := fmt.Sprintf(`"v%d"`, fs.version)
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`)
		for _, it := range fs.items {
			f := strings.Split(it, "|")
			fmt.Fprintf(w, "<item><guid>%s</guid><title>%s</title><link>%s%s</link></item>", f[0], f[1], fs.srv.URL, f[2])
		}
		fmt.Fprint(w, `</channel></rss>`)
	case strings.HasPrefix(r.URL.Path, "/broken"):
		http.Error(w, "oops", http.StatusInternalServerError)
	default:
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><body><p>Story at %s.</p></body></html>", r.URL.Path)
	}
}

func (fs *feedSite) set(version int, items ...string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.version, fs.items = version, items
}

func (fs *feedSite) count(path string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.requests[path]
}

func TestWatcherPoll(t *testing.T) {
	site := newFeedSite(t)
	state := &memState{}
	var errs []string
	newWatcher := func() *Watcher {
		return &Watcher{
			Feeds:   []string{site.srv.URL + "/feed"},
			Client:  testClient(),
			State:   state,
			Options: Options{OnError: func(in string, err error) { errs = append(errs, err.Error()) }},
		}
	}
	w := newWatcher()
	var got []string
	fn := func(_ context.Context, p detente.Page) error {
		got = append(got, strings.TrimPrefix(p.URL, site.srv.URL)+"|"+p.Title)
		return nil
	}
	poll := func(w *Watcher) []string {
		t.Helper()
		got = nil
		if err := w.Poll(context.Background(), fn); err != nil {
			t.Fatal(err)
		}
		return got
	}
	ctx := context.Background()

	site.set(1, "g1|One|/1", "g2|Two|/2", "g3|Broken|/broken")
	if p := poll(w); strings.Join(p, ",") != "/1|One,/2|Two" {
		t.Errorf("first poll: %v", p)
	}
	if p := poll(w); len(p) != 0 {
		t.Errorf("unchanged feed gave %v", p)
	}
	if last := site.ifNone[len(site.ifNone)-1]; last != `"v1"` {
		t.Errorf("second poll sent If-None-Match %q", last)
	}

	// A new version: one new item, one old item under a new GUID.
	site.set(2, "g1|One|/1", "g1-reissued|Two|/2", "g3|Broken|/broken", "g4|Four|/4")
	if p := poll(w); strings.Join(p, ",") != "/4|Four" {
		t.Errorf("third poll: %v", p)
	}
	// A restarted watcher reads the state back and repeats nothing.
	site.set(3, "g1|One|/1", "g3|Broken|/broken", "g4|Four|/4", "g5|Five|/5")
	if p := poll(newWatcher()); strings.Join(p, ",") != "/5|Five" {
		t.Errorf("after restart: %v", p)
	}
	// The broken item was tried once per changed poll, three times, then
	// given up.
	site.set(4, "g3|Broken|/broken")
	poll(newWatcher())
	site.set(5, "g3|Broken|/broken")
	poll(newWatcher())
	if n := site.count("/broken"); n != 3*2 { // two attempts per fetch, three tries
		t.Errorf("broken item fetched %d times, want 6", n)
	}
	if len(errs) != 3 || !strings.Contains(errs[2], "try 3 of 3") || !strings.Contains(errs[2], "/broken") {
		t.Errorf("errors %q", errs)
	}
	if _, ok, _ := state.GetState(ctx, "watch:"+site.srv.URL+"/feed"); !ok {
		t.Error("no state saved")
	}
}

func TestWatcherBackoff(t *testing.T) {
	site := newFeedSite(t)
	site.status = http.StatusServiceUnavailable
	var errs []error
	w := &Watcher{
		Feeds:    []string{site.srv.URL + "/feed"},
		Client:   testClient(),
		Interval: time.Hour,
		Options:  Options{OnError: func(_ string, err error) { errs = append(errs, err) }},
	}
	fn := func(context.Context, detente.Page) error { return nil }
	for range 3 {
		if err := w.Poll(context.Background(), fn); err != nil {
			t.Fatal(err)
		}
	}
	if n := site.count("/feed"); n != 2 { // one poll, two attempts; later polls wait
		t.Errorf("failing feed requested %d times, want 2", n)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "status 503") || !strings.Contains(errs[0].Error(), "next try in 2h0m0s") {
		t.Errorf("errors %v", errs)
	}
}

func TestWatcherRun(t *testing.T) {
	site := newFeedSite(t)
	site.set(1, "g1|One|/1", "g2|Two|/2")
	w := &Watcher{Feeds: []string{site.srv.URL + "/feed"}, Client: testClient(), Interval: time.Hour}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	err := w.Run(ctx, func(context.Context, detente.Page) error {
		n++
		if n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 2 {
		t.Errorf("Run = %v after %d pages", err, n)
	}
	errFull := errors.New("queue full")
	site.set(2, "g3|Three|/3")
	err = w.Run(context.Background(), func(context.Context, detente.Page) error { return errFull })
	if !errors.Is(err, errFull) {
		t.Errorf("Run = %v, want fn's error", err)
	}
}

func TestReadFeeds(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "feeds.txt")
	writeFile(t, good, []byte("# world news\nhttps://a.example/rss\n\n  https://b.example/atom.xml  # trailing comment\nhttps://a.example/rss\n"))
	feeds, err := ReadFeeds(good)
	if err != nil || strings.Join(feeds, " ") != "https://a.example/rss https://b.example/atom.xml" {
		t.Errorf("ReadFeeds = %v, %v", feeds, err)
	}
	bad := filepath.Join(dir, "bad.txt")
	writeFile(t, bad, []byte("https://a.example/rss\nftp://b.example/x\n"))
	if _, err := ReadFeeds(bad); err == nil || !strings.Contains(err.Error(), bad+":2:") {
		t.Errorf("ReadFeeds(bad) = %v, want error naming line 2", err)
	}
}

// TestStarterFeeds checks the repository's feeds.txt parses; it fetches
// nothing.
func TestStarterFeeds(t *testing.T) {
	path := filepath.Join("..", "feeds.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skip("feeds.txt absent")
	}
	feeds, err := ReadFeeds(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) < 10 {
		t.Errorf("%d feeds, want a real starter list", len(feeds))
	}
}

func TestWatcherSeveralFeeds(t *testing.T) {
	var sites []*feedSite
	var feeds []string
	for i := range 3 {
		s := newFeedSite(t)
		s.set(1, fmt.Sprintf("a%d|A%d|/a", i, i), fmt.Sprintf("b%d|B%d|/b", i, i))
		sites = append(sites, s)
		feeds = append(feeds, s.srv.URL+"/feed")
	}
	var mu sync.Mutex
	got := map[string]bool{}
	w := &Watcher{Feeds: feeds, Client: testClient(), Parallel: 2, State: &memState{}}
	err := w.Poll(context.Background(), func(_ context.Context, p detente.Page) error {
		mu.Lock()
		defer mu.Unlock()
		got[p.Title] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Errorf("pages %v, want 6", got)
	}
	for _, s := range sites {
		if s.count("/a") != 1 || s.count("/b") != 1 {
			t.Errorf("site %s: items fetched %d and %d times", s.srv.URL, s.count("/a"), s.count("/b"))
		}
	}
}

package source

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/fetch"
)

// testClient reaches loopback test servers without waiting between requests.
func testClient() *fetch.Client {
	return fetch.New(fetch.Options{
		AllowPrivate: true,
		HostInterval: -1,
		BackoffBase:  time.Millisecond,
		Attempts:     2,
		Logger:       slog.New(slog.DiscardHandler),
	})
}

// newsSite serves pages and feeds like a small news site, including the
// broken kinds.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	var base string
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.HandleFunc("/story/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><p>Full story %s.</p></body></html>", r.URL.Path, r.URL.Path)
	})
	mux.HandleFunc("/broken-story", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/image-story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00"))
	})
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
<item><title>Talks begin</title><link>%[1]s/story/1</link><guid>g1</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>
<item><title>Broken</title><link>%[1]s/broken-story</link><guid>g2</guid></item>
<item><title>No link</title><guid>g3</guid></item>
<item><title>Image</title><link>%[1]s/image-story</link><guid>g4</guid></item>
<item><title>Talks end</title><link>/story/2</link><guid>g5</guid></item>
</channel></rss>`, base)
	})
	mux.HandleFunc("/atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain") // mislabelled, told by its body
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Summit</title><link href="%s/story/3"/><id>a1</id><updated>2026-03-05T08:00:00Z</updated></entry></feed>`, base)
	})
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss><channel><item><title>cut`)
	})
	mux.HandleFunc("/not-xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `{"this": "is not a feed"}`)
	})
	mux.HandleFunc("/wrong-charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		_, _ = w.Write([]byte("<html><body><p>Caf\xe9 talks.</p></body></html>"))
	})
	mux.HandleFunc("/lying-charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<html><body><p>Caf\xe9 talks.</p></body></html>"))
	})
	srv := httptest.NewServer(mux)
	base = srv.URL
	t.Cleanup(srv.Close)
	return srv
}

func TestWalkURLs(t *testing.T) {
	srv := newsSite(t)
	inputs := []string{
		srv.URL + "/rss",
		srv.URL + "/story/page",
		srv.URL + "/atom",
		srv.URL + "/malformed",
		srv.URL + "/not-xml",
		srv.URL + "/wrong-charset",
		srv.URL + "/lying-charset",
		srv.URL + "/missing",
	}
	pages, errs := collect(t, inputs, Options{Client: testClient()})
	var got []string
	for _, p := range pages {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s", strings.TrimPrefix(p.URL, srv.URL),
			strings.TrimPrefix(p.Origin, srv.URL), p.Title, p.Published.Format(time.RFC3339)))
	}
	want := []string{
		"/story/1|/rss|Talks begin|2026-03-02T10:00:00Z",
		"/story/2|/rss|Talks end|0001-01-01T00:00:00Z",
		"/story/page|/story/page||0001-01-01T00:00:00Z",
		"/story/3|/atom|Summit|2026-03-05T08:00:00Z",
		"/wrong-charset|/wrong-charset||0001-01-01T00:00:00Z",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantErrs := map[string]string{
		srv.URL + "/broken-story":  "status 500",
		srv.URL + "/rss":           "has no link",
		srv.URL + "/image-story":   "not an HTML page",
		srv.URL + "/malformed":     "parse feed",
		srv.URL + "/not-xml":       "parse feed",
		srv.URL + "/lying-charset": "invalid UTF-8",
		srv.URL + "/missing":       "status 404",
	}
	for in, w := range wantErrs {
		err := errs[in]
		if err == nil || !strings.Contains(err.Error(), w) || !strings.Contains(err.Error(), srv.URL) {
			t.Errorf("error for %s = %v, want %q naming the URL", in, err, w)
		}
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("%d errors, want %d: %v", len(errs), len(wantErrs), errs)
	}
}

func TestLooksLikeFeed(t *testing.T) {
	tests := []struct {
		ct, body string
		want     bool
	}{
		{"application/rss+xml; charset=utf-8", "", true},
		{"application/atom+xml", "", true},
		{"text/xml", "", true},
		{"text/html", "<rss", false},
		{"text/plain", "<?xml version='1.0'?><rss version='2.0'>", true},
		{"", "<feed xmlns='http://www.w3.org/2005/Atom'>", true},
		{"", "<html><body>feed me</body></html>", false},
	}
	for _, tt := range tests {
		if got := looksLikeFeed(tt.ct, []byte(tt.body)); got != tt.want {
			t.Errorf("looksLikeFeed(%q, %q) = %v", tt.ct, tt.body, got)
		}
	}
}

func TestWalkURLCancelled(t *testing.T) {
	srv := newsSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	err := Walk(ctx, []string{srv.URL + "/rss", srv.URL + "/atom"}, Options{Client: testClient()}, func(detente.Page) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("Walk = %v after %d pages, want context.Canceled after 1", err, n)
	}
}

package http

import (
	"context"
	"errors"
	"net"
	nethttp "net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPages(t *testing.T) {
	ts, docs := testServer(t, Config{})
	var eventID, articleID string
	for _, d := range docs {
		if d.Article.Title == hostileTitle {
			eventID, articleID = d.Events[0].ID, d.Article.ID
		}
	}
	for _, tc := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"Latest events", "<mark class=\"trg\""}},
		{"/pairs/IRN-USA", 200, []string{"Iran and United States", `name="from" value="2025-06-01"`, `href="/countries/IRN">Iran</a>`, "Most reported events"}},
		{"/events/" + eventID, 200, []string{`<mark class="src" title="source: IRN">Iran</mark>`, "&lt;img src=x onerror=alert(2)&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;",
			`href="/articles/` + articleID + `#s0"`, `href="https://evil.example/x"`, "Evil &lt;b&gt;Site&lt;/b&gt; · ", fixtureStart.AddDate(0, 0, 45).Format(time.DateOnly) + "</time> · Staff</p>"}},
		{"/search?q=fourth+round", 200, []string{`<mark class="hit">fourth</mark>`, "Oman hosts U.S.–Iran talks"}},
		{"/search?q=talks&pair=USA-USA", 400, []string{"itself"}},
		{"/search", 200, []string{`name="q"`}},
		{"/countries/IRN", 200, []string{"Iran", "Latest events with Iran as source", `href="/pairs/IRN-USA"`}},
		{"/pairs", 200, []string{`href="/pairs/IRN-USA"`, `href="/pairs/CHN-TWN"`}},
		{"/pairs?limit=1&offset=1", 200, []string{`rel="prev" href="/pairs?limit=1&amp;offset=0"`, `rel="next" href="/pairs?limit=1&amp;offset=2"`}},
		{"/countries", 200, []string{`href="/countries/TWN">Taiwan</a>`, "100 = this country"}},
		{"/countries/XYZ", 400, []string{"unknown country code"}},
		{"/pairs/IRN-IRN", 400, []string{"itself"}},
		{"/pairs/IRN-USA?from=2025-07-01&to=2025-06-01", 400, []string{"backwards"}},
		{"/events/nope", 404, []string{"not found", "Back to the overview"}},
		{"/no/such/page", 404, []string{"there is no page at /no/such/page"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			status, h, b := get(t, ts, tc.path)
			if status != tc.status {
				t.Fatalf("status %d, want %d", status, tc.status)
			}
			if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
			body := string(b)
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			checkPage(t, body)
		})
	}
}

// checkPage checks what every page must be: hostile text never unescaped,
// and nothing inline that a strict CSP would block.
func checkPage(t *testing.T, body string) {
	t.Helper()
	for _, bad := range []string{"<script>alert", "<img", " style=", "<style", " onclick=", "javascript:"} {
		if strings.Contains(body, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if n := strings.Count(body, "<script"); n != 1 || !strings.Contains(body, `<script src="/assets/app.js" defer></script>`) {
		t.Errorf("page has %d script tags, want only the app.js one", n)
	}
}

// TestPairRedirect sends a pair in the other order to its canonical page.
func TestPairRedirect(t *testing.T) {
	ts, _ := testServer(t, Config{})
	c := ts.Client()
	c.CheckRedirect = func(*nethttp.Request, []*nethttp.Request) error { return nethttp.ErrUseLastResponse }
	resp, err := c.Get(ts.URL + "/pairs/USA-IRN?from=2025-06-01")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/pairs/IRN-USA?from=2025-06-01" {
		t.Errorf("status %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestAssets(t *testing.T) {
	ts, _ := testServer(t, Config{})
	for path, ctype := range map[string]string{"/assets/app.js": "text/javascript", "/assets/style.css": "text/css"} {
		status, h, b := get(t, ts, path)
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), ctype) || len(b) == 0 {
			t.Errorf("%s: status %d, type %q, %d bytes", path, status, h.Get("Content-Type"), len(b))
		}
	}
	for _, path := range []string{"/templates/base.html", "/assets/../templates/base.html", "/assets/%2e%2e/templates/base.html", "/assets/nope.js"} {
		if status, _, b := get(t, ts, path); status != 404 || strings.Contains(string(b), "{{") {
			t.Errorf("%s: status %d", path, status)
		}
	}
}

// TestGracefulShutdown cancels the server's context while a request is in
// flight: the request completes and Serve returns without error.
func TestGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	push := nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		close(started)
		<-release
		w.WriteHeader(nethttp.StatusAccepted)
	})
	st, _ := fixtureStore(t)
	srv := NewServer(Config{Reader: st, Push: push, Token: "t"})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	status := make(chan int, 1)
	go func() {
		req, _ := nethttp.NewRequest("POST", "http://"+ln.Addr().String()+"/api/v1/articles", strings.NewReader("{}"))
		req.Header.Set("Authorization", "Bearer t")
		resp, err := nethttp.DefaultClient.Do(req)
		if err != nil {
			status <- -1
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	<-started
	cancel()
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v with a request in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if got := <-status; got != nethttp.StatusAccepted {
		t.Errorf("in-flight request got %d", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("listener still accepts after shutdown")
	}
}

// httptestRecorder answers a GET of path without a network.
func httptestRecorder(srv *Server, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w
}

package nats

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/source"
)

const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Turkey condemns strike on Gaza school | Example News</title>
<meta property="article:published_time" content="2026-03-12T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Turkey condemns strike on Gaza school</h1>
<p>Turkey condemned Israel's strike on the Gaza Strip on Thursday, calling the attack on a school
sheltering displaced families unacceptable.</p>
<p>The foreign ministry in Ankara called for an independent inquiry and said it had summoned the
Israeli charge d'affaires. Officials in Jerusalem said the building had been used by militants.</p>
<p>Aid agencies said more than forty people had been sheltering in the school at the time.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>`

// TestPageItems runs page items against a real local HTTP server: a page
// that answers is stored, one that is gone is terminated at once, one that
// keeps failing with 503 is retried until MaxDeliver and then terminated.
func TestPageItems(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	var busyHits atomic.Int64
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/world/turkey-condemns-strike.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, pageHTML)
		case "/world/busy.html":
			busyHits.Add(1)
			http.Error(w, "try later", http.StatusServiceUnavailable)
		default:
			http.NotFound(w, r)
		}
	}))
	defer web.Close()

	producer := openQueue(t, server, cfg)
	items := []Item{
		{Kind: KindPage, URL: web.URL + "/world/turkey-condemns-strike.html"},
		{Kind: KindPage, URL: web.URL + "/world/gone.html"},
		{Kind: KindPage, URL: web.URL + "/world/busy.html"},
	}
	if _, err := producer.Enqueue(context.Background(), items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	client := fetch.New(fetch.Options{AllowPrivate: true, HostInterval: -1, Attempts: 1, IgnoreRobots: true})
	w := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store),
		Sources: source.Options{Client: client}, Log: testLogger(t)}
	stop := start(t, w)
	want := Counts{Acked: 1, Retried: int64(cfg.MaxDeliver - 1), Terminated: 2}
	eventually(t, 30*time.Second, "every item settled", func() (bool, string) {
		return w.Counts() == want, fmt.Sprintf("counts %+v, want %+v", w.Counts(), want)
	})
	drained(t, producer, 10*time.Second)
	if err := stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
	if got := busyHits.Load(); got != int64(cfg.MaxDeliver) {
		t.Errorf("the failing page was fetched %d times, want %d (MaxDeliver)", got, cfg.MaxDeliver)
	}
	if st := stats(t, store); st.Articles != 1 || st.Events == 0 {
		t.Errorf("stats %+v, want 1 article with events", st)
	}
}

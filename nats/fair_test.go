package nats

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/source"
)

// TestSlowItemsAreShared: six items that each take a while (pages served
// after 2.5 s) are shared by two workers of four slots each, though one
// starts first. A worker asks only for the items it can start now; asking
// for twice its slots, the first took all six, and held two it could not
// start while the other worker idled.
func TestSlowItemsAreShared(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	// An ack wait longer than the test: items a worker holds unstarted are
	// not handed to the other worker by the server's redelivery.
	cfg.AckWait = time.Minute
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2500 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// Each page its own article: a distinct headline and first line.
		fmt.Fprint(w, strings.Replace(pageHTML, "Turkey condemned", "In "+r.URL.Path+", Turkey condemned", 1))
	}))
	defer web.Close()

	producer := openQueue(t, server, cfg)
	var items []Item
	for i := range 6 {
		items = append(items, Item{Kind: KindPage, URL: fmt.Sprintf("%s/world/slow-%d.html", web.URL, i)})
	}
	if _, err := producer.Enqueue(context.Background(), items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	worker := func() *Worker {
		client := fetch.New(fetch.Options{AllowPrivate: true, HostInterval: -1, Attempts: 1, IgnoreRobots: true})
		return &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store),
			Sources: source.Options{Client: client}, Log: testLogger(t)}
	}
	first, second := worker(), worker()
	stopFirst := start(t, first)
	eventually(t, 10*time.Second, "the first worker has items", func() (bool, string) {
		waiting, unacked, err := producer.Depth(context.Background())
		return err == nil && unacked > 0, fmtDepth(waiting, unacked)
	})
	stopSecond := start(t, second)
	drained(t, producer, 60*time.Second)
	for _, stop := range []func() error{stopFirst, stopSecond} {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	a, b := first.Counts(), second.Counts()
	if a.Acked+b.Acked != int64(len(items)) || a.Acked == 0 || b.Acked == 0 {
		t.Errorf("first worker %+v, second %+v: want the %d items acked, some by each", a, b, len(items))
	}
	if a.Acked > 4 {
		t.Errorf("the first worker took %d items with 4 slots while the second was free", a.Acked)
	}
	if st := stats(t, store); st.Articles != len(items) {
		t.Errorf("stats %+v, want %d articles", st, len(items))
	}
}

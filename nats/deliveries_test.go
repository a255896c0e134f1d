package nats

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/source"
	"github.com/nats-io/nats.go/jetstream"
)

func TestDeliveriesCorrectACountGoingBackwards(t *testing.T) {
	d := newDeliveries(time.Minute)
	t0 := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	steps := []struct {
		seq, reported, want uint64
		corrected           bool
	}{
		{7, 1, 1, false},
		{7, 2, 2, false},
		{9, 1, 1, false},
		{7, 1, 3, true}, // the server's cursor stepped back
		{7, 3, 4, true},
		{7, 6, 6, false}, // another worker had it meanwhile
		{9, 2, 2, false},
	}
	for i, s := range steps {
		got, corrected := d.count(s.seq, s.reported, t0.Add(time.Duration(i)*time.Second))
		if got != s.want || corrected != s.corrected {
			t.Errorf("step %d: count(%d, %d) = %d, %v; want %d, %v", i, s.seq, s.reported, got, corrected, s.want, s.corrected)
		}
	}
	d.forget(7)
	if got, _ := d.count(7, 1, t0.Add(10*time.Second)); got != 1 {
		t.Errorf("after forget, count(7, 1) = %d, want 1", got)
	}
	// Past keep since its last delivery, item 9 is dropped at the next
	// count; item 7, delivered since, is kept.
	d.count(11, 1, t0.Add(6*time.Second+time.Minute+time.Millisecond))
	if _, ok := d.seen[9]; ok {
		t.Errorf("item 9 still remembered %v after its last delivery, keep is %v", time.Minute+time.Millisecond, d.keep)
	}
	if _, ok := d.seen[7]; !ok {
		t.Error("item 7 dropped before keep had passed since its last delivery")
	}
}

// message is a delivered message whose metadata the test sets: a server
// that numbers a delivery as an earlier one cannot be made to do so on
// demand. It records how the worker settled it.
type message struct {
	jetstream.Msg // not called: any other method panics
	data          []byte
	meta          jetstream.MsgMetadata
	settled       string
}

func (m *message) Data() []byte                              { return m.data }
func (m *message) Subject() string                           { return "detente.test.page" }
func (m *message) Metadata() (*jetstream.MsgMetadata, error) { return &m.meta, nil }
func (m *message) NakWithDelay(time.Duration) error          { m.settled = "nak"; return nil }
func (m *message) Term() error                               { m.settled = "term"; return nil }

// TestWorkerTerminatesOnTheLastDeliveryWhateverTheServerNumbersIt hands a
// worker the deliveries of a page that keeps failing with 503 as a NATS
// server before 2.10.14 may number them, 1, 2, 3 and 1 again, and as a
// correct server does: both times the last is terminated.
func TestWorkerTerminatesOnTheLastDeliveryWhateverTheServerNumbersIt(t *testing.T) {
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "try later", http.StatusServiceUnavailable)
	}))
	defer web.Close()
	data, err := json.Marshal(Item{Kind: KindPage, URL: web.URL + "/world/busy.html"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{AckWait: 2 * time.Second, Retry: []time.Duration{2 * time.Second}, MaxDeliver: 4}
	client := fetch.New(fetch.Options{AllowPrivate: true, HostInterval: -1, Attempts: 1, IgnoreRobots: true})
	for _, numbers := range [][]uint64{{1, 2, 3, 1}, {1, 2, 3, 4}} {
		w := &Worker{Queue: &Queue{cfg: cfg.withDefaults()}, Sources: source.Options{Client: client}, Log: testLogger(t)}
		w.defaults()
		r := newRun(w, nil)
		var got []string
		for _, n := range numbers {
			m := &message{data: data, meta: jetstream.MsgMetadata{NumDelivered: n}}
			m.meta.Sequence.Stream = 3
			r.handle(context.Background(), m)
			got = append(got, m.settled)
		}
		want := []string{"nak", "nak", "nak", "term"}
		if !slices.Equal(got, want) {
			t.Errorf("deliveries numbered %v settled as %v, want %v", numbers, got, want)
		}
		if c := w.Counts(); c != (Counts{Retried: 3, Terminated: 1}) {
			t.Errorf("deliveries numbered %v: counts %+v, want 3 retried and 1 terminated", numbers, c)
		}
		if _, ok := r.seen.seen[3]; ok {
			t.Errorf("deliveries numbered %v: the terminated item is still remembered", numbers)
		}
	}
}

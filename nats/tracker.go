package nats

import (
	"sync"

	"github.com/detente-project/detente"
	"github.com/nats-io/nats.go/jetstream"
)

// delivery is one delivered message while it is worked on: how many of its
// pages are still in the pipeline, whether it has been fully expanded, and
// how the expansion ended.
type delivery struct {
	msg       jetstream.Msg
	key       string // Page.Origin of its pages
	item      Item
	seq       uint64 // the item's stream sequence
	delivered uint64 // delivery count, 1 on the first
	pending   int
	expanded  bool
	err       error
}

// tracker holds the deliveries in progress. A delivery is settled, and
// leaves the tracker, once it is expanded and none of its pages is
// pending: only then may it be acked.
type tracker struct {
	mu sync.Mutex
	m  map[string]*delivery
}

func newTracker() *tracker { return &tracker{m: map[string]*delivery{}} }

func (t *tracker) add(d *delivery) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.m[d.key] = d
}

// page counts one more page of d in the pipeline.
func (t *tracker) page(d *delivery) {
	t.mu.Lock()
	defer t.mu.Unlock()
	d.pending++
}

// expanded records that d has emitted all its pages (err says how the
// expansion ended) and returns d if it is thereby settled.
func (t *tracker) expanded(d *delivery, err error) *delivery {
	t.mu.Lock()
	defer t.mu.Unlock()
	d.expanded, d.err = true, err
	return t.settleLocked(d)
}

// done counts pages as settled and returns the deliveries they settle.
func (t *tracker) done(pages []detente.Page) []*delivery {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []*delivery
	for _, p := range pages {
		d := t.m[p.Origin]
		if d == nil {
			continue
		}
		d.pending--
		if s := t.settleLocked(d); s != nil {
			out = append(out, s)
		}
	}
	return out
}

func (t *tracker) settleLocked(d *delivery) *delivery {
	if !d.expanded || d.pending > 0 {
		return nil
	}
	if _, ok := t.m[d.key]; !ok {
		return nil
	}
	delete(t.m, d.key)
	return d
}

// open returns the messages of the deliveries in progress.
func (t *tracker) open() []jetstream.Msg {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]jetstream.Msg, 0, len(t.m))
	for _, d := range t.m {
		out = append(out, d.msg)
	}
	return out
}

// drop removes and returns every delivery in progress.
func (t *tracker) drop() []*delivery {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]*delivery, 0, len(t.m))
	for k, d := range t.m {
		out = append(out, d)
		delete(t.m, k)
	}
	return out
}

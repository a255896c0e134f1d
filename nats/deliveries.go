package nats

import (
	"sync"
	"time"
)

// deliveries remembers how often a run has been handed each item it has not
// settled for good, so that a delivery count the server reports going
// backwards is corrected.
//
// NATS servers before 2.10.14 (Debian 12 ships 2.9.10) may number a
// delivery 1 that is not the first: when a redelivery becomes due just as
// the fetch waiting for it expires, the server steps its stream cursor back
// and hands out the newest item it had delivered again as a new one
// (nats-server pull request 5305). Trusted, such a count keeps a failing
// item from ever reaching MaxDeliver here: the server drops it after its
// last delivery while the worker logs that it will be retried, and never
// terminates it. A count that does not go up is one more than the most this
// run has seen.
type deliveries struct {
	keep time.Duration // how long an item handed back is remembered

	mu    sync.Mutex
	seen  map[uint64]seenItem // by stream sequence
	swept time.Time
}

type seenItem struct {
	n  uint64    // deliveries counted
	at time.Time // of the last
}

// newDeliveries remembers an item handed back for keep after its last
// delivery: long enough for the server to deliver it again, which it does
// within the longest wait of the queue's backoff unless every worker is
// busy.
func newDeliveries(keep time.Duration) *deliveries {
	return &deliveries{keep: keep, seen: map[uint64]seenItem{}}
}

// count records a delivery of the item at stream sequence seq that the
// server numbered reported and returns its number: reported, or one more
// than the deliveries already seen when reported is not more. The second
// result says whether the server's number was corrected.
func (d *deliveries) count(seq, reported uint64, now time.Time) (uint64, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if now.Sub(d.swept) > d.keep {
		for k, s := range d.seen {
			if now.Sub(s.at) > d.keep {
				delete(d.seen, k)
			}
		}
		d.swept = now
	}
	n, corrected := reported, false
	if s, ok := d.seen[seq]; ok && s.n >= reported {
		n, corrected = s.n+1, true
	}
	d.seen[seq] = seenItem{n: n, at: now}
	return n, corrected
}

// forget drops an item settled for good: acked or terminated.
func (d *deliveries) forget(seq uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.seen, seq)
}

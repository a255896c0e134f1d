package fetch

import (
	"context"
	"sync"
	"time"
)

// hostLimiter spaces requests to each host.
type hostLimiter struct {
	mu   sync.Mutex
	next map[string]time.Time // host → earliest time of its next request
}

func newHostLimiter() *hostLimiter { return &hostLimiter{next: map[string]time.Time{}} }

// maxHosts bounds the limiter's memory: past it, hosts whose slot has
// passed are forgotten.
const maxHosts = 4096

// wait blocks until host may be requested again, reserving the slot after
// it; a negative interval does not wait.
func (l *hostLimiter) wait(ctx context.Context, host string, interval time.Duration) error {
	if interval < 0 {
		return ctx.Err()
	}
	now := time.Now()
	l.mu.Lock()
	if len(l.next) >= maxHosts {
		for h, t := range l.next {
			if t.Before(now) {
				delete(l.next, h)
			}
		}
	}
	at := l.next[host]
	if at.Before(now) {
		at = now
	}
	l.next[host] = at.Add(interval)
	l.mu.Unlock()
	return sleep(ctx, at.Sub(now))
}

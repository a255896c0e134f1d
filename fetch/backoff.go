package fetch

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoff returns the delay before retry number attempt+1: the server's
// Retry-After when it gave one, else BackoffBase doubled per attempt, with
// jitter between half and all of it. It returns false when the server asks
// for a wait longer than BackoffMax: retrying sooner would be rude.
func (c *Client) backoff(attempt int, retryAfter time.Duration) (time.Duration, bool) {
	if retryAfter > 0 {
		if retryAfter > c.opts.BackoffMax {
			return 0, false
		}
		return retryAfter, true
	}
	d := c.opts.BackoffBase << min(attempt, 20)
	if d <= 0 || d > c.opts.BackoffMax {
		d = c.opts.BackoffMax
	}
	half := d / 2
	return half + rand.N(half+1), true
}

// retryAfter parses a Retry-After header, in seconds or as an HTTP date;
// 0 when absent or unparseable.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(min(s, 1<<30)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

package http

import (
	"bytes"
	nethttp "net/http"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// responseCache keeps the successful answers of read-only, aggregate
// endpoints (pairs, series, indexes, alerts) for a short time. Their data
// changes only when the pipeline stores a batch, yet a dashboard full of
// clients asks for the same year of a pair again and again; serving those
// from memory keeps tail latency low under many clients. Concurrent misses
// of one query are computed once and share the answer. Once an answer has
// expired, the first request to ask again computes it anew while the
// others, rather than all waiting for it, are served the expired answer,
// if it is less than twice ttl old: answers are at most ttl old, or twice
// ttl while a new one is being computed. Errors are not kept. The answers kept take at most maxBytes, so
// that clients asking for ever new URLs cannot drive memory up.
type responseCache struct {
	ttl      time.Duration
	maxBytes int
	now      func() time.Time
	group    singleflight.Group

	mu        sync.Mutex
	entries   map[string]cachedResponse
	bytes     int             // size of the entries, keys included
	computing map[string]bool // keys whose answer a request is computing
}

type cachedResponse struct {
	at   time.Time
	resp *bufferedResponse
	size int
}

// entryOverhead approximates what an entry costs beyond its key and body:
// headers, the map slot and the structs.
const entryOverhead = 512

func newResponseCache(ttl time.Duration, maxBytes int, now func() time.Time) *responseCache {
	return &responseCache{ttl: ttl, maxBytes: maxBytes, now: now, entries: map[string]cachedResponse{}, computing: map[string]bool{}}
}

// wrap serves next through the cache, keyed on the path and the values of
// params, the query parameters next reads (cacheKey). Other parameters
// must have been refused before (knownQuery).
func (c *responseCache) wrap(next nethttp.HandlerFunc, params []string) nethttp.HandlerFunc {
	return func(w nethttp.ResponseWriter, r *nethttp.Request) {
		key := cacheKey(r, params)
		if resp, ok := c.get(key); ok {
			resp.writeTo(w)
			return
		}
		v, _, _ := c.group.Do(key, func() (any, error) {
			c.setComputing(key, true)
			defer c.setComputing(key, false)
			resp := &bufferedResponse{header: nethttp.Header{}, status: nethttp.StatusOK}
			next(resp, r)
			if resp.status == nethttp.StatusOK {
				c.put(key, resp)
			}
			return resp, nil
		})
		v.(*bufferedResponse).writeTo(w)
	}
}

// get returns the answer kept for key when it is fresh, or expired but
// less than twice ttl old while a request computes the next one.
func (c *responseCache) get(key string) (*bufferedResponse, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	age := c.now().Sub(e.at)
	if age < c.ttl || age < 2*c.ttl && c.computing[key] {
		return e.resp, true
	}
	return nil, false
}

// setComputing marks that a request is computing key's answer, or no
// longer.
func (c *responseCache) setComputing(key string, on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if on {
		c.computing[key] = true
	} else {
		delete(c.computing, key)
	}
}

// put stores an answer; a full cache first drops what has expired, and
// everything when that is not enough, so memory stays bounded. An answer
// larger than a sixteenth of the bound is not kept.
func (c *responseCache) put(key string, resp *bufferedResponse) {
	size := len(key) + resp.body.Len() + entryOverhead
	if size > c.maxBytes/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if old, ok := c.entries[key]; ok {
		c.bytes -= old.size
		delete(c.entries, key)
	}
	if c.bytes+size > c.maxBytes {
		for k, e := range c.entries {
			if now.Sub(e.at) >= c.ttl {
				c.bytes -= e.size
				delete(c.entries, k)
			}
		}
		if c.bytes+size > c.maxBytes {
			clear(c.entries)
			c.bytes = 0
		}
	}
	c.entries[key] = cachedResponse{at: now, resp: resp, size: size}
	c.bytes += size
}

// bufferedResponse holds a handler's answer so that it can be kept and
// written again; once written to it is only read.
type bufferedResponse struct {
	header nethttp.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() nethttp.Header      { return b.header }
func (b *bufferedResponse) WriteHeader(code int)        { b.status = code }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

func (b *bufferedResponse) writeTo(w nethttp.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.status)
	w.Write(b.body.Bytes())
}

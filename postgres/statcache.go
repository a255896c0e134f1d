package postgres

import (
	"sync"
	"time"
)

// statsTTL is how long a statCache keeps what it read. The planner's
// statistics change only when a table is analyzed, and what a search
// reads of them (the months' shares of a full-text index, the planner's
// estimates of its matches) only chooses how it reads them: a minute old,
// they change how many months a search reads, or whether it walks, never
// what it finds.
const statsTTL = time.Minute

// keptStats bounds the values a statCache keeps: its keys are the
// users' searches. A few hundred bytes each.
const keptStats = 4096

// statCache keeps values read from the planner's statistics, by key, for
// statsTTL; concurrent reads of one key may each read it. A nil
// statCache keeps nothing.
type statCache[V any] struct {
	now func() time.Time
	mu  sync.Mutex
	by  map[string]stamped[V]
}

// stamped is a value and when it was read.
type stamped[V any] struct {
	read time.Time
	v    V
}

// newStatCache returns an empty cache that tells the time by now.
func newStatCache[V any](now func() time.Time) *statCache[V] {
	return &statCache[V]{now: now, by: map[string]stamped[V]{}}
}

// get returns the value of key, read by read unless c holds one read
// within statsTTL. An error is not kept.
func (c *statCache[V]) get(key string, read func() (V, error)) (V, error) {
	if c == nil {
		return read()
	}
	now := c.now()
	c.mu.Lock()
	got, ok := c.by[key]
	c.mu.Unlock()
	if ok && now.Sub(got.read) < statsTTL && !now.Before(got.read) {
		return got.v, nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.by) >= keptStats {
		clear(c.by)
	}
	c.by[key] = stamped[V]{read: now, v: v}
	c.mu.Unlock()
	return v, nil
}

package pipeline

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/detente-project/detente"
)

// checkpoints tracks, per origin, the pages dispatched and those stored, and
// persists the low watermark: the offset of the first page not yet known to
// be stored. Pages finish out of order on parallel workers, so an offset is
// only safe once every earlier page of its origin is stored too.
type checkpoints struct {
	state StateStore
	mu    sync.Mutex
	// pending holds, per origin, dispatched offsets in dispatch order and
	// whether each is stored.
	pending map[string]*originMarks
}

type originMarks struct {
	offsets []int64
	done    map[int64]bool
}

func newCheckpoints(s StateStore) *checkpoints {
	return &checkpoints{state: s, pending: map[string]*originMarks{}}
}

func checkpointKey(origin string) string { return "checkpoint:" + origin }

func (c *checkpoints) load(ctx context.Context, origin string) (int64, error) {
	if c.state == nil {
		return 0, nil
	}
	v, ok, err := c.state.GetState(ctx, checkpointKey(origin))
	if err != nil || !ok {
		return 0, err
	}
	off, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("checkpoint of %s: %w", origin, err)
	}
	return off, nil
}

func (c *checkpoints) dispatch(p detente.Page) {
	if c.state == nil || p.Origin == "" || p.Offset < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.pending[p.Origin]
	if m == nil {
		m = &originMarks{done: map[int64]bool{}}
		c.pending[p.Origin] = m
	}
	m.offsets = append(m.offsets, p.Offset)
}

// complete marks pages stored and saves every watermark that moved.
func (c *checkpoints) complete(ctx context.Context, pages []detente.Page) error {
	if c.state == nil {
		return nil
	}
	c.mu.Lock()
	moved := map[string]int64{}
	for _, p := range pages {
		m := c.pending[p.Origin]
		if m == nil || p.Offset < 0 {
			continue
		}
		m.done[p.Offset] = true
		for len(m.offsets) > 0 && m.done[m.offsets[0]] {
			// Resume skips pages before the saved offset: with every
			// dispatched page stored, that is just past the last one.
			moved[p.Origin] = m.offsets[0] + 1
			delete(m.done, m.offsets[0])
			m.offsets = m.offsets[1:]
		}
		if len(m.offsets) > 0 {
			if _, ok := moved[p.Origin]; ok {
				moved[p.Origin] = m.offsets[0]
			}
		}
	}
	c.mu.Unlock()

	origins := make([]string, 0, len(moved))
	for o := range moved {
		origins = append(origins, o)
	}
	sort.Strings(origins)
	for _, o := range origins {
		if err := c.state.PutState(ctx, checkpointKey(o), []byte(strconv.FormatInt(moved[o], 10))); err != nil {
			return fmt.Errorf("save checkpoint of %s: %w", o, err)
		}
	}
	return nil
}

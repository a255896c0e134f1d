package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/fetch"
	"github.com/mmcdole/gofeed"
	"golang.org/x/sync/errgroup"
)

// StateStore keeps small named values across restarts; the SQLite and
// PostgreSQL stores implement it.
type StateStore interface {
	GetState(ctx context.Context, key string) ([]byte, bool, error)
	PutState(ctx context.Context, key string, v []byte) error
}

// Watcher polls feeds and hands on the pages of their new items. An item is
// new when neither its GUID (or link) nor its content hash (title and
// link) was seen in that feed, so feeds that reissue GUIDs do not repeat
// themselves. What was seen, the feed's cache validators and its failure
// backoff persist in State under "watch:<feed URL>".
type Watcher struct {
	Feeds    []string
	Client   *fetch.Client // required
	State    StateStore    // nil keeps state in memory only
	Interval time.Duration // between polls of a feed; default 5m
	// MaxBackoff caps the wait after repeated failures of a feed, which
	// doubles the interval per failure. Default 6h.
	MaxBackoff time.Duration
	MaxSeen    int // items remembered per feed; default 2000
	MaxTries   int // fetches of one item's page before giving it up; default 3
	// Parallel is how many feeds are polled at once; default 4. The items
	// of one feed are fetched one after the other, and the Client spaces
	// requests to each host, so this only overlaps different sites. With
	// more than one, fn and Options.OnError are called concurrently.
	Parallel int
	// Options give MaxFeedItems, OnError and Logger for the items.
	Options Options

	mu  sync.Mutex
	mem map[string][]byte // state when State is nil
}

// feedState is what the watcher remembers of a feed.
type feedState struct {
	Validators fetch.Validators `json:"validators"`
	Items      []itemState      `json:"items"` // oldest first
	Failures   int              `json:"failures"`
	NextPoll   time.Time        `json:"next_poll"`
}

type itemState struct {
	Key   string `json:"key"`
	Hash  string `json:"hash"`
	Done  bool   `json:"done"`
	Tries int    `json:"tries,omitempty"`
}

func (w *Watcher) defaults() {
	if w.Interval <= 0 {
		w.Interval = 5 * time.Minute
	}
	if w.MaxBackoff <= 0 {
		w.MaxBackoff = 6 * time.Hour
	}
	if w.MaxSeen <= 0 {
		w.MaxSeen = 2000
	}
	if w.MaxTries <= 0 {
		w.MaxTries = 3
	}
	if w.Parallel <= 0 {
		w.Parallel = 4
	}
	w.Options = w.Options.withDefaults()
}

// Run polls every feed each Interval until ctx is done, and returns
// ctx's error or fn's first error. Feed and item failures go to
// Options.OnError and are retried later.
func (w *Watcher) Run(ctx context.Context, fn func(context.Context, detente.Page) error) error {
	w.defaults()
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		if err := w.Poll(ctx, fn); err != nil {
			return err
		}
		t.Reset(w.Interval)
	}
}

// Poll makes one round over the feeds that are due, and returns ctx's
// error or fn's first error.
func (w *Watcher) Poll(ctx context.Context, fn func(context.Context, detente.Page) error) error {
	w.defaults()
	if w.Client == nil {
		return errors.New("watch: no HTTP client")
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(w.Parallel)
	for _, feed := range w.Feeds {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error { return w.pollFeed(gctx, feed, fn) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// pollFeed polls one feed if it is due; only ctx's or fn's error is
// returned, the feed's own failures are reported.
func (w *Watcher) pollFeed(ctx context.Context, feed string, fn func(context.Context, detente.Page) error) error {
	st, err := w.load(ctx, feed)
	if err != nil {
		w.Options.OnError(feed, err)
		return nil
	}
	now := time.Now().UTC()
	if now.Before(st.NextPoll) {
		return nil
	}
	items, err := w.fetchFeed(ctx, feed, st)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		st.Failures++
		wait := min(w.Interval<<min(st.Failures, 20), w.MaxBackoff)
		st.NextPoll = now.Add(wait)
		w.Options.OnError(feed, fmt.Errorf("%w (next try in %s)", err, wait))
		if err := w.save(ctx, feed, st); err != nil {
			w.Options.OnError(feed, err)
		}
		return nil
	}
	st.Failures, st.NextPoll = 0, time.Time{}
	runErr := w.items(ctx, feed, st, items, fn)
	if err := w.save(ctx, feed, st); err != nil && runErr == nil {
		w.Options.OnError(feed, err)
	}
	return runErr
}

// fetchFeed fetches and parses a feed conditionally; no items when it is
// unchanged.
func (w *Watcher) fetchFeed(ctx context.Context, feed string, st *feedState) ([]*gofeed.Item, error) {
	resp, err := w.Client.Get(ctx, feed, st.Validators)
	if err != nil {
		return nil, err
	}
	st.Validators = resp.Validators
	if resp.NotModified {
		return nil, nil
	}
	f, err := parseFeed(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", feed, err)
	}
	items := f.Items
	if len(items) > w.Options.MaxFeedItems {
		items = items[:w.Options.MaxFeedItems]
	}
	// Oldest first, so that stories are founded by their first report.
	items = slices.DeleteFunc(slices.Clone(items), func(it *gofeed.Item) bool { return it == nil })
	slices.SortStableFunc(items, func(a, b *gofeed.Item) int { return itemDate(a).Compare(itemDate(b)) })
	return items, nil
}

// items hands on the pages of new items and records them in st.
func (w *Watcher) items(ctx context.Context, feed string, st *feedState, items []*gofeed.Item, fn func(context.Context, detente.Page) error) error {
	byKey := map[string]int{}
	hashes := map[string]bool{}
	for i, s := range st.Items {
		byKey[s.Key] = i
		if s.Done {
			hashes[s.Hash] = true
		}
	}
	for _, it := range items {
		key, hash := itemKey(it), itemHash(it)
		i, known := byKey[key]
		if known && (st.Items[i].Done || st.Items[i].Tries >= w.MaxTries) || hashes[hash] {
			continue
		}
		if !known {
			st.Items = append(st.Items, itemState{Key: key, Hash: hash})
			i = len(st.Items) - 1
			byKey[key] = i
		}
		s := &st.Items[i]
		s.Tries++
		var p detente.Page
		err := errors.New("item has no link")
		if strings.TrimSpace(it.Link) != "" {
			p, err = itemPage(ctx, w.Client, feed, it)
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			w.Options.OnError(itemLink(feed, it), fmt.Errorf("%s item %q (try %d of %d): %w", feed, key, s.Tries, w.MaxTries, err))
			continue
		}
		if err := fn(ctx, p); err != nil {
			return err
		}
		s.Done, s.Tries = true, 0
		hashes[hash] = true
	}
	if extra := len(st.Items) - w.MaxSeen; extra > 0 {
		st.Items = slices.Delete(st.Items, 0, extra)
	}
	return nil
}

// itemKey identifies an item within its feed: its GUID, else its link,
// else its title.
func itemKey(it *gofeed.Item) string {
	for _, k := range []string{it.GUID, it.Link, it.Title} {
		if k = strings.TrimSpace(k); k != "" {
			return k
		}
	}
	return "untitled"
}

// itemHash identifies an item's content: its title and link.
func itemHash(it *gofeed.Item) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(it.Title) + "\x00" + strings.TrimSpace(it.Link)))
	return hex.EncodeToString(sum[:12])
}

func stateKey(feed string) string { return "watch:" + feed }

func (w *Watcher) load(ctx context.Context, feed string) (*feedState, error) {
	var data []byte
	if w.State != nil {
		v, ok, err := w.State.GetState(ctx, stateKey(feed))
		if err != nil {
			return nil, fmt.Errorf("load state of %s: %w", feed, err)
		}
		if ok {
			data = v
		}
	} else {
		w.mu.Lock()
		data = w.mem[feed]
		w.mu.Unlock()
	}
	st := &feedState{}
	if len(data) > 0 {
		if err := json.Unmarshal(data, st); err != nil {
			return nil, fmt.Errorf("state of %s: %w", feed, err)
		}
	}
	return st, nil
}

func (w *Watcher) save(ctx context.Context, feed string, st *feedState) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("state of %s: %w", feed, err)
	}
	if w.State != nil {
		if err := w.State.PutState(ctx, stateKey(feed), data); err != nil {
			return fmt.Errorf("save state of %s: %w", feed, err)
		}
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.mem == nil {
		w.mem = map[string][]byte{}
	}
	w.mem[feed] = data
	return nil
}

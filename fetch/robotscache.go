package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"
)

// robotsCache holds each host's robots.txt, fetched once per TTL.
type robotsCache struct {
	c       *Client
	mu      sync.Mutex
	entries map[string]*robotsEntry // scheme://host → entry
}

type robotsEntry struct {
	ready   chan struct{} // closed once robots and err are set
	robots  *Robots
	err     error // set when the host's robots.txt is unusable
	expires time.Time
}

// maxRobotsHosts bounds the cache: past it, expired entries are dropped.
const maxRobotsHosts = 4096

func newRobotsCache(c *Client) *robotsCache {
	return &robotsCache{c: c, entries: map[string]*robotsEntry{}}
}

// get returns the robots.txt of u's host, fetching it when not cached; one
// fetch serves concurrent callers.
func (rc *robotsCache) get(ctx context.Context, u *url.URL) (*robotsEntry, error) {
	key := u.Scheme + "://" + u.Host
	now := time.Now()
	rc.mu.Lock()
	e, ok := rc.entries[key]
	if !ok || (isClosed(e.ready) && now.After(e.expires)) {
		if len(rc.entries) >= maxRobotsHosts {
			for k, old := range rc.entries {
				if isClosed(old.ready) && now.After(old.expires) {
					delete(rc.entries, k)
				}
			}
		}
		e = &robotsEntry{ready: make(chan struct{})}
		rc.entries[key] = e
		rc.mu.Unlock()
		rc.load(ctx, key, e)
		close(e.ready)
		return e, nil
	}
	rc.mu.Unlock()
	select {
	case <-e.ready:
		return e, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// load fetches key's robots.txt. Following RFC 9309, a 4xx answer means
// no rules; a 5xx answer or a network failure means everything is
// disallowed until the entry expires (an hour at most).
func (rc *robotsCache) load(ctx context.Context, key string, e *robotsEntry) {
	ttl := rc.c.opts.RobotsTTL
	resp, err := rc.c.Get(context.WithValue(ctx, robotsKey{}, true), key+"/robots.txt", Validators{})
	var fe *Error
	switch {
	case err == nil:
		e.robots = ParseRobots(resp.Body)
	case errors.As(err, &fe) && fe.Status >= 400 && fe.Status < 500:
		e.robots = &Robots{}
	default:
		e.robots = &Robots{}
		e.err = fmt.Errorf("robots.txt unavailable: %w", err)
		ttl = min(ttl, time.Hour)
		if ctx.Err() != nil {
			ttl = 0 // our own cancellation says nothing about the site
		}
	}
	e.expires = time.Now().Add(ttl)
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// check returns ErrDisallowed when robots.txt forbids u, or the reason the
// host's robots.txt could not be read.
func (rc *robotsCache) check(ctx context.Context, u *url.URL) error {
	e, err := rc.get(ctx, u)
	if err != nil {
		return err
	}
	if e.err != nil {
		return e.err
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.robots.Allowed(robotsAgent, path) {
		return fmt.Errorf("%w for %s", ErrDisallowed, robotsAgent)
	}
	return nil
}

// crawlDelay is the cached Crawl-delay for u's host, 0 when unknown.
func (rc *robotsCache) crawlDelay(u *url.URL) time.Duration {
	rc.mu.Lock()
	e, ok := rc.entries[u.Scheme+"://"+u.Host]
	rc.mu.Unlock()
	if !ok || !isClosed(e.ready) || e.robots == nil {
		return 0
	}
	return e.robots.CrawlDelay(robotsAgent)
}

package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Validators are the cache validators of a fetched resource. The caller
// keeps them (a feed's state, for instance) and passes them to the next Get
// of the same URL so that an unchanged resource costs a 304.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Response is a fetched resource.
type Response struct {
	URL         string      // final URL, after redirects
	Status      int         // HTTP status: 2xx, or 304 when NotModified
	ContentType string      // Content-Type as served
	Header      http.Header //
	Body        []byte      // decompressed; empty when NotModified
	// Validators to store for the next conditional GET; when the server
	// sends none, the ones passed in.
	Validators  Validators
	NotModified bool      // the server answered 304 to a conditional GET
	Fetched     time.Time // UTC
}

// Client fetches URLs safely and politely. It is safe for concurrent use.
type Client struct {
	opts    Options
	http    *http.Client
	limiter *hostLimiter
	robots  *robotsCache
}

// New returns a Client with the given options.
func New(opts Options) *Client {
	o := opts.withDefaults()
	g := NewGuard(o.Resolver, o.Dialer, o.AllowPrivate)
	tr := &http.Transport{
		Proxy:                  nil, // a proxy would dial on our behalf, past the guard
		DialContext:            g.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  o.HeaderTimeout,
		DisableCompression:     true, // we decompress, so the size limit counts decompressed bytes
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	c := &Client{opts: o, limiter: newHostLimiter()}
	c.http = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	c.robots = newRobotsCache(c)
	return c
}

type robotsKey struct{}

// isRobotsFetch reports whether ctx belongs to a robots.txt fetch, which is
// itself exempt from robots rules.
func isRobotsFetch(ctx context.Context) bool { return ctx.Value(robotsKey{}) != nil }

// Get fetches rawURL, conditionally when v holds validators. A 304 answer
// gives a Response with NotModified set; any status other than 2xx and 304
// is an *Error carrying it.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	resp, err := c.get(ctx, rawURL, v)
	c.opts.Metrics.done(resp, err)
	return resp, err
}

func (c *Client) get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	if err := checkURL(u); err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	if !c.opts.IgnoreRobots && !isRobotsFetch(ctx) {
		if err := c.robots.check(ctx, u); err != nil {
			return nil, &Error{URL: rawURL, Err: err}
		}
	}
	var lastErr error
	for attempt := 0; attempt < c.opts.Attempts; attempt++ {
		if err := c.limiter.wait(ctx, u.Host, c.interval(u)); err != nil {
			return nil, &Error{URL: rawURL, Err: err}
		}
		resp, retryAfter, err := c.once(ctx, u, v)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if !retryable(err) || attempt == c.opts.Attempts-1 {
			break
		}
		d, ok := c.backoff(attempt, retryAfter)
		if !ok {
			break
		}
		c.opts.Logger.Info("retrying", "stage", "fetch", "url", rawURL, "err", err, "in", d)
		c.opts.Metrics.retry()
		if err := sleep(ctx, d); err != nil {
			return nil, &Error{URL: rawURL, Err: err}
		}
	}
	return nil, lastErr
}

// checkURL accepts absolute http and https URLs with a host.
func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w, not %q", ErrScheme, u.Scheme)
	}
	if u.Hostname() == "" {
		return errors.New("URL has no host")
	}
	return nil
}

// interval is the spacing between requests to u's host: ours or the
// site's crawl delay, whichever is longer.
func (c *Client) interval(u *url.URL) time.Duration {
	d := c.opts.HostInterval
	if cd := c.robots.crawlDelay(u); cd > d {
		d = min(cd, c.opts.MaxCrawlDelay)
	}
	return d
}

// checkRedirect applies the URL, robots and rate rules to every redirect.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return ErrRedirects
	}
	if err := checkURL(req.URL); err != nil {
		return err
	}
	ctx := req.Context()
	if !c.opts.IgnoreRobots && !isRobotsFetch(ctx) {
		if err := c.robots.check(ctx, req.URL); err != nil {
			return err
		}
	}
	return c.limiter.wait(ctx, req.URL.Host, c.interval(req.URL))
}

// once makes one attempt. It returns the Retry-After delay the server asked
// for, if any.
func (c *Client) once(ctx context.Context, u *url.URL, v Validators) (*Response, time.Duration, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ctx, stop := context.WithTimeout(ctx, c.opts.Timeout)
	defer stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, &Error{URL: u.String(), Err: err}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	req.Header.Set("Accept-Encoding", "gzip")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, &Error{URL: u.String(), Err: cause(ctx, err)}
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	// Errors name the URL asked for, and where a redirect led.
	fail := func(status int, err error) *Error {
		if final != u.String() {
			if err == nil {
				err = fmt.Errorf("redirected to %s", final)
			} else {
				err = fmt.Errorf("redirected to %s: %w", final, err)
			}
		}
		return &Error{URL: u.String(), Status: status, Err: err}
	}
	out := &Response{
		URL:         final,
		Status:      resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Header:      resp.Header,
		Validators:  validators(resp.Header, v),
		Fetched:     time.Now().UTC(),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, 0, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10) // lets the connection be reused
		return nil, retryAfter(resp.Header, time.Now()), fail(resp.StatusCode, nil)
	}
	body, err := c.readBody(ctx, cancel, resp)
	if err != nil {
		return nil, 0, fail(0, cause(ctx, err))
	}
	out.Body = body
	return out, 0, nil
}

// cause prefers the reason ctx was cancelled (too slow, say) to the error
// that the cancellation produced.
func cause(ctx context.Context, err error) error {
	if c := context.Cause(ctx); c != nil && !errors.Is(err, c) {
		if errors.Is(c, ErrTooSlow) {
			return c
		}
	}
	return err
}

// validators returns the response's validators, or the previous ones when
// it carries none.
func validators(h http.Header, prev Validators) Validators {
	v := Validators{ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified")}
	if v.ETag == "" && v.LastModified == "" {
		return prev
	}
	return v
}

// retryable reports whether a failed attempt may succeed if tried again:
// server errors, rate limiting and network failures, but not refusals,
// limits or client errors.
func retryable(err error) bool {
	var fe *Error
	if errors.As(err, &fe) && fe.Status != 0 {
		return fe.Status >= 500 || fe.Status == http.StatusTooManyRequests || fe.Status == http.StatusRequestTimeout
	}
	for _, e := range []error{ErrBlocked, ErrScheme, ErrTooLarge, ErrTooSlow, ErrDisallowed, ErrRedirects, context.Canceled} {
		if errors.Is(err, e) {
			return false
		}
	}
	return true
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

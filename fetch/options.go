package fetch

import (
	"log/slog"
	"time"

	"github.com/detente-project/detente"
)

// UserAgent is the User-Agent header detente sends, and robotsAgent the
// token it answers to in robots.txt.
const (
	UserAgent   = "detente/" + detente.Version + " (+https://github.com/detente-project/detente)"
	robotsAgent = "detente"
)

// Options configure a Client. The zero value gives the defaults noted on
// each field.
type Options struct {
	// AllowPrivate lets the client connect to loopback, private and
	// link-local addresses: for tests and for crawling one's own intranet.
	AllowPrivate bool
	// MaxBytes limits a body, counted after decompression. Default 10 MB.
	MaxBytes int64
	// Timeout bounds one attempt, from dialling to the last body byte.
	// Default 60s.
	Timeout time.Duration
	// HeaderTimeout bounds the wait for response headers. Default 15s.
	HeaderTimeout time.Duration
	// MinRate is the slowest body transfer tolerated, in bytes per second,
	// averaged over each RateWindow. Default 2048.
	MinRate int64
	// RateWindow is the period over which MinRate is checked. Default 5s.
	RateWindow time.Duration
	// MaxRedirects is the longest redirect chain followed. Default 5.
	MaxRedirects int
	// HostInterval is the least time between two requests to one host.
	// Default 1s; a robots.txt Crawl-delay up to MaxCrawlDelay lengthens
	// it. Negative means no spacing (tests).
	HostInterval time.Duration
	// MaxCrawlDelay caps how long a site's Crawl-delay can make us wait.
	// Default 30s.
	MaxCrawlDelay time.Duration
	// Attempts is how many times a request is tried on 5xx, 429 and
	// network errors. Default 3.
	Attempts int
	// BackoffBase is the first retry delay, doubled on each retry with
	// jitter. Default 1s.
	BackoffBase time.Duration
	// BackoffMax caps a retry delay, Retry-After included: an answer asking
	// for a longer wait ends the retries. Default 60s.
	BackoffMax time.Duration
	// IgnoreRobots skips robots.txt: only for inputs the user owns.
	IgnoreRobots bool
	// RobotsTTL is how long a host's robots.txt is cached. Default 12h.
	RobotsTTL time.Duration
	// UserAgent overrides the User-Agent header; robots.txt is still
	// matched against "detente".
	UserAgent string
	// Resolver resolves host names; default net.DefaultResolver.
	Resolver Resolver
	// Dialer opens connections to checked addresses; default a net.Dialer
	// whose Control refuses disallowed addresses again.
	Dialer Dialer
	// Logger receives one line per retry; default slog.Default().
	Logger *slog.Logger
	// Metrics, when set, counts requests by outcome, bytes and retries.
	Metrics *Metrics
}

func (o Options) withDefaults() Options {
	setDur := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 10 << 20
	}
	setDur(&o.Timeout, 60*time.Second)
	setDur(&o.HeaderTimeout, 15*time.Second)
	setDur(&o.RateWindow, 5*time.Second)
	setDur(&o.HostInterval, time.Second)
	setDur(&o.MaxCrawlDelay, 30*time.Second)
	setDur(&o.BackoffBase, time.Second)
	setDur(&o.BackoffMax, 60*time.Second)
	setDur(&o.RobotsTTL, 12*time.Hour)
	if o.MinRate == 0 {
		o.MinRate = 2048
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = 5
	}
	if o.Attempts <= 0 {
		o.Attempts = 3
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

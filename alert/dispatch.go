package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/internal/crashpoint"
)

// webhooks counts delivery attempts by result: "ok", "retry" or "gave_up".
var webhooks = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "detente_alert_webhooks_total",
	Help: "Webhook delivery attempts by result.",
}, []string{"result"})

// Options configure a Dispatcher. Zero fields take the defaults in
// parentheses.
type Options struct {
	Workers     int           // concurrent deliveries (4)
	Timeout     time.Duration // per attempt, connection to last byte (10s)
	MaxAttempts int           // attempts before a delivery is given up (8)
	Backoff     time.Duration // wait after the first failure, doubled after each (10s)
	MaxBackoff  time.Duration // longest wait between attempts (1h)
	Poll        time.Duration // how often to look for due deliveries (1s)
	// Client sends the posts; nil for NewClient over the guard of
	// Resolver, Dialer and AllowPrivate: it follows no redirect and
	// refuses what the fetcher refuses.
	Client *http.Client
	// AllowPrivate lets webhooks reach loopback, private and link-local
	// addresses, at creation (CheckURL) and when delivering.
	AllowPrivate bool
	// Resolver and Dialer are the guard's (fetch.NewGuard); nil for the
	// system's. Tests inject their own.
	Resolver fetch.Resolver
	Dialer   fetch.Dialer
	Log      *slog.Logger
}

func (o *Options) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	def(&o.Timeout, 10*time.Second)
	def(&o.Backoff, 10*time.Second)
	def(&o.MaxBackoff, time.Hour)
	def(&o.Poll, time.Second)
	if o.Client == nil {
		o.Client = NewClient(fetch.NewGuard(o.Resolver, o.Dialer, o.AllowPrivate))
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
}

// Dispatcher delivers alerts to webhooks from the store's outbox with a
// bounded pool of workers. Notify records deliveries and returns at once;
// Run sends them. A subscription has at most one delivery in flight, so an
// endpoint that hangs holds one worker for at most Timeout and never
// delays the others.
type Dispatcher struct {
	store Store
	o     Options
	guard *fetch.Guard
	wake  chan struct{}
	now   func() time.Time
}

// New returns a Dispatcher over store.
func New(store Store, o Options) *Dispatcher {
	o.defaults()
	return &Dispatcher{store: store, o: o, guard: fetch.NewGuard(o.Resolver, o.Dialer, o.AllowPrivate),
		wake: make(chan struct{}, 1), now: time.Now}
}

// CheckURL returns an EINVALID *Error when a webhook URL is malformed or
// its host can only reach an address the guard refuses (a private or
// loopback literal, a localhost name, a numeric IPv4 form): such a
// subscription is refused at creation rather than retried forever. Names
// that resolve to refused addresses are caught when dialled.
func (d *Dispatcher) CheckURL(raw string) error {
	u, err := parseWebhookURL(raw)
	if err != nil {
		return err
	}
	if err := d.guard.CheckHost(u.Hostname()); err != nil {
		return detente.Errorf(detente.EINVALID, "webhook url %q: %v", raw, err)
	}
	return nil
}

// Notify records a delivery of each alert to each of its subscriptions and
// wakes the workers; it never waits on a webhook (tension.Notifier).
func (d *Dispatcher) Notify(ctx context.Context, alerts []detente.Alert) error {
	if _, err := d.store.EnqueueDeliveries(ctx, alerts, d.now()); err != nil {
		return err
	}
	d.poke()
	return nil
}

func (d *Dispatcher) poke() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers due deliveries until ctx is done, then waits for the
// attempts in flight (each bounded by Timeout) and returns. Errors of the
// store are logged and retried at the next poll.
func (d *Dispatcher) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	busy := make(chan struct{}, d.o.Workers)
	tick := time.NewTicker(d.o.Poll)
	defer tick.Stop()
	lease := d.o.Timeout + 30*time.Second
	for {
		if free := d.o.Workers - len(busy); free > 0 {
			due, err := d.store.ClaimDeliveries(ctx, d.now(), lease, free)
			if err != nil && ctx.Err() == nil {
				d.o.Log.Error("claim webhook deliveries", "stage", "alert", "err", err)
			}
			for _, dl := range due {
				busy <- struct{}{}
				wg.Add(1)
				go func() {
					defer wg.Done()
					d.deliver(context.WithoutCancel(ctx), dl)
					<-busy
					d.poke()
				}()
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-d.wake:
		case <-tick.C:
		}
	}
}

// payload is the JSON body of a delivery.
type payload struct {
	Delivery string        `json:"delivery"`
	Alert    detente.Alert `json:"alert"`
}

// deliver makes one attempt and records its outcome.
func (d *Dispatcher) deliver(ctx context.Context, dl Delivery) {
	err := d.post(ctx, dl)
	now := d.now()
	url := dl.Subscription.URL
	if err == nil {
		crashpoint.Hit("delivered")
		webhooks.WithLabelValues("ok").Inc()
		if err := d.store.FinishDelivery(ctx, dl.ID, now); err != nil {
			d.o.Log.Error("record webhook delivery", "stage", "alert", "url", url, "err", err)
		}
		return
	}
	// An address the guard refuses stays refused: no retry.
	final := dl.Attempts+1 >= d.o.MaxAttempts || errors.Is(err, fetch.ErrBlocked)
	result := "retry"
	if final {
		result = "gave_up"
	}
	webhooks.WithLabelValues(result).Inc()
	d.o.Log.Warn("webhook delivery failed", "stage", "alert", "url", url, "attempt", dl.Attempts+1,
		"final", final, "err", err)
	if err := d.store.FailDelivery(ctx, dl.ID, now.Add(d.backoff(dl.Attempts)), err.Error(), final); err != nil {
		d.o.Log.Error("record webhook failure", "stage", "alert", "url", url, "err", err)
	}
}

// backoff returns the wait after failed attempt number n (from 0):
// Backoff·2^n capped at MaxBackoff, with "equal jitter" (a random half
// on top of a fixed half) so that endpoints coming back are not hit by
// every retry at once.
func (d *Dispatcher) backoff(n int) time.Duration {
	b := d.o.Backoff
	for i := 0; i < n && b < d.o.MaxBackoff; i++ {
		b *= 2
	}
	b = min(b, d.o.MaxBackoff)
	return b/2 + rand.N(b/2+1)
}

// post sends one attempt; any answer but 2xx is a failure, a redirect
// included (it is not followed).
func (d *Dispatcher) post(ctx context.Context, dl Delivery) error {
	body, err := json.Marshal(payload{Delivery: dl.ID, Alert: dl.Alert})
	if err != nil {
		return fmt.Errorf("encode alert %s: %w", dl.Alert.ID, err)
	}
	ctx, cancel := context.WithTimeout(ctx, d.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, dl.Subscription.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook %s: %w", dl.Subscription.URL, err)
	}
	ts := d.now().Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "detente/"+detente.Version)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(dl.Subscription.Secret, ts, body))
	req.Header.Set(HeaderIdempotency, dl.ID)
	req.Header.Set(HeaderAttempt, strconv.Itoa(dl.Attempts+1))
	resp, err := d.o.Client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", dl.Subscription.URL, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook %s: status %s", dl.Subscription.URL, resp.Status)
	}
	return nil
}

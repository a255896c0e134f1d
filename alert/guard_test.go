package alert_test

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/alert"
	"github.com/detente-project/detente/sqlite"
)

// refusedAddresses are addresses the fetcher refuses that the webhook
// client once reached or tried: reserved, IETF, benchmarking, and
// NAT64, 6to4 and IPv4-compatible forms of 127.0.0.1.
var refusedAddresses = []string{
	"127.0.0.1", "10.1.2.3", "169.254.169.254", "240.0.0.1", "192.0.0.170", "198.18.0.1",
	"::1", "::ffff:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "::127.0.0.1", "fd00:ec2::254",
}

// fakeResolver answers every name with one address, without DNS.
type fakeResolver struct{ ip net.IP }

func (r fakeResolver) LookupIPAddr(context.Context, string) ([]net.IPAddr, error) {
	return []net.IPAddr{{IP: r.ip}}, nil
}

// refusingDialer records the addresses it is asked to dial and connects
// to none.
type refusingDialer struct {
	mu    sync.Mutex
	dials []string
}

func (d *refusingDialer) DialContext(_ context.Context, _, addr string) (net.Conn, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.dials = append(d.dials, addr)
	return nil, errors.New("test dialer connects nowhere")
}

// failures records the FailDelivery calls made on a real store.
type failures struct {
	alert.Store
	mu    sync.Mutex
	final []bool
}

func (f *failures) FailDelivery(ctx context.Context, id string, next time.Time, reason string, final bool) error {
	f.mu.Lock()
	f.final = append(f.final, final)
	f.mu.Unlock()
	return f.Store.FailDelivery(ctx, id, next, reason, final)
}

// Webhook URLs whose host is a refused address are invalid at creation.
func TestWebhookURLRefusedAtCreation(t *testing.T) {
	d := alert.New(nil, alert.Options{})
	for _, ip := range refusedAddresses {
		host := ip
		if net.ParseIP(ip).To4() == nil {
			host = "[" + ip + "]"
		}
		for _, u := range []string{"http://" + host + "/hook", "https://" + host + ":8443/hook"} {
			if err := d.CheckURL(u); detente.ErrorCode(err) != detente.EINVALID {
				t.Errorf("CheckURL(%s) = %v, want an invalid error", u, err)
			}
		}
	}
	for _, u := range []string{"http://localhost:9/x", "http://api.localhost/x", "http://2130706433/x", "http://0x7f.1/x", "http://127.1/x"} {
		if err := d.CheckURL(u); detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("CheckURL(%s) = %v, want an invalid error", u, err)
		}
	}
	for _, u := range []string{"https://hooks.example.com/x", "http://93.184.215.14:8080/x", "http://cafe.be/x"} {
		if err := d.CheckURL(u); err != nil {
			t.Errorf("CheckURL(%s) = %v, want nil", u, err)
		}
	}
	if err := alert.New(nil, alert.Options{AllowPrivate: true}).CheckURL("http://127.0.0.1:9/x"); err != nil {
		t.Errorf("with private addresses allowed: %v", err)
	}
}

// A delivery to a name that resolves to a refused address never dials it
// and is given up at once: the refusal is permanent, so it is not retried.
func TestWebhookDeliveryGuarded(t *testing.T) {
	ctx := context.Background()
	for _, ip := range refusedAddresses {
		t.Run(ip, func(t *testing.T) {
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "detente.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			sub := &detente.Subscription{URL: "http://hooks.example.com/hook"}
			if err := st.CreateSubscription(ctx, sub); err != nil {
				t.Fatal(err)
			}
			pair := detente.NewPair("USA", "IRN", false)
			a := detente.Alert{Pair: pair, Direction: detente.Escalation, Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
				Detected: time.Date(2026, 7, 2, 0, 0, 0, 0, time.UTC), Magnitude: 3, EventIDs: []string{"e1"}, Created: time.Now().UTC()}
			a.ID = detente.AlertID(pair, a.Direction, a.Start)
			if _, err := st.AddAlerts(ctx, []detente.Alert{a}); err != nil {
				t.Fatal(err)
			}
			dialer := &refusingDialer{}
			rec := &failures{Store: st}
			d := alert.New(rec, alert.Options{
				MaxAttempts: 5, Backoff: time.Millisecond, MaxBackoff: time.Millisecond, Poll: 5 * time.Millisecond,
				Resolver: fakeResolver{net.ParseIP(ip)}, Dialer: dialer, Log: slog.New(slog.DiscardHandler),
			})
			if err := d.Notify(ctx, []detente.Alert{a}); err != nil {
				t.Fatal(err)
			}
			runCtx, stop := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- d.Run(runCtx) }()
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
				rec.mu.Lock()
				n := len(rec.final)
				rec.mu.Unlock()
				if n > 0 {
					break
				}
			}
			time.Sleep(50 * time.Millisecond) // room for an unwanted retry to show
			stop()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if len(dialer.dials) > 0 {
				t.Errorf("dialled %v", dialer.dials)
			}
			if len(rec.final) != 1 || !rec.final[0] {
				t.Errorf("failed attempts (final?) %v, want one final", rec.final)
			}
		})
	}
}

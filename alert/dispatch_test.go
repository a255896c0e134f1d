package alert_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/alert"
	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/sqlite"
)

// hook is a webhook endpoint that records what it receives.
type hook struct {
	mu    sync.Mutex
	calls []*http.Request
	body  [][]byte
}

func (h *hook) record(r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls = append(h.calls, r)
	h.body = append(h.body, b)
}

func (h *hook) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.calls)
}

func TestDispatcherIsolatesBadEndpoints(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "detente.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	good, failing, hanging, redirected := &hook{}, &hook{}, &hook{}, &hook{}
	release := make(chan struct{})
	servers := map[string]*httptest.Server{
		"good": httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { good.record(r) })),
		"500": httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			failing.record(r)
			w.WriteHeader(http.StatusInternalServerError)
		})),
		"hang": httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hanging.record(r)
			select {
			case <-r.Context().Done():
			case <-release:
			}
		})),
	}
	servers["redirect"] = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		redirected.record(r)
		http.Redirect(w, r, servers["good"].URL+"/from-redirect", http.StatusTemporaryRedirect)
	}))
	defer func() {
		close(release)
		for _, s := range servers {
			s.Close()
		}
	}()
	secrets := map[string]string{}
	for _, name := range []string{"hang", "500", "redirect", "good"} {
		sub := &detente.Subscription{URL: servers[name].URL + "/hook"}
		if err := store.CreateSubscription(ctx, sub); err != nil {
			t.Fatal(err)
		}
		secrets[name] = sub.Secret
	}
	pair := detente.NewPair("USA", "IRN", false)
	a := detente.Alert{Pair: pair, Direction: detente.Deescalation, Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		Detected: time.Date(2026, 7, 2, 0, 0, 0, 0, time.UTC), Magnitude: -3, EventIDs: []string{"e1"}, Created: time.Now().UTC()}
	a.ID = detente.AlertID(pair, a.Direction, a.Start)
	if _, err := store.AddAlerts(ctx, []detente.Alert{a}); err != nil {
		t.Fatal(err)
	}

	d := alert.New(store, alert.Options{
		Workers: 2, Timeout: 300 * time.Millisecond, MaxAttempts: 3, Backoff: 20 * time.Millisecond,
		MaxBackoff: 100 * time.Millisecond, Poll: 10 * time.Millisecond, AllowPrivate: true,
		Log: slog.New(slog.DiscardHandler),
	})
	if err := d.Notify(ctx, []detente.Alert{a}); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- d.Run(runCtx) }()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) && (good.count() < 1 || failing.count() < 3 || hanging.count() < 3 || redirected.count() < 3) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // room for an unwanted extra attempt to show
	stop()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}

	if good.count() != 1 {
		t.Fatalf("good endpoint got %d posts, want exactly 1", good.count())
	}
	for name, h := range map[string]*hook{"500": failing, "hang": hanging, "redirect": redirected} {
		if h.count() != 3 {
			t.Errorf("%s endpoint got %d attempts, want 3 (MaxAttempts)", name, h.count())
		}
	}
	r, body := good.calls[0], good.body[0]
	if r.URL.Path != "/hook" {
		t.Errorf("good endpoint got %s: the redirect was followed", r.URL.Path)
	}
	err = alert.Verify(secrets["good"], r.Header.Get(alert.HeaderTimestamp), r.Header.Get(alert.HeaderSignature), body, time.Now(), time.Minute)
	if err != nil {
		t.Errorf("signature: %v", err)
	}
	var p struct {
		Delivery string        `json:"delivery"`
		Alert    detente.Alert `json:"alert"`
	}
	if err := json.Unmarshal(body, &p); err != nil || p.Alert.ID != a.ID || p.Alert.Pair != pair {
		t.Errorf("body %s: %v", body, err)
	}
	if k := r.Header.Get(alert.HeaderIdempotency); k == "" || k != p.Delivery {
		t.Errorf("idempotency key %q, delivery %q", k, p.Delivery)
	}
	keys := map[string]bool{}
	for i, r := range failing.calls {
		keys[r.Header.Get(alert.HeaderIdempotency)] = true
		if got := r.Header.Get(alert.HeaderAttempt); got != string(rune('1'+i)) {
			t.Errorf("500 endpoint attempt %d sent attempt header %q", i+1, got)
		}
	}
	if len(keys) != 1 {
		t.Errorf("retries carried %d idempotency keys, want one", len(keys))
	}
	if err := alert.Verify("wrong secret", r.Header.Get(alert.HeaderTimestamp), r.Header.Get(alert.HeaderSignature), body, time.Now(), time.Minute); err == nil {
		t.Error("signature verified with the wrong secret")
	}
}

func TestDefaultClientRefusesPrivateAddresses(t *testing.T) {
	hit := &hook{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit.record(r) }))
	defer srv.Close()
	resp, err := alert.NewClient(fetch.NewGuard(nil, nil, false)).Post(srv.URL, "application/json", nil)
	if err == nil {
		resp.Body.Close()
		t.Fatal("posted to a loopback address")
	}
	if hit.count() != 0 {
		t.Errorf("loopback server got %d requests", hit.count())
	}
	resp, err = alert.NewClient(fetch.NewGuard(nil, nil, true)).Post(srv.URL, "application/json", nil)
	if err != nil {
		t.Fatalf("with private addresses allowed: %v", err)
	}
	resp.Body.Close()
}

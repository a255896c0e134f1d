package http

import (
	"strings"
	"testing"

	"github.com/detente-project/detente/alert"
)

// Subscriptions are checked at creation as strictly as their deliveries:
// a URL the webhook guard refuses, a port out of range, a secret too short
// to sign with, and a second subscription of the same pair and URL are
// all refused with a 4xx.
func TestSubscriptionCreationGuards(t *testing.T) {
	ts, _ := testServer(t, Config{Token: "tok", CheckWebhook: alert.New(nil, alert.Options{}).CheckURL})
	post := func(body string) (int, []byte) {
		status, _, b := do(t, ts, "POST", "/api/v1/subscriptions", "tok", strings.NewReader(body))
		return status, b
	}
	for _, tc := range []struct {
		body   string
		status int
		msg    string
	}{
		{`{"url":"http://127.0.0.1:9/hook"}`, 400, "not allowed"},
		{`{"url":"http://[::ffff:10.0.0.1]/hook"}`, 400, "not allowed"},
		{`{"url":"http://240.0.0.1/hook"}`, 400, "not allowed"},
		{`{"url":"http://localhost:8080/hook"}`, 400, "not allowed"},
		{`{"url":"https://hooks.example.com:99999/hook"}`, 400, "port"},
		{`{"url":"https://hooks.example.com/hook","secret":"x"}`, 400, "secret"},
	} {
		status, b := post(tc.body)
		if status != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.body, status, tc.status, b)
			continue
		}
		if e := apiError(t, b); !strings.Contains(e.Message, tc.msg) {
			t.Errorf("%s: message %q, want %q", tc.body, e.Message, tc.msg)
		}
	}
	body := `{"pair":"USA-IRN","url":"https://hooks.example.com/hook"}`
	if status, b := post(body); status != 201 {
		t.Fatalf("create: %d %s", status, b)
	}
	if status, b := post(body); status != 409 {
		t.Errorf("the same subscription again: %d %s, want 409", status, b)
	}
	if status, b := post(`{"pair":"IRN-USA","url":"https://hooks.example.com/hook"}`); status != 409 {
		t.Errorf("the same pair the other way round: %d %s, want 409", status, b)
	}
	if status, b := post(`{"url":"https://hooks.example.com/hook"}`); status != 201 {
		t.Errorf("the same URL for all pairs: %d %s, want 201", status, b)
	}
}

package http

import (
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

// FuzzSubscriptionBody feeds arbitrary bodies to the subscription request
// parser: it must reject them with an EINVALID error or return a request
// with a URL and a valid or empty pair.
func FuzzSubscriptionBody(f *testing.F) {
	for _, s := range []string{
		`{"pair":"IRN-USA","url":"https://hooks.example/x"}`,
		`{"url":"http://127.0.0.1:9/hook","secret":"s"}`,
		`{"pair":"USA>IRN","url":"u"}`,
		`{"pair":"IRN-IRN","url":"u"}`,
		`{"url":1}`, `[]`, `{} {}`, `{"extra":true}`, "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		sub, err := decodeSubscription(strings.NewReader(body))
		if err != nil {
			if detente.ErrorCode(err) != detente.EINVALID {
				t.Fatalf("%q: error %v is not EINVALID", body, err)
			}
			return
		}
		if sub.URL == "" {
			t.Fatalf("%q: accepted without a url", body)
		}
		if !sub.Pair.IsZero() {
			if err := sub.Pair.Validate(); err != nil {
				t.Fatalf("%q: accepted pair %v: %v", body, sub.Pair, err)
			}
		}
	})
}

package alert

import (
	"strconv"
	"testing"
	"time"
)

func TestSignVerify(t *testing.T) {
	now := time.Unix(1_780_000_000, 0)
	body := []byte(`{"alert":{"id":"x"}}`)
	sig := Sign("secret", now.Unix(), body)
	ts := strconv.FormatInt(now.Unix(), 10)
	tests := []struct {
		name                  string
		secret, ts, sig, body string
		at                    time.Time
		ok                    bool
	}{
		{"valid", "secret", ts, sig, string(body), now, true},
		{"wrong secret", "other", ts, sig, string(body), now, false},
		{"altered body", "secret", ts, sig, `{"alert":{"id":"y"}}`, now, false},
		{"replayed later", "secret", ts, sig, string(body), now.Add(time.Hour), false},
		{"no prefix", "secret", ts, sig[len("sha256="):], string(body), now, false},
		{"bad timestamp", "secret", "yesterday", sig, string(body), now, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.ts, tt.sig, []byte(tt.body), tt.at, 5*time.Minute)
			if (err == nil) != tt.ok {
				t.Errorf("Verify = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func FuzzVerify(f *testing.F) {
	f.Add("1780000000", "sha256=00", []byte("{}"))
	f.Add("", "", []byte(nil))
	f.Add("-9223372036854775808", "sha256=", []byte("x"))
	f.Fuzz(func(t *testing.T, ts, sig string, body []byte) {
		if Verify("k", ts, sig, body, time.Unix(1_780_000_000, 0), time.Minute) != nil {
			return
		}
		if n, _ := strconv.ParseInt(ts, 10, 64); sig != Sign("k", n, body) {
			t.Errorf("accepted signature %q of timestamp %q", sig, ts)
		}
	})
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	d := New(nil, Options{Backoff: time.Second, MaxBackoff: 8 * time.Second})
	for n, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second} {
		for range 50 {
			if got := d.backoff(n); got < want/2 || got > want {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", n, got, want/2, want)
			}
		}
	}
}

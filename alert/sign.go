package alert

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The headers of a webhook delivery.
const (
	// HeaderSignature carries "sha256=" and the hex HMAC-SHA256, keyed by
	// the subscription's secret, of the timestamp, a dot and the body.
	HeaderSignature = "X-Detente-Signature"
	// HeaderTimestamp carries the Unix time of the attempt, signed with the
	// body so that a captured request cannot be replayed later.
	HeaderTimestamp = "X-Detente-Timestamp"
	// HeaderIdempotency carries the delivery ID, the same on every retry.
	HeaderIdempotency = "Idempotency-Key"
	// HeaderAttempt carries the attempt number, from 1.
	HeaderAttempt = "X-Detente-Attempt"
)

// Sign returns the signature header value of a body sent at Unix time ts.
func Sign(secret string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte("."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a delivery's signature and that its timestamp is within
// tolerance of now; receivers use it (as the tests do).
func Verify(secret, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("webhook timestamp %q: %w", timestamp, err)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("webhook timestamp %q: %v away from now", timestamp, d)
	}
	if !strings.HasPrefix(signature, "sha256=") {
		return errors.New("webhook signature: want sha256=<hex>")
	}
	if !hmac.Equal([]byte(Sign(secret, ts, body)), []byte(signature)) {
		return errors.New("webhook signature: does not match")
	}
	return nil
}

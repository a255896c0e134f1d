package alert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/detente-project/detente"
)

// Delivery is one alert to send to one subscription's webhook.
type Delivery struct {
	// ID identifies the delivery across retries; receivers get it as the
	// Idempotency-Key header and should ignore a key they have seen.
	ID           string
	Alert        detente.Alert
	Subscription detente.Subscription // with its secret
	Attempts     int                  // attempts made before this one
}

// MadeAt is when an alert was made, for EnqueueDeliveries: its Created, or
// now for an alert without one.
func MadeAt(a detente.Alert, now time.Time) time.Time {
	if a.Created.IsZero() {
		return now
	}
	return a.Created
}

// Store is the outbox of deliveries. The sqlite and postgres packages
// implement it.
type Store interface {
	// EnqueueDeliveries records one pending delivery of each alert to each
	// subscription of its pair or of all pairs made no later than the
	// alert (its Created; now when it has none), due at now. Recording the
	// same alert again adds nothing, so recovering runs may hand every
	// alert again. It returns how many it recorded.
	EnqueueDeliveries(ctx context.Context, alerts []detente.Alert, now time.Time) (int, error)
	// ClaimDeliveries returns at most limit deliveries due at now, at most
	// one per subscription and none of a subscription that has a claimed
	// delivery still in flight, and holds them for lease: a delivery not
	// finished or failed within it is due again (the at-least-once part).
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error)
	// FinishDelivery records a delivery as done.
	FinishDelivery(ctx context.Context, id string, now time.Time) error
	// FailDelivery records a failed attempt: the delivery is due again at
	// next, or given up when final.
	FailDelivery(ctx context.Context, id string, next time.Time, reason string, final bool) error
}

// DeliveryID returns the ID of the delivery of an alert to a subscription.
func DeliveryID(alertID, subscriptionID string) string {
	sum := sha256.Sum256([]byte(alertID + "\x1f" + subscriptionID))
	return hex.EncodeToString(sum[:16])
}

// Package alert delivers tension alerts: webhooks signed with HMAC-SHA256,
// retried with exponential backoff and jitter, at least once, with an
// idempotency key, by a bounded pool of workers that never holds up ingest;
// and Atom feeds of alerts per pair and for all pairs.
//
// Deliveries are rows in the store (an outbox): Notify only records them,
// so a slow, failing or hanging endpoint costs ingest nothing, and a crash
// loses no delivery. It uses only the standard library: net/http for the
// posts, crypto/hmac for signatures and encoding/xml for the feeds.
package alert

// Package alert delivers tension alerts: webhooks signed with HMAC-SHA256,
// retried with exponential backoff and jitter, at least once, with an
// idempotency key, by a bounded pool of workers that never holds up ingest.
// (The Atom feeds of alerts are rendered by the http package.)
//
// Deliveries are rows in the store (an outbox): Notify only records them,
// so a slow, failing or hanging endpoint costs ingest nothing, and a crash
// loses no delivery. It uses the standard library for the posts (net/http)
// and signatures (crypto/hmac), and the Prometheus client, which every
// detente stage uses, to count attempts as detente_alert_webhooks_total.
package alert

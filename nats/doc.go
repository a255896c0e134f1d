// Package nats spreads detente's work over many machines: work items (page
// URLs, feed URLs, WARC files, articles given as data) go into a NATS
// JetStream work queue, and `detente worker` processes take them, run them
// through the pipeline into a shared store (PostgreSQL) and acknowledge
// each item only once every page it holds is durable.
//
// # Why JetStream
//
// github.com/nats-io/nats.go (its jetstream API) talks to a NATS server
// with JetStream, which gives in one small server what a work queue needs:
// persistence (file storage survives a server restart), a work-queue
// retention policy (an item leaves the stream once acknowledged), explicit
// acks with an ack wait and redelivery with back-off (a crashed worker's
// items go to another), a bounded number of deliveries, "in progress"
// heartbeats for long items, and a duplicate window keyed by the
// Nats-Msg-Id header, so that enqueuing the same item twice is a no-op.
// Writing that on top of the store would redo a message broker, worse.
//
// # Delivery
//
// Delivery is at least once: a worker acks an item only after the pipeline
// has reported (through pipeline.Config.OnDone) that every page expanded
// from it is stored or has failed and been reported. A worker that dies
// before that point leaves its items unacknowledged and the server
// redelivers them after the ack wait. The store's writes are idempotent
// (an article whose ID is stored changes nothing), so a redelivered item
// adds nothing twice: at least once plus idempotent writes is effectively
// once. Items that cannot succeed (malformed JSON, a missing file, a page
// answering 404) are terminated, not retried; transient failures (a
// network error, a 5xx answer) are negatively acknowledged with a delay
// that grows with the delivery count, until the consumer's MaxDeliver.
// NATS servers before 2.10.14 may number a repeated delivery 1 again (see
// deliveries); a worker counts the deliveries it has seen itself and takes
// the higher number, so that such an item is still terminated on its last.
//
// # Sharing work
//
// A worker asks the server only for as many items as it has free slots
// (Worker.Items) to start now, so that items it could not start yet stay
// on the queue for an idle worker: six slow WARC items are shared between
// two workers instead of one taking all six while the other idles.
//
// WARC items name a path that every worker must be able to read (a shared
// volume): the queue carries the path, not the archive. An article larger
// than a message (the server's payload limit, 1 MiB by default) travels by
// reference: its record goes into the JetStream object store
// <Stream>_BODIES under the item's ID, the queue carries {"kind":"article",
// "ref":ID}, and the worker reads the record back and deletes it once the
// item is acked or terminated. Enqueuing it again after that is a
// duplicate that leaves no body behind.
package nats

// Package detente holds the domain of the detente political event coder:
// the articles it reads, the sentences it splits them into, the events it
// codes from them, the stories that group wire copies, and the interfaces
// that the pipeline stages meet.
//
// The flow is source → extract → dedup → sentences → code → store → tension
// → alerts. Each stage lives in its own package and speaks only the plain
// types defined here; cmd/detente and pipeline wire the concrete pieces.
package detente

// Version is the version of detente recorded on every coded event.
const Version = "0.1.0"

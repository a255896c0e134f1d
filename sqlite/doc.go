// Package sqlite stores detente's articles, sentences, events and stories
// in one SQLite file: the default store of a single machine.
//
// It uses modernc.org/sqlite, a pure-Go translation of SQLite: no cgo, so
// "go run" works on a fresh machine and the binary cross-compiles, and FTS5
// is built in for the full-text searches over sentences and articles.
//
// The database runs in WAL mode with a busy timeout and foreign keys on.
// All writes go through one connection, so they are serialised without
// "database is locked" retries; reads use a separate pool of connections
// that see the last committed state while a write is in progress. The
// schema is a set of numbered SQL files in migrations/, embedded and applied
// in numeric order, each in its own transaction, and recorded in
// schema_migrations.
//
// Reads stay fast over millions of events: pages use keyset cursors and
// covering indexes, and Stats reads running totals that every write keeps.
// Sentences are numbered by their article's second of publication, the
// order in which the full-text index keeps its matches, so a search of
// sentences or events narrowed by dates alone reads the newest matches
// first and stops after about a page however common its words; a search
// narrowed otherwise starts from its matches when they are few or walks
// events (or articles) newest first when they are many. The benchmarks in
// storetest measure this; see BenchmarkEvents.
//
// The reads, the tension rollups and the delivery outbox are
// internal/sqlstore's, shared with the postgres store; this package gives
// them SQLite's dialect and FTS5 search, and keeps its write path and
// Stats.
package sqlite

// Package postgres stores detente's articles, sentences, events and stories
// in PostgreSQL: the store for more than one machine, where several
// "detente worker" processes write at once.
//
// It uses github.com/jackc/pgx/v5 through its database/sql driver: pgx is
// the maintained, fastest pure-Go PostgreSQL driver, and database/sql gives
// the tension package the same *sql.DB it gets from the sqlite store.
// Full-text search uses generated tsvector columns with GIN indexes.
//
// The contract is the sqlite store's, checked by the same storetest suite.
// Concurrent writers stay correct: an article is inserted with ON CONFLICT
// DO NOTHING, so two workers writing it store it once, and a transaction
// takes an advisory lock per story before it decides which event of the
// story is primary. The schema is the numbered SQL files in migrations/,
// applied in order under an advisory lock and recorded in
// schema_migrations.
//
// The reads, the tension rollups and the delivery outbox are
// internal/sqlstore's, shared with the sqlite store; this package gives
// them PostgreSQL's dialect and tsvector search, and keeps its write path,
// Stats and the locks between processes.
package postgres

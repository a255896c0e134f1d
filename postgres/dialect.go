package postgres

import (
	"strconv"
	"strings"
	"time"

	"github.com/detente-project/detente/internal/sqlstore"
)

// core is the shared store implementation, embedded under an unexported
// name.
type core = sqlstore.Store

// dialect is PostgreSQL's: numbered placeholders, timestamptz and date
// columns, true and false for flags, lists as arrays, several processes
// sharing the database.
var dialect = sqlstore.Dialect{
	Numbered:     true,
	Time:         func(t time.Time) any { return t.UTC() },
	NoTime:       nil,
	True:         "true",
	False:        "false",
	Arrays:       true,
	Strpos:       "strpos",
	SkipLocked:   true,
	TimeArg:      "?::timestamptz",
	DayArg:       "?::date",
	CursorLayout: time.RFC3339Nano,
	EventColumns: eventColumns,
	Raw:          func(s string) any { return []byte(s) }, // BYTEA: NUL bytes included
	SpoolLock:    `SELECT pg_advisory_xact_lock(` + strconv.Itoa(spoolLock) + `)`,
	Search:       search{}, // each store its own, with a cache (OpenConfig)
	// One range of events_either (migration 0171), not two of events_pair.
	Pair: `least(source_country, target_country) = least(?::text, ?::text)
		AND greatest(source_country, target_country) = greatest(?::text, ?::text)`,
	Estimate: estimate,
	// The fingerprint stays in the heap row (about 1.4 KB) while the body
	// and its tsvector go to TOAST: reading it does not read the body.
	Fingerprinted: `(SELECT id AS ref, id, story_id, published, fingerprint FROM articles
		WHERE fingerprint IS NOT NULL)`,
	Banded:         `(SELECT day, key, published AS at, article_id AS ref FROM article_bands)`,
	BandAt:         func(t time.Time) any { return t.UTC() },
	BandDay:        bandDay,
	StoredArticles: `SELECT coalesce(sum(articles), 0) FROM count_deltas`,
	Indexes: `SELECT indexname AS name, indexdef AS def, tablename::text AS tbl FROM pg_indexes
		WHERE schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%'`,
	Clear: func(tables ...string) []string {
		return []string{`TRUNCATE ` + strings.Join(tables, ", ")}
	},
}

// spoolLock is the advisory lock key that serialises SpoolPages.
const spoolLock = 0x73706f6f // "spoo"

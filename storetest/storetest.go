// Package storetest is the conformance suite every detente store passes:
// the sqlite and postgres packages run it against a real database, so both
// keep exactly the same semantics (idempotent writes, stories and their
// NumSources, every filter, cursors, full-text search, error codes,
// readers during writes).
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// Store is what the suite exercises: the writer and reader contracts of the
// root package and the extra methods the pipeline and sources use.
type Store interface {
	detente.DocumentWriter
	detente.Reader
	GetState(ctx context.Context, key string) ([]byte, bool, error)
	PutState(ctx context.Context, key string, v []byte) error
	StatesWithPrefix(ctx context.Context, prefix string) (map[string][]byte, error)
	DeleteState(ctx context.Context, key string) error
	EachFingerprint(ctx context.Context, since time.Time,
		fn func(articleID, storyID string, published time.Time, fp []uint64) error) error
	NewestFingerprinted(ctx context.Context) (time.Time, bool, error)
	EachBandFingerprint(ctx context.Context, from, to time.Time, keys []uint64,
		fn func(articleID, storyID string, published time.Time, fp []uint64) error) error
	HasArticle(ctx context.Context, id string) (bool, error)
	ArticleOrigin(ctx context.Context, id string) (url string, fetched time.Time, err error)
	SpoolPages(ctx context.Context, pages []detente.Page) error
	SpooledPages(ctx context.Context, after int64, limit int) ([]detente.SpooledPage, error)
	UnspoolPages(ctx context.Context, ids []int64) error
}

// Run runs the whole suite; open must return a new, empty store for each
// call and close it when the test ends.
func Run(t *testing.T, open func(t *testing.T) Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"BadBatch", testBadBatch},
		{"Stories", testStories},
		{"StoryOrder", testStoryOrder},
		{"Filters", testFilters},
		{"EventPages", testEventPages},
		{"ArticlePages", testArticlePages},
		{"EachEvent", testEachEvent},
		{"NewestDay", testNewestDay},
		{"TopEvents", testTopEvents},
		{"EventSentences", testEventSentences},
		{"EventsByID", testEventsByID},
		{"Search", testSearch},
		{"CommonWord", testCommonWord},
		{"FilteredSearch", testFilteredSearch},
		{"SentencesByMonth", testSentencesByMonth},
		{"OddQueries", testOddQueries},
		{"NotFound", testNotFound},
		{"Invalid", testInvalid},
		{"State", testState},
		{"Fingerprints", testFingerprints},
		{"FingerprintStories", testFingerprintStories},
		{"BandFingerprints", testBandFingerprints},
		{"ReadersDuringWrites", testReadersDuringWrites},
		{"DirtyText", testDirtyText},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Spool", testSpool},
		{"StatsTotals", testStatsTotals},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

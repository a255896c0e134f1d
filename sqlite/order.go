package sqlite

import (
	"fmt"
	"time"
)

// Sentences and articles are numbered by when their article was published
// (migrations 0090 and 0091): a sentence's id (an article's seq) is the
// Unix second of its article's publication shifted left by keyShift bits,
// plus its rank among the sentences (articles) stored for that second.
// The full-text indexes keep their matches in that order, so reading them
// by number descending reads the newest articles' first and a page of a
// common word stops once it is full.
const keyShift = 24

// secondKeys is how many sentences (or articles) one second of
// publication holds.
const secondKeys = 1 << keyShift

// firstKey returns the lowest sentence id of t's second: every sentence
// of an article published at or after t has an id at least this.
func firstKey(t time.Time) int64 { return t.Unix() << keyShift }

// keyTime returns the second of publication that sentence id key holds.
func keyTime(key int64) time.Time { return time.Unix(key>>keyShift, 0).UTC() }

// dayKey returns the lowest sentence id of the UTC day of key's second.
func dayKey(key int64) int64 {
	t := keyTime(key)
	return firstKey(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
}

// errSecondFull is returned when more sentences (or articles) than
// secondKeys claim one second of publication.
func errSecondFull(t time.Time) error {
	return fmt.Errorf("more than %d published at %s", secondKeys, t.UTC().Format(time.RFC3339))
}

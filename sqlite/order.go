package sqlite

import (
	"fmt"
	"time"
)

// Sentences are numbered by when their article was published (migration
// 0090): a sentence's id is the Unix second of its article's publication
// shifted left by keyShift bits, plus its rank among the sentences stored
// for that second. The full-text index keeps its matches in id order, so
// reading them by id descending reads the newest articles' first and a
// page of a common word stops once it is full.
const keyShift = 24

// secondKeys is how many sentences one second of publication holds.
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

// errSecondFull is returned when more sentences than secondKeys claim
// one second of publication.
func errSecondFull(t time.Time) error {
	return fmt.Errorf("more than %d sentences published at %s", secondKeys, t.UTC().Format(time.RFC3339))
}

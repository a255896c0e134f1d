package fetch

import (
	"errors"
	"fmt"
)

// Errors that a fetch may end with, wrapped in an *Error naming the URL.
var (
	ErrScheme     = errors.New("only http and https URLs are fetched")
	ErrTooLarge   = errors.New("body exceeds the size limit")
	ErrTooSlow    = errors.New("body arrives slower than the minimum rate")
	ErrDisallowed = errors.New("disallowed by robots.txt")
	ErrRedirects  = errors.New("too many redirects")
)

// Error is a failed fetch: the URL, the HTTP status when one was received
// (0 otherwise) and the cause.
type Error struct {
	URL    string
	Status int
	Err    error
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Status != 0 && e.Err == nil {
		return fmt.Sprintf("fetch %s: status %d", e.URL, e.Status)
	}
	if e.Status != 0 {
		return fmt.Sprintf("fetch %s: status %d: %v", e.URL, e.Status, e.Err)
	}
	return fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

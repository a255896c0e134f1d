package nats

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/fetch"
	"github.com/detente-project/detente/source"
)

// expand turns an item into pages and hands each to emit. Failures of a
// part of the item (one record of an archive, one item of a feed) are
// logged and the rest goes on; the error returned is the failure of the
// item as a whole (the page, feed or file could not be read), or emit's.
func expand(ctx context.Context, it Item, opts source.Options, log *slog.Logger, now time.Time,
	emit func(detente.Page) error) error {
	if it.Kind == KindArticle {
		return emit(it.Record.Page(it.ID(), it.ID(), -1, now))
	}
	in := it.input()
	var whole error
	opts.OnError = func(input string, err error) {
		if input == in {
			whole = err
			return
		}
		log.Warn("part of an item failed", "stage", "queue", "url", input, "err", err)
	}
	if err := source.Walk(ctx, []string{in}, opts, emit); err != nil {
		return err
	}
	return whole
}

// permanentFetch are fetch failures that a retry will not mend.
var permanentFetch = []error{fetch.ErrBlocked, fetch.ErrScheme, fetch.ErrTooLarge, fetch.ErrDisallowed, fetch.ErrRedirects}

// transient reports whether err may go away if the item is tried again
// later: a network failure, a timeout, or a 5xx, 408 or 429 answer.
// Everything else (a 404, a missing or damaged file, a refused address) is
// permanent.
func transient(err error) bool {
	var fe *fetch.Error
	if !errors.As(err, &fe) {
		return false
	}
	if fe.Status != 0 {
		return fe.Status >= 500 || fe.Status == http.StatusTooManyRequests || fe.Status == http.StatusRequestTimeout
	}
	for _, p := range permanentFetch {
		if errors.Is(err, p) {
			return false
		}
	}
	return true
}

// outcome is how a settled delivery ends.
type outcome int

const (
	outcomeAck   outcome = iota // every page settled
	outcomeRetry                // transient failure: redeliver later
	outcomeAgain                // interrupted by shutdown: redeliver now
	outcomeTerm                 // permanent failure: never redeliver
)

func (o outcome) String() string {
	return [...]string{"acked", "retried", "released", "terminated"}[o]
}

// judge decides the outcome of a delivery whose expansion ended with err.
func judge(err error, delivered uint64, maxDeliver int) outcome {
	switch {
	case err == nil:
		return outcomeAck
	case errors.Is(err, context.Canceled):
		return outcomeAgain
	case transient(err) && delivered < uint64(maxDeliver):
		return outcomeRetry
	}
	return outcomeTerm
}

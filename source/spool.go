package source

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/detente-project/detente"
)

// SpoolStore keeps accepted pages durably until the pipeline has settled
// them. The sqlite and postgres stores are both; page IDs must grow in
// the order SpoolPages commits.
type SpoolStore interface {
	SpoolPages(ctx context.Context, pages []detente.Page) error
	SpooledPages(ctx context.Context, after int64, limit int) ([]detente.SpooledPage, error)
	UnspoolPages(ctx context.Context, ids []int64) error
}

// spoolOrigin starts the Origin of every page a Spool feeds; its spool ID
// follows, so that Settled knows which rows to delete.
const spoolOrigin = "spool:"

// spoolBatch is how many spooled pages Run reads at once.
const spoolBatch = 64

// Spool is the outbox between an acknowledgement and the pipeline: Add
// stores pages durably before the caller acknowledges them, Run feeds them
// to the pipeline in order of acceptance, and Settled deletes them once
// the pipeline has stored (or failed and reported) them. Pages spooled by
// a process that died are fed again by the next Run; the store's
// idempotent writes make that harmless.
type Spool struct {
	store SpoolStore
	log   *slog.Logger
	wake  chan struct{}
}

// NewSpool returns a Spool over st; log may be nil.
func NewSpool(st SpoolStore, log *slog.Logger) *Spool {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Spool{store: st, log: log.With("stage", "spool"), wake: make(chan struct{}, 1)}
}

// Add stores pages in one transaction; when it returns nil they are
// durable and Run will feed them.
func (s *Spool) Add(ctx context.Context, pages []detente.Page) error {
	if err := s.store.SpoolPages(ctx, pages); err != nil {
		return err
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return nil
}

// Run feeds emit every spooled page, oldest first, then each page Add
// stores, until ctx is done; it then returns nil after one last pass over
// what was spooled meanwhile, emitting with final, which the caller keeps
// alive while the pipeline drains. A page is fed with Origin set to
// "spool:" and its ID, and Offset -1.
func (s *Spool) Run(ctx, final context.Context, emit func(context.Context, detente.Page) error) error {
	var last int64
	for ctx.Err() == nil {
		n, err := s.feed(ctx, &last, emit)
		if err != nil {
			return err
		}
		if n == 0 {
			select {
			case <-ctx.Done():
			case <-s.wake:
			}
		}
	}
	for final.Err() == nil {
		n, err := s.feed(final, &last, emit)
		if err != nil || n == 0 {
			return err
		}
	}
	return nil
}

// feed emits the spooled pages after *last, one read at a time, and
// returns how many it emitted.
func (s *Spool) feed(ctx context.Context, last *int64, emit func(context.Context, detente.Page) error) (int, error) {
	sps, err := s.store.SpooledPages(ctx, *last, spoolBatch)
	if err != nil {
		if ctx.Err() != nil {
			return 0, nil
		}
		return 0, err
	}
	for _, sp := range sps {
		p := sp.Page
		p.Origin, p.Offset = spoolOrigin+strconv.FormatInt(sp.ID, 10), -1
		if err := emit(ctx, p); err != nil {
			if ctx.Err() != nil {
				return 0, nil
			}
			return 0, err
		}
		*last = sp.ID
	}
	return len(sps), nil
}

// Settled deletes from the spool the pages of a batch the pipeline has
// made durable; pages that did not come from the spool are ignored. A
// failed delete is logged: the pages stay spooled and the next start feeds
// them again, which stores nothing twice.
func (s *Spool) Settled(ctx context.Context, pages []detente.Page) {
	var ids []int64
	for _, p := range pages {
		if id, ok := strings.CutPrefix(p.Origin, spoolOrigin); ok {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				ids = append(ids, n)
			}
		}
	}
	if err := s.store.UnspoolPages(ctx, ids); err != nil {
		s.log.Error("unspool settled pages", "err", fmt.Errorf("%d pages stay spooled: %w", len(ids), err))
	}
}

package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/coder"
	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/extract"
	"github.com/detente-project/detente/tension"
	"github.com/detente-project/detente/text"
	"golang.org/x/sync/errgroup"
)

// Store is what the standard pipeline needs of a store: documents, resume
// state, tension rollups and the fingerprints that warm the story index.
// The sqlite and postgres stores are both.
type Store interface {
	detente.DocumentWriter
	StateStore
	tension.Store
	tension.EventSource
	EachFingerprint(ctx context.Context, since time.Time,
		fn func(articleID, storyID string, published time.Time, fp []uint64) error) error
	NewestFingerprinted(ctx context.Context) (time.Time, bool, error)
}

// bandStore is a Store that reads the stored articles sharing an LSH band
// with an article (the sqlite and postgres stores).
type bandStore interface {
	EachBandFingerprint(ctx context.Context, from, to time.Time, keys []uint64,
		fn func(articleID, storyID string, published time.Time, fp []uint64) error) error
}

// Options configure NewStandard.
type Options struct {
	DictDir  string           // extra or overriding dictionaries; "" for the embedded ones
	Workers  int              // 0: one per core
	Notifier tension.Notifier // receives new alerts; nil stores them only
	Log      *slog.Logger
	Metrics  *Metrics
	OnError  func(input string, err error)
	OnDone   func(pages []detente.Page)
	// Dedup is the story index; nil: an in-memory index warmed from the
	// stored articles.
	Dedup Deduper
}

// StandardConfig returns the configuration of detente's own stages over
// st: the go-trafilatura extractor, the sentence splitter, the dictionary
// coder, the MinHash story index (warmed from the stored articles, so wire
// copies join stories told in earlier runs) and the tension updater, with
// resume checkpoints kept in st. A queue worker adjusts it before New.
func StandardConfig(ctx context.Context, st Store, o Options) (Config, error) {
	c, err := coder.New(coder.WithDictDir(o.DictDir))
	if err != nil {
		return Config{}, fmt.Errorf("load coder: %w", err)
	}
	idx := o.Dedup
	if idx == nil {
		local, err := warmIndex(ctx, st)
		if err != nil {
			return Config{}, err
		}
		ld := LocalDedup{Index: local, Stored: st.EachFingerprint}
		if b, ok := st.(bandStore); ok {
			ld.Candidates = b.EachBandFingerprint
		}
		idx = ld
	}
	return Config{
		Extractor: extract.New(),
		Coder:     c,
		Split:     text.Sentences,
		Store:     st,
		Dedup:     idx,
		Tension:   storeTension{tension.NewUpdater(st, o.Notifier, tension.DefaultParams(), o.Log), st},
		State:     st,
		// Bulk ingests apply tension every few seconds rather than after
		// every batch; live feeds still see it within seconds.
		TensionEvery: 5 * time.Second,
		Workers:      o.Workers,
		Log:          o.Log,
		Metrics:      o.Metrics,
		OnError:      o.OnError,
		OnDone:       o.OnDone,
	}, nil
}

// warmIndex returns an in-memory story index holding the stored articles
// it would keep had it seen every one: those published within two windows
// of the newest (it evicts older ones as newer ones come), so that a
// restart reads days of articles, not the whole history.
func warmIndex(ctx context.Context, st Store) (*dedup.Index, error) {
	idx := dedup.New(dedup.Options{})
	newest, ok, err := st.NewestFingerprinted(ctx)
	switch {
	case err != nil:
		return nil, fmt.Errorf("warm story index: %w", err)
	case !ok:
		return idx, nil
	}
	since := newest.Add(-2 * dedup.DefaultWindow)
	err = st.EachFingerprint(ctx, since, func(id, story string, published time.Time, fp []uint64) error {
		idx.Add(id, story, published, fp)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("warm story index: %w", err)
	}
	idx.HeldSince(since)
	return idx, nil
}

// LocalDedup is the in-memory story index of one process as a Deduper.
type LocalDedup struct {
	*dedup.Index
	// Stored calls fn with the stored articles published at or after
	// since, oldest first, until fn fails (a Store's EachFingerprint):
	// the index recalls from it the window of a late article, whose
	// copies it may have evicted. Nil: nothing is recalled.
	Stored func(ctx context.Context, since time.Time,
		fn func(articleID, storyID string, published time.Time, fp []uint64) error) error
	// Candidates calls fn with the stored articles published from from
	// until to that have one of keys among the band keys of their
	// fingerprint under the default options (dedup.BandKeys with
	// dedup.Options{}), oldest first, until fn fails (a Store's
	// EachBandFingerprint). An index with the default bands recalls
	// from it, for a late article, only the articles it will compare the
	// article to, not every article of the hours it lacks. Nil: Stored.
	Candidates func(ctx context.Context, from, to time.Time, keys []uint64,
		fn func(articleID, storyID string, published time.Time, fp []uint64) error) error
}

// Assign sets the story of each article with a fingerprint from the
// in-memory index, in order, with the story's former IDs. For an article
// older than what the index holds all copies for (a redelivered or
// late one), the stored articles of the hours of its window the index
// lacks are recalled first, so that it finds its copies as it would have
// in published order: those that share a band with it when the store
// reads them by band (Candidates), else all of them.
func (l LocalDedup) Assign(ctx context.Context, articles []*detente.Article) error {
	byBand := l.Candidates != nil && defaultBands(l.Index.Options())
	for _, a := range articles {
		if len(a.Fingerprint) == 0 {
			continue
		}
		first, last, late := l.Index.Gap(a.Published)
		var err error
		switch {
		case late && byBand:
			err = l.recallCandidates(ctx, first, last, a.Fingerprint)
		case late && l.Stored != nil:
			err = l.recall(ctx, first, last)
		}
		if err != nil {
			return fmt.Errorf("recall the stored copies of article %s: %w", a.ID, err)
		}
		a.StoryID, a.StoryAliases = l.Index.AssignStory(a.ID, a.Published, a.Fingerprint)
	}
	return nil
}

// errPastWindow stops the reading of stored articles past a window.
var errPastWindow = errors.New("past the window")

// recall adds the stored articles published in the hours from first to
// last (each the start of its hour) to the index.
func (l LocalDedup) recall(ctx context.Context, first, last time.Time) error {
	end := last.Add(time.Hour)
	err := l.Stored(ctx, first, func(id, story string, published time.Time, fp []uint64) error {
		if !published.Before(end) {
			return errPastWindow
		}
		l.Index.Add(id, story, published, fp)
		return nil
	})
	if errors.Is(err, errPastWindow) {
		err = nil
	}
	if err == nil {
		l.Index.Recalled(first, last)
	}
	return err
}

// defaultBands says whether an index with options o has the band keys of
// the default options, those a store's Candidates are read by.
func defaultBands(o dedup.Options) bool {
	d := dedup.Options{}.Resolved()
	return o.Shingle == d.Shingle && o.Hashes == d.Hashes && o.Bands == d.Bands
}

// recallCandidates adds the stored articles published in the hours from
// first to last (each the start of its hour) that share a band with the
// fingerprint fp to the index: those it compares fp to. The hours are not
// Recalled, as their other articles are not held: the next late article
// reads its own candidates.
func (l LocalDedup) recallCandidates(ctx context.Context, first, last time.Time, fp []uint64) error {
	return l.Candidates(ctx, first, last.Add(time.Hour), dedup.BandKeys(l.Index.Options(), fp),
		func(id, story string, published time.Time, fp []uint64) error {
			l.Index.Add(id, story, published, fp)
			return nil
		})
}

// NewStandard returns a pipeline of StandardConfig's stages.
func NewStandard(ctx context.Context, st Store, o Options) (*Pipeline, error) {
	cfg, err := StandardConfig(ctx, st, o)
	if err != nil {
		return nil, err
	}
	return New(cfg)
}

// storeTension is the tension updater over the events of one store.
type storeTension struct {
	*tension.Updater
	src tension.EventSource
}

// Rebuild recomputes tension from every stored event, for the recovery
// of an interrupted run: alerts not yet delivered go to the Notifier.
func (t storeTension) Rebuild(ctx context.Context) error {
	_, err := t.Updater.Recover(ctx, t.src)
	return err
}

// RunFrom runs p over the pages that produce hands to emit, as a walk over
// files or an archive does, with back-pressure: emit waits while the
// pipeline is busy. A pipeline failure stops the producer; the producer's
// error, if any, is returned with the pipeline's.
func RunFrom(ctx context.Context, p *Pipeline, produce func(ctx context.Context, emit func(detente.Page) error) error) (Summary, error) {
	pages := make(chan detente.Page, 64)
	var sum Summary
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(pages)
		return produce(gctx, func(pg detente.Page) error {
			select {
			case pages <- pg:
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	})
	g.Go(func() (err error) {
		sum, err = p.Run(gctx, pages)
		return err
	})
	err := g.Wait()
	return sum, err
}

// RunPages runs a fixed set of pages through p.
func RunPages(ctx context.Context, p *Pipeline, pages []detente.Page) (Summary, error) {
	return RunFrom(ctx, p, func(_ context.Context, emit func(detente.Page) error) error {
		for _, pg := range pages {
			if err := emit(pg); err != nil {
				return err
			}
		}
		return nil
	})
}

// Package pipeline wires detente's stages: pages are extracted and coded
// on one worker per core, then a single writer assigns wire copies to
// stories, stores documents in batched transactions, updates the tension
// rollups and advances resume checkpoints.
//
// Stages meet through the small interfaces below, so the pipeline knows no
// concrete extractor, coder or store. Bounded channels give back-pressure:
// a slow store slows extraction instead of filling memory.
package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/crashpoint"
	"golang.org/x/sync/errgroup"
)

// Splitter splits an article body into sentences with byte offsets.
type Splitter func(articleID, body string) []detente.Sentence

// Deduper groups wire copies of one story: the in-memory index of one
// process (LocalDedup) or an index shared by processes in a database,
// whose assignments can fail; a failed assignment stops the run, as a
// failed store write does.
type Deduper interface {
	Fingerprint(body string) []uint64
	// Assign sets the StoryID of each article that has a fingerprint,
	// in order, each as if assigned after the ones before it, and its
	// StoryAliases: the writer hands it each batch before storing it.
	Assign(ctx context.Context, articles []*detente.Article) error
}

// TensionUpdater refreshes tension rollups and alerts for newly stored
// events, or rebuilds them from every stored event.
type TensionUpdater interface {
	Update(ctx context.Context, events []detente.Event) error
	Rebuild(ctx context.Context) error
}

// StateStore keeps small named values, such as resume checkpoints.
type StateStore interface {
	GetState(ctx context.Context, key string) ([]byte, bool, error)
	PutState(ctx context.Context, key string, value []byte) error
	// StatesWithPrefix returns every state whose key starts with prefix.
	StatesWithPrefix(ctx context.Context, prefix string) (map[string][]byte, error)
	// DeleteState deletes a state; a key not stored is no error.
	DeleteState(ctx context.Context, key string) error
}

// Config holds the stages and settings of a Pipeline. Extractor, Coder,
// Split and Store are required; the rest are optional.
type Config struct {
	Extractor detente.Extractor
	Coder     detente.Coder
	Split     Splitter
	Store     detente.DocumentWriter
	Dedup     Deduper        // nil: every article is its own story
	Tension   TensionUpdater // nil: no tension rollups
	State     StateStore     // nil: no resume checkpoints, no pending-tension marks
	// SkipCheckpoints keeps State for the pending-tension marks only: the
	// input is resumed by other means (a queue redelivers what was not
	// acknowledged), so no resume offsets are written.
	SkipCheckpoints bool
	Workers         int // extraction and coding workers; 0 means one per core
	BatchSize       int // documents per store transaction; 0 means 64
	// FlushEvery bounds how long a partial batch waits before it is
	// written, so a slow live feed still lands promptly; 0 means 2s.
	FlushEvery time.Duration
	// TensionEvery is the least time between two tension updates: the
	// events of the batches stored in between are applied together, so a
	// bulk ingest does not recompute the same pair-days after every batch.
	// It needs State, which marks the stored events whose tension is still
	// pending: a run that stops before applying them leaves the mark, and
	// the next run rebuilds tension from the store. 0 (or no State) means
	// after every batch.
	TensionEvery time.Duration
	// PendingLease is how long a run's pending-tension mark holds without
	// being renewed (each batch renews it). Runs share a store (queue
	// workers): a mark whose lease has run out is that of a run that died
	// with tension pending, and any other run rebuilds tension for it, at
	// its start or after its own next update. 0 means 2 minutes.
	PendingLease time.Duration
	Log          *slog.Logger
	Metrics      *Metrics // nil: not counted
	// OnError is told of every page that failed, with an error naming it;
	// the pipeline goes on with the other pages.
	OnError func(input string, err error)
	// OnDone is told, after each batch is durable, of the pages it
	// settled: stored, or failed and reported. A queue consumer acks them
	// here, so that a crash before this point redelivers them.
	OnDone func(pages []detente.Page)
}

// Summary counts what a run did.
type Summary struct {
	Pages     int // pages read
	Failed    int // pages that failed extraction
	Articles  int // documents handed to the store (stored or already there)
	Sentences int
	Events    int
}

// Pipeline runs pages through the stages. It is safe to call Run more than
// once, but not concurrently.
type Pipeline struct {
	cfg Config
	ck  *checkpoints
	run string // names the current run's pending-tension mark
}

// New checks cfg and returns a Pipeline.
func New(cfg Config) (*Pipeline, error) {
	switch {
	case cfg.Extractor == nil:
		return nil, errors.New("pipeline: no extractor")
	case cfg.Coder == nil:
		return nil, errors.New("pipeline: no coder")
	case cfg.Split == nil:
		return nil, errors.New("pipeline: no sentence splitter")
	case cfg.Store == nil:
		return nil, errors.New("pipeline: no store")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 64
	}
	if cfg.FlushEvery <= 0 {
		cfg.FlushEvery = 2 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.State == nil {
		cfg.TensionEvery = 0
	}
	if cfg.PendingLease <= 0 {
		cfg.PendingLease = 2 * time.Minute
	}
	if cfg.OnError == nil {
		cfg.OnError = func(string, error) {}
	}
	ckState := cfg.State
	if cfg.SkipCheckpoints {
		ckState = nil
	}
	return &Pipeline{cfg: cfg, ck: newCheckpoints(ckState)}, nil
}

// Resume returns the checkpoint stored for an origin: the offset of the
// first page not yet known to be stored, or 0.
func (p *Pipeline) Resume(ctx context.Context, origin string) (int64, error) {
	return p.ck.load(ctx, origin)
}

// coded is a page after extraction and coding, or the error that stopped
// it, with its place in the input.
type coded struct {
	seq  int
	page detente.Page
	doc  detente.Document
	err  error
}

// sequenced is a page with its place in the input.
type sequenced struct {
	seq  int
	page detente.Page
}

// Run reads pages until the channel closes or ctx is done, and returns what
// it did. Page failures go to Config.OnError and do not stop the run; a
// store failure does. Every page whose document was written before Run
// returns is durable.
func (p *Pipeline) Run(ctx context.Context, pages <-chan detente.Page) (Summary, error) {
	var sum Summary
	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		return sum, fmt.Errorf("pipeline: run ID: %w", err)
	}
	p.run = hex.EncodeToString(id[:])
	if err := p.recoverTension(ctx); err != nil {
		return sum, err
	}
	g, ctx := errgroup.WithContext(ctx)
	work := make(chan sequenced, p.cfg.Workers*2)
	done := make(chan coded, p.cfg.Workers*2)
	// The writer takes pages in input order, so that stories form the same
	// way whatever the workers' timing; slots bounds how far ahead of the
	// slowest page in flight the others may run.
	slots := make(chan struct{}, p.cfg.Workers*4)

	g.Go(func() error {
		defer close(work)
		for seq := 0; ; seq++ {
			var pg detente.Page
			select {
			case <-ctx.Done():
				return ctx.Err()
			case next, ok := <-pages:
				if !ok {
					return nil
				}
				pg = next
			}
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			p.ck.dispatch(pg)
			sum.Pages++
			select {
			case work <- sequenced{seq, pg}:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	var workers sync.WaitGroup
	for range p.cfg.Workers {
		workers.Add(1)
		g.Go(func() error {
			defer workers.Done()
			for w := range work {
				c := p.process(ctx, w.page)
				c.seq = w.seq
				select {
				case done <- c:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		workers.Wait()
		close(done)
		return nil
	})
	ordered := make(chan coded)
	g.Go(func() error { return reorder(ctx, done, ordered, slots) })
	g.Go(func() error { return p.write(ctx, ordered, &sum) })
	err := g.Wait()
	if err != nil {
		p.expireMark(context.WithoutCancel(ctx), false)
	}
	return sum, err
}

// process extracts, splits and codes one page.
func (p *Pipeline) process(ctx context.Context, pg detente.Page) coded {
	m := p.cfg.Metrics
	m.add(stageExtract, "documents", 1)
	a, err := p.cfg.Extractor.Extract(ctx, pg)
	if err != nil {
		m.fail(stageExtract)
		return coded{page: pg, err: err}
	}
	if p.cfg.Dedup != nil {
		a.Fingerprint = p.cfg.Dedup.Fingerprint(a.Body)
	}
	sents := p.cfg.Split(a.ID, a.Body)
	m.add(stageSplit, "sentences", len(sents))
	events := p.cfg.Coder.Code(&a, sents)
	m.add(stageCode, "events", len(events))
	return coded{page: pg, doc: detente.Document{Article: a, Sentences: sents, Events: events}}
}

// write is the single writer: it assigns stories in arrival order, stores
// batches and advances checkpoints only after their batch is durable.
func (p *Pipeline) write(ctx context.Context, in <-chan coded, sum *Summary) (err error) {
	batch := make([]detente.Document, 0, p.cfg.BatchSize)
	var pagesInBatch []detente.Page
	tick := time.NewTicker(p.cfg.FlushEvery)
	defer tick.Stop()

	var pending []detente.Event // stored, tension not yet applied
	defer func() {
		if err != nil && len(pending) > 0 {
			p.expireMark(context.WithoutCancel(ctx), true)
		}
	}()
	lastTension := time.Now()
	lastRepair := time.Now()
	applyTension := func(final bool) error {
		if p.cfg.Tension == nil {
			return nil
		}
		if len(pending) > 0 && (final || time.Since(lastTension) >= p.cfg.TensionEvery) {
			if err := p.cfg.Tension.Update(ctx, pending); err != nil {
				p.cfg.Metrics.fail(stageTension)
				return fmt.Errorf("update tension: %w", err)
			}
			pending, lastTension = pending[:0], time.Now()
			if err := p.markTension(ctx, false); err != nil {
				return err
			}
		}
		// Now and then, and at the end, repair what runs that died
		// (other queue workers) left pending.
		if final || time.Since(lastRepair) >= p.cfg.PendingLease/4 {
			lastRepair = time.Now()
			return p.repairDeadRuns(ctx)
		}
		return nil
	}

	flush := func() error {
		if len(pagesInBatch) == 0 {
			// An idle pipeline (a server between pushes) still owes
			// the last events their tension, on time.
			return applyTension(false)
		}
		if len(batch) > 0 {
			// Only events owe tension an update: a batch without any sets
			// no mark, which nothing would clear. While events are
			// pending, each batch renews the mark's lease.
			if p.cfg.Tension != nil && (len(pending) > 0 || hasEvents(batch)) {
				if err := p.markTension(ctx, true); err != nil {
					return err
				}
			}
			if err := p.assignStories(ctx, batch); err != nil {
				return err
			}
			if err := p.cfg.Store.WriteDocuments(ctx, batch); err != nil {
				p.cfg.Metrics.fail(stageStore)
				return fmt.Errorf("store %d documents: %w", len(batch), err)
			}
			p.cfg.Metrics.add(stageStore, "articles", len(batch))
			for _, d := range batch {
				pending = append(pending, d.Events...)
			}
			crashpoint.Hit("stored")
		}
		if err := p.ck.complete(ctx, pagesInBatch); err != nil {
			return err
		}
		if p.cfg.OnDone != nil {
			p.cfg.OnDone(slices.Clone(pagesInBatch))
		}
		batch, pagesInBatch = batch[:0], pagesInBatch[:0]
		return applyTension(false)
	}

	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
			if err := flush(); err != nil {
				return err
			}
		case c, ok := <-in:
			if !ok {
				if err := flush(); err != nil {
					return err
				}
				return applyTension(true)
			}
			pagesInBatch = append(pagesInBatch, c.page)
			if c.err != nil {
				sum.Failed++
				p.cfg.Log.Warn("page failed", "url", c.page.URL, "stage", stageExtract, "err", c.err)
				p.cfg.OnError(c.page.URL, c.err)
			} else {
				sum.Articles++
				sum.Sentences += len(c.doc.Sentences)
				sum.Events += len(c.doc.Events)
				batch = append(batch, c.doc)
			}
			if len(pagesInBatch) >= p.cfg.BatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
}

// hasEvents reports whether any document of docs holds an event.
func hasEvents(docs []detente.Document) bool {
	for _, d := range docs {
		if len(d.Events) > 0 {
			return true
		}
	}
	return false
}

// assignStories sets the story of each document's article and events: the
// one the Deduper gives, or the article's own ID.
func (p *Pipeline) assignStories(ctx context.Context, docs []detente.Document) error {
	arts := make([]*detente.Article, len(docs))
	for i := range docs {
		docs[i].Article.StoryID, docs[i].Article.StoryAliases = "", nil
		arts[i] = &docs[i].Article
	}
	if p.cfg.Dedup != nil {
		if err := p.cfg.Dedup.Assign(ctx, arts); err != nil {
			return fmt.Errorf("assign stories: %w", err)
		}
	}
	for i := range docs {
		d := &docs[i]
		if d.Article.StoryID == "" {
			d.Article.StoryID = d.Article.ID
		}
		for j := range d.Events {
			d.Events[j].StoryID = d.Article.StoryID
		}
	}
	return nil
}

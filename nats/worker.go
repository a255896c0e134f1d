package nats

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/crashpoint"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/source"
	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Worker takes items from a Queue, expands them into pages, runs the pages
// through a pipeline and acks each item once all its pages are settled.
// Several workers, in one process or many, may share one Queue's consumer.
type Worker struct {
	Queue *Queue
	// Pipeline configures the stages. The worker sets its OnDone, to ack,
	// and SkipCheckpoints: the queue, not checkpoints, resumes work. Its
	// State, when set, keeps the pending-tension marks, so that tension
	// owed by a worker that died after acking is repaired by the next run.
	Pipeline pipeline.Config
	// Sources configures reading page, feed and WARC items; its Client
	// must be set for page and feed items. OnError is the worker's.
	Sources source.Options
	Items   int // items expanded at once; default 4
	// Batch caps the messages asked for per fetch; default Items. A fetch
	// never asks for more items than the worker has free slots to start
	// now, so that items it cannot start stay on the queue for another
	// worker instead of waiting here.
	Batch int
	// DrainTimeout bounds how long Run waits, once ctx is done, for the
	// pages already in the pipeline to be stored and acked. Default 30s.
	DrainTimeout time.Duration
	Log          *slog.Logger
	Metrics      *Metrics         // nil: not counted for Prometheus
	Now          func() time.Time // stamps article items; default time.Now

	counts [4]atomic.Int64 // by outcome
}

// Counts are the items a worker has settled, by outcome.
type Counts struct {
	Acked      int64 // all pages stored or reported
	Retried    int64 // transient failure, redelivered after a delay
	Released   int64 // interrupted by shutdown, redelivered at once
	Terminated int64 // malformed or permanently failing, never redelivered
}

// Counts returns what the worker has settled so far.
func (w *Worker) Counts() Counts {
	return Counts{w.counts[outcomeAck].Load(), w.counts[outcomeRetry].Load(),
		w.counts[outcomeAgain].Load(), w.counts[outcomeTerm].Load()}
}

// run is the state of one Run.
type run struct {
	w        *Worker
	cons     jetstream.Consumer
	tr       *tracker
	seen     *deliveries
	pages    chan detente.Page
	pipeDone chan struct{} // closed when the pipeline has returned
	slots    chan struct{} // one token per handler free to start an item

	mu       sync.Mutex
	fetching bool            // a fetch may be open on the server
	held     []jetstream.Msg // released while fetching, handed back after
}

// Run works until ctx is done, then stops fetching, releases the items it
// has not started, lets the pages in the pipeline be stored and acked
// (within DrainTimeout) and returns nil. It returns early with an error
// when the pipeline fails (a store error); unacked items are then
// redelivered.
func (w *Worker) Run(ctx context.Context) error {
	if w.Queue == nil {
		return errors.New("worker: no queue")
	}
	w.defaults()
	cons, err := w.Queue.consumer(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil // shut down before it started: nothing was taken
		}
		return fmt.Errorf("worker: %w", err)
	}
	r := newRun(w, cons)
	cfg := w.Pipeline
	cfg.SkipCheckpoints = true
	cfg.OnDone = r.settled
	pl, err := pipeline.New(cfg)
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}

	// The pipeline outlives ctx by up to DrainTimeout, so that pages
	// already read are stored and their items acked.
	pctx, hardStop := context.WithCancel(context.WithoutCancel(ctx))
	defer hardStop()
	stopDrain := context.AfterFunc(ctx, func() { time.AfterFunc(w.DrainTimeout, hardStop) })
	defer stopDrain()
	fctx, stopFetch := context.WithCancel(ctx)
	defer stopFetch()

	var pipeErr error
	go func() {
		defer close(r.pipeDone)
		_, pipeErr = pl.Run(pctx, r.pages)
		stopFetch()
	}()
	hbDone := make(chan struct{})
	go func() {
		defer close(hbDone)
		r.heartbeat()
	}()

	msgs := make(chan jetstream.Msg)
	var wg sync.WaitGroup
	for range w.Items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range msgs {
				r.handle(fctx, m)
				r.slots <- struct{}{}
			}
		}()
	}
	r.fetch(fctx, msgs)
	r.fetchEnded()
	close(msgs)
	wg.Wait()
	close(r.pages)
	<-r.pipeDone
	<-hbDone
	failed := pipeErr != nil && !errors.Is(pipeErr, context.Canceled)
	// Whatever is still open was not stored: after a shutdown another
	// worker may have it at once; after a store failure, later.
	for _, d := range r.tr.drop() {
		if failed {
			r.finish(d, outcomeRetry, pipeErr)
		} else {
			r.finish(d, outcomeAgain, nil)
		}
	}
	// Acks and releases are sent before Run returns.
	if err := w.Queue.nc.FlushTimeout(5 * time.Second); err != nil && !errors.Is(err, natsgo.ErrConnectionClosed) {
		w.Log.Warn("flush acks", "stage", "queue", "err", err)
	}
	if failed {
		return fmt.Errorf("worker: %w", pipeErr)
	}
	return nil
}

// newRun returns the state of a Run of w, whose defaults are set, on
// consumer cons: every handler slot free, a fetch about to open. An item
// handed back is remembered for twice the longest wait before its
// redelivery and a minute more.
func newRun(w *Worker, cons jetstream.Consumer) *run {
	wait := w.Queue.cfg.AckWait
	for _, b := range w.Queue.cfg.backoff() {
		wait = max(wait, b)
	}
	r := &run{w: w, cons: cons, tr: newTracker(), seen: newDeliveries(2*wait + time.Minute), pages: make(chan detente.Page),
		pipeDone: make(chan struct{}), slots: make(chan struct{}, w.Items), fetching: true}
	for range w.Items {
		r.slots <- struct{}{}
	}
	return r
}

func (w *Worker) defaults() {
	if w.Items <= 0 {
		w.Items = 4
	}
	if w.Batch <= 0 {
		w.Batch = w.Items
	}
	if w.DrainTimeout <= 0 {
		w.DrainTimeout = 30 * time.Second
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
	if w.Now == nil {
		w.Now = time.Now
	}
}

// fetch asks for messages and hands them out until ctx is done. Each fetch
// asks for as many messages as there are free handler slots (at most
// Batch), waiting for one to free up first: a worker takes only what it can
// start now, and the rest of the queue stays for the other workers. A
// fetch is not cut short by ctx but waits at most a second, so that every
// message the server sent is read and, after ctx is done, released rather
// than left to the ack wait. fetch returns only once the server has closed
// its last fetch.
func (r *run) fetch(ctx context.Context, msgs chan<- jetstream.Msg) {
	for ctx.Err() == nil {
		n := r.takeSlots(ctx)
		if n == 0 {
			return // ctx is done
		}
		batch, err := r.cons.Fetch(n, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			r.giveSlots(n)
			r.w.Log.Warn("fetch work items", "stage", "queue", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		handed := 0
		for m := range batch.Messages() {
			select {
			case msgs <- m:
				handed++ // its handler gives the slot back when done
			case <-ctx.Done():
				r.release(m)
			}
		}
		r.giveSlots(n - handed)
		if err := batch.Error(); err != nil && !errors.Is(err, natsgo.ErrTimeout) && !errors.Is(err, jetstream.ErrNoMessages) {
			r.w.Log.Warn("fetch work items", "stage", "queue", "err", err)
			sleep(ctx, time.Second)
		}
	}
}

// takeSlots waits until a handler slot is free and takes it with every
// other free one, up to Batch. It returns how many it took, 0 when ctx is
// done first.
func (r *run) takeSlots(ctx context.Context) int {
	select {
	case <-r.slots:
	case <-ctx.Done():
		return 0
	}
	n := 1
	for n < r.w.Batch {
		select {
		case <-r.slots:
			n++
		default:
			return n
		}
	}
	return n
}

// giveSlots returns n slots taken for a fetch that brought fewer messages.
func (r *run) giveSlots(n int) {
	for range n {
		r.slots <- struct{}{}
	}
}

// handle decodes one message and feeds its pages to the pipeline.
func (r *run) handle(ctx context.Context, m jetstream.Msg) {
	w := r.w
	if ctx.Err() != nil {
		r.release(m)
		return
	}
	meta, err := m.Metadata()
	if err != nil {
		w.Log.Error("work item without JetStream metadata", "stage", "queue", "url", m.Subject(), "err", err)
		_ = m.Term()
		w.count(outcomeTerm)
		return
	}
	it, err := DecodeItem(m.Data())
	if err != nil {
		w.Log.Error("malformed work item terminated", "stage", "queue",
			"url", fmt.Sprintf("%s#%d", m.Subject(), meta.Sequence.Stream), "err", err)
		if err := m.Term(); err != nil {
			w.Log.Warn("terminate work item", "stage", "queue", "err", err)
		}
		w.count(outcomeTerm)
		return
	}
	seq := meta.Sequence.Stream
	n, corrected := r.seen.count(seq, meta.NumDelivered, time.Now())
	if corrected {
		w.Log.Warn("the server numbered a repeated delivery as an earlier one (NATS server before 2.10.14); counted as the next",
			"stage", "queue", "url", it.input(), "server_delivery", meta.NumDelivered, "delivery", n)
	}
	d := &delivery{msg: m, item: it, seq: seq, delivered: n, key: fmt.Sprintf("nats:%d.%d", seq, n)}
	if it.Ref != "" {
		rec, err := w.Queue.body(ctx, it.Ref)
		if err != nil {
			o := outcomeRetry
			switch {
			case ctx.Err() != nil:
				o = outcomeAgain
			case errors.Is(err, ErrNoBody) || d.delivered >= uint64(w.Queue.cfg.MaxDeliver):
				o = outcomeTerm
			}
			r.finish(d, o, err)
			return
		}
		it.Record = &rec
		d.item = it
	}
	r.tr.add(d)
	err = expand(ctx, it, w.Sources, w.Log, w.Now(), func(p detente.Page) error {
		p.Origin = d.key
		r.tr.page(d)
		select {
		case r.pages <- p:
			return nil
		case <-r.pipeDone:
			return fmt.Errorf("pipeline stopped: %w", context.Canceled)
		}
	})
	if s := r.tr.expanded(d, err); s != nil {
		r.finish(s, judge(s.err, s.delivered, w.Queue.cfg.MaxDeliver), s.err)
	}
}

// settled is the pipeline's OnDone: it acks the items whose last pages
// these are.
func (r *run) settled(pages []detente.Page) {
	for _, d := range r.tr.done(pages) {
		r.finish(d, judge(d.err, d.delivered, r.w.Queue.cfg.MaxDeliver), d.err)
	}
}

// heartbeat tells the server, every third of the ack wait, that the items
// in progress are still being worked on, until the pipeline has returned.
func (r *run) heartbeat() {
	t := time.NewTicker(r.w.Queue.cfg.AckWait / 3)
	defer t.Stop()
	for {
		select {
		case <-r.pipeDone:
			return
		case <-t.C:
			for _, m := range r.tr.open() {
				_ = m.InProgress()
			}
		}
	}
}

// finish acks, naks or terminates a settled delivery.
func (r *run) finish(d *delivery, o outcome, cause error) {
	w := r.w
	var err error
	switch o {
	case outcomeAck:
		err = d.msg.Ack()
		if err == nil {
			crashpoint.Hit("acked", func() { _ = w.Queue.nc.Flush() })
		}
	case outcomeRetry:
		delay := w.Queue.cfg.retryDelay(d.delivered)
		w.Log.Warn("work item failed, will retry", "stage", "queue", "url", d.item.input(),
			"delivery", d.delivered, "retry_in", delay, "err", cause)
		err = d.msg.NakWithDelay(delay)
	case outcomeAgain:
		r.release(d.msg)
		return
	case outcomeTerm:
		w.Log.Error("work item failed for good, terminated", "stage", "queue", "url", d.item.input(),
			"delivery", d.delivered, "err", cause)
		// Term, not TermWithReason: servers before 2.10.4 ignore the
		// latter and redeliver. The reason is in the log line above.
		err = d.msg.Term()
	}
	w.count(o)
	if o == outcomeAck || o == outcomeTerm {
		r.seen.forget(d.seq)
	}
	if err != nil {
		// The server redelivers after the ack wait; the store's
		// idempotent writes make that harmless.
		w.Log.Warn("settle work item", "stage", "queue", "url", d.item.input(), "outcome", o.String(), "err", err)
		return
	}
	if d.item.Ref != "" && (o == outcomeAck || o == outcomeTerm) {
		// Settled for good: its body is no longer needed. Run's ctx
		// may be done already; the delete gets its own time.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := w.Queue.deleteBody(ctx, d.item.Ref); err != nil {
			w.Log.Warn("settle work item", "stage", "queue", "url", d.item.input(), "err", err)
		}
	}
}

// release hands an item back to the queue, for any worker to take at once.
// While this worker may still have a fetch open on the server, the item is
// held and handed back when fetching has ended: released into an open
// fetch, the server would deliver it straight back to this worker, which
// would release it again, each round spending one of its MaxDeliver
// deliveries, until the server gave up on the item without storing it.
func (r *run) release(m jetstream.Msg) {
	r.w.count(outcomeAgain)
	r.mu.Lock()
	if r.fetching {
		r.held = append(r.held, m)
		r.mu.Unlock()
		return
	}
	r.mu.Unlock()
	r.w.nak(m)
}

// fetchEnded records that no fetch of this run is open any more and hands
// back the items held meanwhile.
func (r *run) fetchEnded() {
	r.mu.Lock()
	held := r.held
	r.fetching, r.held = false, nil
	r.mu.Unlock()
	for _, m := range held {
		r.w.nak(m)
	}
}

// nak hands an item back to the queue at once.
func (w *Worker) nak(m jetstream.Msg) {
	if err := m.Nak(); err != nil {
		w.Log.Warn("release work item", "stage", "queue", "url", m.Subject(), "err", err)
	}
}

func (w *Worker) count(o outcome) {
	w.counts[o].Add(1)
	w.Metrics.add(o)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

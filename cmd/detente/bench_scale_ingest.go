package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/internal/warcgen"
	"github.com/detente-project/detente/pipeline"
)

// ingestResult is the ingest rate of the same pages into the generated
// store and into an empty one, over every round, and each round's.
type ingestResult struct {
	Pages       int     `json:"pages"` // every round's
	EmptyRate   float64 `json:"empty_pages_per_s"`
	FullRate    float64 `json:"full_pages_per_s"`
	EmptyFailed int     `json:"empty_failed"`
	FullFailed  int     `json:"full_failed"`
	EmptySetup  float64 `json:"empty_setup_s"` // opening the pipeline: dictionaries, story index
	FullSetup   float64 `json:"full_setup_s"`
	// Rounds are the rates of each round of the demo pages, in order.
	Rounds []ingestRound `json:"rounds"`
}

// ingestRound is one round of the measured ingest: the demo pages as the
// news of a span of days ShiftDays after the corpus's own.
type ingestRound struct {
	ShiftDays int     `json:"shift_days"`
	EmptyRate float64 `json:"empty_pages_per_s"`
	FullRate  float64 `json:"full_pages_per_s"`
}

// ingestStep is how far apart in time the rounds of the demo pages are:
// more than the days the corpus spans and the story index's window, so
// that no page of a round is taken for a wire copy of an earlier round's,
// in whole weeks, so that each round keeps the corpus's weekdays.
func ingestStep() time.Duration {
	first, last := demo.Window()
	span := last.Add(24*time.Hour).Sub(first) + dedup.DefaultWindow
	const week = 7 * 24 * time.Hour
	return (span + week - 1) / week * week
}

// firstRound returns the first round whose pages are all newer than the
// store's newest article, published at newest (ok false: the store holds
// none): 0, the pages as they are, for a store that ends before them, as
// a generated one does.
func firstRound(newest time.Time, ok bool) int {
	first, _ := demo.Window()
	if !ok || newest.Before(first) {
		return 0
	}
	return int(newest.Sub(first)/ingestStep()) + 1
}

// roundPages returns the pages of round k of the demo corpus, whose
// entries are the pages' index: the pages as they are for round 0; for a
// later one, each a distinct article (warcgen.Unique) published and
// fetched k steps later, the time given as the input's, which the
// extractor takes before the page's own.
func roundPages(pages []detente.Page, entries []demo.Entry, k int) []detente.Page {
	if k == 0 {
		return pages
	}
	shift := time.Duration(k) * ingestStep()
	out := make([]detente.Page, len(pages))
	for i, p := range pages {
		q := warcgen.Unique(p, k)
		q.Published = entries[i].Published.Add(shift)
		q.Fetched = q.Published
		out[i] = q
	}
	return out
}

// measureIngest runs rounds of the bundled demo pages through the
// standard pipeline into the generated store and into the empty one, each
// round a quarter of the pages at a time, alternating which store goes
// first, and returns the rates. Each round is the next span of news
// after the full store's newest article (roundPages), so a kept store
// whose ingest was measured before measures it again on pages it does
// not hold. With a profile path P, the ingests into the generated store
// are profiled into P.0, P.1 and on, four a round (go tool pprof reads
// them together).
func measureIngest(ctx context.Context, e *env, full, empty store, profile string, rounds int) (ingestResult, error) {
	pages, err := demo.Pages()
	if err != nil {
		return ingestResult{}, err
	}
	entries, err := demo.Entries()
	if err != nil {
		return ingestResult{}, err
	}
	quiet := slog.New(slog.DiscardHandler)
	var r ingestResult
	open := func(st store) (*pipeline.Pipeline, float64, error) {
		t := time.Now()
		p, err := pipeline.NewStandard(ctx, st, pipeline.Options{Log: quiet})
		return p, time.Since(t).Seconds(), err
	}
	pf, setup, err := open(full)
	if err != nil {
		return r, err
	}
	r.FullSetup = setup
	pe, setup, err := open(empty)
	if err != nil {
		return r, err
	}
	r.EmptySetup = setup
	newest, ok, err := full.NewestFingerprinted(ctx)
	if err != nil {
		return r, err
	}
	first := firstRound(newest, ok)
	var took [2]time.Duration // empty, full
	for n := range rounds {
		k := first + n
		in := roundPages(pages, entries, k)
		var before [2]detente.Stats
		for i, st := range []store{empty, full} {
			if before[i], err = st.Stats(ctx); err != nil {
				return r, err
			}
		}
		var round [2]time.Duration
		const parts = 4
		for i := range parts {
			chunk := in[i*len(in)/parts : (i+1)*len(in)/parts]
			order := []int{0, 1}
			if i%2 == 1 {
				order = []int{1, 0}
			}
			for _, s := range order {
				p := pe
				if s == 1 {
					p = pf
				}
				t := time.Now()
				var sum pipeline.Summary
				if s == 1 && profile != "" {
					err = profiled(fmt.Sprintf("%s.%d", profile, n*parts+i), func() error {
						sum, err = pipeline.RunPages(ctx, p, chunk)
						return err
					})
				} else {
					sum, err = pipeline.RunPages(ctx, p, chunk)
				}
				if err != nil {
					return r, fmt.Errorf("ingest demo pages: %w", err)
				}
				round[s] += time.Since(t)
				if s == 0 {
					r.EmptyFailed += sum.Failed
				} else {
					r.FullFailed += sum.Failed
				}
			}
		}
		if err := checkNew(ctx, full, empty, before); err != nil {
			return r, err
		}
		r.Rounds = append(r.Rounds, ingestRound{
			ShiftDays: int(time.Duration(k) * ingestStep() / (24 * time.Hour)),
			EmptyRate: float64(len(in)) / round[0].Seconds(),
			FullRate:  float64(len(in)) / round[1].Seconds(),
		})
		took[0] += round[0]
		took[1] += round[1]
		r.Pages += len(in)
	}
	r.EmptyRate = float64(r.Pages) / took[0].Seconds()
	r.FullRate = float64(r.Pages) / took[1].Seconds()
	e.log.Info("bench scale: ingest", "pages", r.Pages, "rounds", rounds, "empty_pages_per_s", r.EmptyRate, "full_pages_per_s", r.FullRate)
	return r, nil
}

// checkNew returns an error when a round stored fewer new articles in
// full than in empty, which held before what before says (empty's, then
// full's): full held some of its pages already, so its rate would be
// that of a re-delivery, which skips the work of new pages, not that of
// an ingest.
func checkNew(ctx context.Context, full, empty store, before [2]detente.Stats) error {
	emptyAfter, err := empty.Stats(ctx)
	if err != nil {
		return err
	}
	fullAfter, err := full.Stats(ctx)
	if err != nil {
		return err
	}
	added, want := fullAfter.Articles-before[1].Articles, emptyAfter.Articles-before[0].Articles
	if added < want {
		return fmt.Errorf("ingest demo pages: the store held %d of the round's %d articles already, so this was a re-delivery, not an ingest", want-added, want)
	}
	return nil
}

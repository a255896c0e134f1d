package tension

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/detente-project/detente"
)

// Obs is a counted event as the series see it: the fields of a stored
// primary, non-negated, non-hypothetical event between two countries.
type Obs struct {
	ID         string
	Source     string // country code
	Target     string // country code
	Code       string // CAMEO code
	Day        time.Time
	Quad       detente.QuadClass
	Goldstein  float64
	NumSources int
	StoryID    string
}

// Day is one day of a pair's series as stored: the rollup of its events,
// the sums the index needs, and the index with its state at the end of the
// day. A store keeps one Day per pair and day with events; Fill derives the
// days between them.
type Day struct {
	detente.TensionPoint
	WeightedSq  float64 // sum of squared source weights
	GoldsteinSq float64 // source-weighted sum of squared Goldstein scores
	State       State
	Carry       *Carry // set on quiet days, from which an update can resume
}

// State is what the index carries from one day to the next.
type State struct {
	Sum      float64 // discounted source-weighted tension of recent days
	Weight   float64 // discounted source weight of recent days
	WeightSq float64 // discounted squared source weights of recent days
	Base     float64 // the pair's baseline tension per event
	Sigma    float64 // the pair's standard deviation of tension per event
}

// Weight returns the weight of an event reported by n articles of its
// story: 1 + ln n. The articles of one story are not independent reports,
// so their number raises an event's weight slowly (a wire story copied 20
// times weighs 4, not 20).
func Weight(n int) float64 {
	if n <= 1 {
		return 1
	}
	return 1 + math.Log(float64(n))
}

// PairsOf returns the pairs an event between two countries counts in: the
// directed pair source→target and the undirected pair. It returns nil when
// either side is not a country or both are the same.
func PairsOf(source, target string) []detente.Pair {
	if !detente.IsCountry(source) || !detente.IsCountry(target) || source == target {
		return nil
	}
	return []detente.Pair{detente.NewPair(source, target, true), detente.NewPair(source, target, false)}
}

// Aggregate rolls counted events up into one Day per pair and day, for both
// the directed and the undirected pair of each event, sorted by pair key
// then day. Events that are not between two distinct countries are left
// out.
//
// An event counts once per story, day, pair and CAMEO code: the stores
// already fold wire copies of one actor-coded event into one with N
// sources, and here the rest of one story's repeats fold too (an official
// and the government of the same country, "Russia and Ukraine held talks"
// coded both ways), keeping the report with the most sources. For the
// undirected pair A→B and B→A of the same code are one event.
//
// The sums do not depend on the order of obs: the events are added in the
// order of their IDs, so that an update, which reads a few days, and a
// rebuild, which reads them all, store the same bits whatever order the
// database returns rows in.
func Aggregate(obs []Obs) []Day {
	obs = slices.Clone(obs)
	slices.SortFunc(obs, func(a, b Obs) int { return strings.Compare(a.ID, b.ID) })
	type key struct {
		pair string
		day  time.Time
	}
	type once struct {
		key
		story, code string
	}
	kept := map[once]Obs{}
	var order []once
	for _, o := range obs {
		for _, p := range PairsOf(o.Source, o.Target) {
			k := once{key{p.Key(), truncDay(o.Day)}, o.StoryID, o.Code}
			if o.StoryID == "" {
				k.story = "event:" + o.ID // no story: nothing to fold with
			}
			prev, seen := kept[k]
			if !seen {
				order = append(order, k)
			}
			if !seen || o.NumSources > prev.NumSources || o.NumSources == prev.NumSources && o.ID < prev.ID {
				kept[k] = o
			}
		}
	}
	acc := map[key]*Day{}
	stories := map[key]map[string]struct{}{}
	for _, k := range order {
		o := kept[k]
		d := acc[k.key]
		if d == nil {
			pair, _ := detente.ParsePair(k.pair)
			d = &Day{TensionPoint: detente.TensionPoint{Pair: pair, Day: k.day}}
			acc[k.key] = d
			stories[k.key] = map[string]struct{}{}
		}
		w := Weight(o.NumSources)
		if o.Quad >= detente.VerbalCoop && o.Quad <= detente.MaterialConflict {
			d.Counts[o.Quad-1]++
		}
		d.Events++
		d.Weighted += w
		d.WeightedSq += w * w
		d.GoldsteinSum += w * o.Goldstein
		d.GoldsteinSq += w * o.Goldstein * o.Goldstein
		d.Sources += max(o.NumSources, 1)
		stories[k.key][o.StoryID] = struct{}{}
	}
	out := make([]Day, 0, len(acc))
	for k, d := range acc {
		d.Stories = len(stories[k])
		d.GoldsteinMean = d.GoldsteinSum / d.Weighted
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := out[i].Pair.Key(), out[j].Pair.Key(); a != b {
			return a < b
		}
		return out[i].Day.Before(out[j].Day)
	})
	return out
}

// truncDay returns t's UTC day at midnight.
func truncDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween returns the whole days from a to b (both UTC midnights).
func daysBetween(a, b time.Time) int {
	return int(math.Round(b.Sub(a).Hours() / 24))
}

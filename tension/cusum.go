package tension

import (
	"math"
	"time"

	"github.com/detente-project/detente"
)

// detector is a two-sided likelihood-ratio CUSUM on a pair's daily
// tension per event. Each side tests "the mean moved by Shift standard
// deviations of the daily index" against "it stayed at the baseline"; a
// day's evidence is weighted by its effective number of events, so quiet
// days add nothing and busy days add much.
type detector struct {
	p        Params
	up, down side
}

// side is one direction of the CUSUM: its statistic and, while it is above
// zero, where the excursion began and the evidence since.
type side struct {
	s         float64
	start     time.Time
	sum, wsum float64 // Σw·x and Σw since start
	before    float64 // baseline when the excursion began
}

func newDetector(p Params) *detector { return &detector{p: p} }

// step adds day n (counted from the pair's first day) with source-weighted
// tension sum x, weight w and squared weight q, against baseline mean mu,
// spread sigma and effective events per day rate. It reports a change when
// a side crosses the threshold.
func (d *detector) step(n int, t time.Time, x, w, q, mu, sigma, rate float64) (Change, bool) {
	if w <= 0 || q <= 0 || sigma <= 0 {
		return Change{}, false
	}
	if n < d.p.Warmup {
		d.up, d.down = side{}, side{}
		return Change{}, false
	}
	neff := w * w / q
	m := x / w
	delta := d.p.Shift * sigma / math.Sqrt(rate) // per-event shift tuned for
	k := neff * delta / (sigma * sigma)
	llr := k * (m - mu)
	cost := neff * delta * delta / (2 * sigma * sigma)
	for _, s := range []struct {
		sd  *side
		dir detente.Direction
		v   float64
	}{{&d.up, detente.Escalation, llr - cost}, {&d.down, detente.Deescalation, -llr - cost}} {
		s.sd.add(t, s.v, x, w, mu)
		if s.sd.s >= d.p.Threshold {
			c := Change{Direction: s.dir, Start: s.sd.start, Detected: t, Before: s.sd.before}
			c.After = s.sd.sum / s.sd.wsum
			c.sum, c.weight = s.sd.sum, s.sd.wsum
			c.Magnitude = c.After - c.Before
			d.up, d.down = side{}, side{}
			return c, true
		}
	}
	return Change{}, false
}

// add moves one side by v, starting or ending its excursion.
func (s *side) add(t time.Time, v, x, w, mu float64) {
	if s.s <= 0 && v <= 0 {
		return
	}
	if s.s <= 0 {
		*s = side{start: t, before: mu}
	}
	s.s += v
	s.sum += x
	s.wsum += w
	if s.s <= 0 {
		*s = side{}
	}
}

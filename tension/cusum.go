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
// zero, the days of the excursion.
type side struct {
	s      float64
	days   []evidence
	before float64 // baseline when the excursion began
}

// evidence is one day of an excursion.
type evidence struct {
	t       time.Time
	x, w    float64 // Σw·x and Σw of the day
	neff    float64 // effective events of the day
	outcome float64 // the day's mean minus the baseline
}

func newDetector(p Params) *detector { return &detector{p: p} }

// quiet reports whether neither side is on an excursion: no change found
// later can start on a day up to now.
func (d *detector) quiet() bool { return len(d.up.days) == 0 && len(d.down.days) == 0 }

// step adds day t with source-weighted tension sum x, weight w and squared
// weight q, against baseline mean mu, spread sigma and effective events per
// day rate, or against a neutral baseline while the pair is not warm. It
// reports a change when a side crosses the threshold.
func (d *detector) step(warm bool, t time.Time, x, w, q, mu, sigma, rate float64) (Change, bool) {
	if w <= 0 || q <= 0 || sigma <= 0 {
		return Change{}, false
	}
	if !warm {
		// A pair's own baseline is not known yet: test against a neutral
		// one (tension 0, with the pair's spread as far as it is known,
		// shrunk toward Sigma0), for escalations only, at AppearThreshold.
		// Tension appearing where there was none is news; cooperation
		// appearing where there was nothing is not a de-escalation.
		mu = 0
		d.down = side{}
	}
	threshold := d.p.Threshold
	if !warm {
		threshold = d.p.AppearThreshold
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
		if !warm && s.dir == detente.Deescalation {
			continue
		}
		s.sd.add(s.v, evidence{t: t, x: x, w: w, neff: neff, outcome: m - mu}, mu)
		if s.sd.s >= threshold {
			c := s.sd.change(s.dir)
			c.Detected = t
			d.up, d.down = side{}, side{}
			return c, true
		}
	}
	return Change{}, false
}

// add moves one side by v, starting or ending its excursion.
func (s *side) add(v float64, e evidence, mu float64) {
	if s.s <= 0 && v <= 0 {
		return
	}
	if s.s <= 0 {
		*s = side{before: mu}
	}
	s.s += v
	s.days = append(s.days, e)
	if s.s <= 0 {
		*s = side{}
	}
}

// change locates the shift within the excursion: the start day that
// maximises the generalised likelihood ratio of a shift of unknown size
// the side's way, (Σ neff·(m−μ))² / Σ neff over the days from it on; the
// excursion's first day alone would often include a few days of noise
// before the real shift.
func (s *side) change(dir detente.Direction) Change {
	sign := 1.0
	if dir == detente.Deescalation {
		sign = -1
	}
	best, at := -1.0, 0
	var num, den float64
	for i := len(s.days) - 1; i >= 0; i-- {
		e := s.days[i]
		num += e.neff * e.outcome
		den += e.neff
		if g := num * num / den; sign*num > 0 && g > best {
			best, at = g, i
		}
	}
	c := Change{Direction: dir, Start: s.days[at].t, Before: s.before}
	for _, e := range s.days[at:] {
		c.sum += e.x
		c.weight += e.w
	}
	c.After = c.sum / c.weight
	c.Magnitude = c.After - c.Before
	return c
}

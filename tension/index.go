package tension

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/detente-project/detente"
)

// Change is a change point found in a pair's series.
type Change struct {
	Pair      detente.Pair
	Direction detente.Direction
	Start     time.Time // first day of the shift
	Detected  time.Time // day whose events made the detector fire
	Before    float64   // the pair's baseline tension per event before Start
	After     float64   // tension per event from Start to Detected
	Magnitude float64   // After - Before

	sum, weight float64 // Σw·x and Σw from Start to Detected
}

// Baseline holds the slowly forgetting sums behind a pair's baseline
// tension, its spread and its event rate. The mean's sums restart at each
// change point; the spread's and the rate's do not.
type Baseline struct {
	Sum     float64 // discounted Σw·x since the last change
	Weight  float64 // discounted Σw since the last change
	VSum    float64 // discounted Σw·x over all history
	VWeight float64 // discounted Σw over all history
	VSq     float64 // discounted Σw·x² over all history
	Neff    float64 // discounted effective events
	Days    float64 // discounted days
	Events  float64 // effective events since the pair's first
}

// mean returns the baseline tension per event, shrunk toward 0.
func (b *Baseline) mean(p Params) float64 { return b.Sum / (p.BasePrior + b.Weight) }

// sigma returns the spread of tension per event, shrunk toward Sigma0.
func (b *Baseline) sigma(p Params) float64 {
	v := 0.0
	if b.VWeight > 0 {
		m := b.VSum / b.VWeight
		v = max(b.VSq/b.VWeight-m*m, 0)
	}
	return math.Sqrt((p.SigmaPrior*p.Sigma0*p.Sigma0 + b.VWeight*v) / (p.SigmaPrior + b.VWeight))
}

// rate returns the effective events per day, floored at MinRate.
func (b *Baseline) rate(p Params) float64 {
	if b.Days == 0 {
		return p.MinRate
	}
	return max(b.Neff/b.Days, p.MinRate)
}

// Carry is what change detection carries past a quiet day: a day after
// which neither side of the CUSUM is on an excursion, so that no later
// change can start on it or before it. With the day's State it is all a
// later update needs to resume on the next day and compute exactly what a
// computation over the pair's whole history would (Resume).
type Carry struct {
	Baseline Baseline
	DayNum   int  // days since the pair's first day
	Changed  bool // a change point was found on or before the day
}

// carryVersion starts the text of a Carry, naming its layout.
const carryVersion = "c1"

// String returns c as text that UnmarshalText reads back exactly: the
// layout's version, then the fields in order, floats in the shortest form
// that parses back to the same bits.
func (c Carry) String() string {
	b := c.Baseline
	f := []float64{b.Sum, b.Weight, b.VSum, b.VWeight, b.VSq, b.Neff, b.Days, b.Events}
	parts := make([]string, 0, len(f)+3)
	parts = append(parts, carryVersion)
	for _, x := range f {
		parts = append(parts, strconv.FormatFloat(x, 'g', -1, 64))
	}
	return strings.Join(append(parts, strconv.Itoa(c.DayNum), strconv.FormatBool(c.Changed)), " ")
}

// UnmarshalText reads a Carry written by String.
func (c *Carry) UnmarshalText(text []byte) error {
	parts := strings.Fields(string(text))
	if len(parts) != 11 || parts[0] != carryVersion {
		return fmt.Errorf("carry %q: want %s and 10 fields", text, carryVersion)
	}
	var f [8]float64
	for i := range f {
		x, err := strconv.ParseFloat(parts[i+1], 64)
		if err != nil {
			return fmt.Errorf("carry %q: field %d: %w", text, i+1, err)
		}
		f[i] = x
	}
	n, err := strconv.Atoi(parts[9])
	if err != nil {
		return fmt.Errorf("carry %q: day: %w", text, err)
	}
	changed, err := strconv.ParseBool(parts[10])
	if err != nil {
		return fmt.Errorf("carry %q: changed: %w", text, err)
	}
	*c = Carry{Baseline: Baseline{Sum: f[0], Weight: f[1], VSum: f[2], VWeight: f[3], VSq: f[4], Neff: f[5], Days: f[6], Events: f[7]},
		DayNum: n, Changed: changed}
	return nil
}

// Compute computes the index, its band and its state on each of one pair's
// days (sorted by day, as a store holds them: days with events only) and
// runs change detection over the pair's whole history. It returns the days
// with TensionPoint's index fields, Change flags, State and, on quiet days,
// Carry set, and the change points in the order found.
func Compute(days []Day, p Params) ([]Day, []Change) { return Resume(nil, days, p) }

// Resume is Compute over a pair's whole history, from the stored day from
// (computed before, with its Carry set) on: days are the pair's days after
// from, and Resume returns them computed as Compute would over every day,
// with the change points detected after from. A nil from is the start of
// the pair's history. An update that changes the days from some day on
// resumes from the last quiet day before it, however long the pair's
// history.
func Resume(from *Day, days []Day, p Params) ([]Day, []Change) {
	if len(days) == 0 {
		return nil, nil
	}
	out := make([]Day, len(days))
	copy(out, days)
	sort.Slice(out, func(i, j int) bool { return out[i].Day.Before(out[j].Day) })
	ls, lb := decay(p.HalfLife), decay(p.BaseHalfLife)
	var (
		st      State
		base    Baseline
		det     = newDetector(p)
		changes []Change
		changed bool
		t       = truncDay(out[0].Day)
		n       int
		last    = truncDay(out[len(out)-1].Day)
		i       int
		byDay   = map[time.Time]int{}
	)
	if from != nil && from.Carry != nil {
		st, base, changed = from.State, from.Carry.Baseline, from.Carry.Changed
		t, n = truncDay(from.Day).AddDate(0, 0, 1), from.Carry.DayNum+1
	}
	for ; !t.After(last); t, n = t.AddDate(0, 0, 1), n+1 {
		var d *Day
		if i < len(out) && truncDay(out[i].Day).Equal(t) {
			d = &out[i]
			byDay[t] = i
			i++
		}
		mu, sigma := base.mean(p), base.sigma(p)
		st.Sum, st.Weight, st.WeightSq = st.Sum*ls, st.Weight*ls, st.WeightSq*ls
		base.Sum, base.Weight = base.Sum*lb, base.Weight*lb
		base.VSum, base.VWeight, base.VSq = base.VSum*lb, base.VWeight*lb, base.VSq*lb
		base.Neff, base.Days = base.Neff*lb, base.Days*lb+1
		if d == nil {
			continue // a day without events is no evidence either way
		}
		x, w, q := -d.GoldsteinSum, d.Weighted, d.WeightedSq
		st.Sum += x
		st.Weight += w
		st.WeightSq += q
		st.Base, st.Sigma = mu, sigma
		d.Index, d.Lower, d.Upper = band(st, p)
		d.Change = ""
		d.State = st
		// The pair's own baseline is used once it rests on enough days and
		// events, or once a change point has reset it.
		warm := changed || n >= p.Warmup && base.Events >= p.WarmupEvents
		if c, ok := det.step(warm, t, x, w, q, mu, sigma, base.rate(p)); ok {
			c.Pair = d.Pair
			changes = append(changes, c)
			changed = true
			if j, ok := byDay[c.Start]; ok {
				out[j].Change = c.Direction
			}
			// Restart the baseline from the events since the shift began,
			// so that it learns the new level fast and one shift alarms once.
			base.Sum, base.Weight = c.sum-x, c.weight-w
			base.Sum += c.After * p.BasePrior
		}
		base.Sum += x
		base.Weight += w
		base.VSum += x
		base.VWeight += w
		base.VSq += d.GoldsteinSq
		if q > 0 {
			base.Neff += w * w / q
			base.Events += w * w / q
		}
		d.Carry = nil
		if det.quiet() {
			d.Carry = &Carry{Baseline: base, DayNum: n, Changed: changed}
		}
	}
	return out, changes
}

// band returns the index of a state and its credible band: the posterior
// mean of tension per event given the pair's baseline as a prior worth
// Prior events, and Z posterior standard deviations either side.
func band(st State, p Params) (index, lower, upper float64) {
	den := p.Prior + st.Weight
	index = (p.Prior*st.Base + st.Sum) / den
	sd := st.Sigma * math.Sqrt(p.Prior+st.WeightSq) / den
	return index, index - p.Z*sd, index + p.Z*sd
}

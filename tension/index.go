package tension

import (
	"math"
	"sort"
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

// baseline holds the slowly forgetting sums behind a pair's baseline
// tension, its spread and its event rate. The mean's sums restart at each
// change point; the spread's and the rate's do not.
type baseline struct {
	sum, weight        float64 // discounted Σw·x and Σw since the last change
	vsum, vweight, vsq float64 // discounted Σw·x, Σw, Σw·x² over all history
	neff, days         float64 // discounted effective events and days
	events             float64 // effective events since the pair's first
}

// mean returns the baseline tension per event, shrunk toward 0.
func (b *baseline) mean(p Params) float64 { return b.sum / (p.BasePrior + b.weight) }

// sigma returns the spread of tension per event, shrunk toward Sigma0.
func (b *baseline) sigma(p Params) float64 {
	v := 0.0
	if b.vweight > 0 {
		m := b.vsum / b.vweight
		v = max(b.vsq/b.vweight-m*m, 0)
	}
	return math.Sqrt((p.SigmaPrior*p.Sigma0*p.Sigma0 + b.vweight*v) / (p.SigmaPrior + b.vweight))
}

// rate returns the effective events per day, floored at MinRate.
func (b *baseline) rate(p Params) float64 {
	if b.days == 0 {
		return p.MinRate
	}
	return max(b.neff/b.days, p.MinRate)
}

// Compute computes the index, its band and its state on each of one pair's
// days (sorted by day, as a store holds them: days with events only) and
// runs change detection over the pair's whole history. It returns the days
// with TensionPoint's index fields, Change flags and State set, and the
// change points in the order found.
func Compute(days []Day, p Params) ([]Day, []Change) {
	if len(days) == 0 {
		return nil, nil
	}
	out := make([]Day, len(days))
	copy(out, days)
	sort.Slice(out, func(i, j int) bool { return out[i].Day.Before(out[j].Day) })
	ls, lb := decay(p.HalfLife), decay(p.BaseHalfLife)
	var (
		st      State
		base    baseline
		det     = newDetector(p)
		changes []Change
		first   = truncDay(out[0].Day)
		last    = truncDay(out[len(out)-1].Day)
		i       int
		byDay   = map[time.Time]int{}
	)
	for t, n := first, 0; !t.After(last); t, n = t.AddDate(0, 0, 1), n+1 {
		var d *Day
		if i < len(out) && truncDay(out[i].Day).Equal(t) {
			d = &out[i]
			byDay[t] = i
			i++
		}
		mu, sigma := base.mean(p), base.sigma(p)
		st.Sum, st.Weight, st.WeightSq = st.Sum*ls, st.Weight*ls, st.WeightSq*ls
		base.sum, base.weight = base.sum*lb, base.weight*lb
		base.vsum, base.vweight, base.vsq = base.vsum*lb, base.vweight*lb, base.vsq*lb
		base.neff, base.days = base.neff*lb, base.days*lb+1
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
		warm := len(changes) > 0 || n >= p.Warmup && base.events >= p.WarmupEvents
		if c, ok := det.step(warm, t, x, w, q, mu, sigma, base.rate(p)); ok {
			c.Pair = d.Pair
			changes = append(changes, c)
			if j, ok := byDay[c.Start]; ok {
				out[j].Change = c.Direction
			}
			// Restart the baseline from the events since the shift began,
			// so that it learns the new level fast and one shift alarms once.
			base.sum, base.weight = c.sum-x, c.weight-w
			base.sum += c.After * p.BasePrior
		}
		base.sum += x
		base.weight += w
		base.vsum += x
		base.vweight += w
		base.vsq += d.GoldsteinSq
		if q > 0 {
			base.neff += w * w / q
			base.events += w * w / q
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

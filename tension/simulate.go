package tension

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/detente-project/detente"
)

// Shape is how a simulated shift arrives.
type Shape string

// The shapes of simulated shifts.
const (
	Stationary Shape = "none" // no shift: every alarm is false
	Step       Shape = "step" // the full shift from one day to the next
	Ramp       Shape = "ramp" // a linear rise to the full shift over RampDays
)

// SimConfig describes a simulation run. Each simulated pair-year draws a
// pair's event rate (log-uniform between MinRate and MaxRate events a day),
// its mean Goldstein score and spread, and numbers of sources; events
// arrive as a Poisson process with Gaussian Goldstein noise, clipped to
// [-10, 10]. After BurnIn days of history the pair is watched for 365
// days; in shifted runs its mean tension per event moves, on a random day
// between 60 and 240, by Shift standard deviations of its daily index
// (measured on the pair's own days before the shift).
type SimConfig struct {
	PairYears int       // pair-years per row (at least 1,000 for the published table)
	Shifts    []float64 // shift sizes, in sds of the daily index
	Shapes    []Shape   // Step and/or Ramp; a Stationary row is always run
	RampDays  int       // days a Ramp takes to reach its full size
	BurnIn    int       // days of history before the watched year
	MinRate   float64   // events a day, lower bound
	MaxRate   float64   // events a day, upper bound
	Seed      uint64
	Params    Params
}

// DefaultSimConfig returns the configuration of the table in
// docs/tension.md.
func DefaultSimConfig() SimConfig {
	return SimConfig{
		PairYears: 1000,
		Shifts:    []float64{0.5, 1, 1.5, 2, 3, 4},
		Shapes:    []Shape{Step, Ramp},
		RampDays:  7,
		BurnIn:    90,
		MinRate:   1,
		MaxRate:   50,
		Seed:      1,
		Params:    DefaultParams(),
	}
}

// Row is one line of the simulation table.
type Row struct {
	Shape       Shape
	Shift       float64 // sds of the daily index; 0 for Stationary
	PairYears   int
	Detected    float64 // share of shifts found before the year ended
	MedianDelay float64 // days from the shift's first day to the alarm, NaN when none found
	P90Delay    float64 // 90th percentile of the delay among shifts found
	FalseAlarms float64 // alarms per pair-year on days without a shift (or the wrong way)
	// Appearing is, for Stationary, the share of pairs that alarm while
	// they are new (Warmup days and WarmupEvents events), when they are
	// tested against a neutral baseline.
	Appearing float64
	// AppearingNeutral is the share of the Stationary pairs whose level is
	// neutral or cooperative (mean tension at most 0) that alarm while new:
	// the new-pair test's false alarms.
	AppearingNeutral float64
}

// Table is the result of Simulate.
type Table struct {
	Config SimConfig
	Rows   []Row
}

// Simulate runs the simulation of cfg and returns its table. It is
// deterministic for a given cfg.Seed.
func Simulate(cfg SimConfig) Table {
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	t := Table{Config: cfg}
	t.Rows = append(t.Rows, simRow(cfg, rng, Stationary, 0))
	for _, sh := range cfg.Shapes {
		for _, s := range cfg.Shifts {
			t.Rows = append(t.Rows, simRow(cfg, rng, sh, s))
		}
	}
	return t
}

// simRow runs cfg.PairYears pair-years of one shape and shift size.
func simRow(cfg SimConfig, rng *rand.Rand, shape Shape, shift float64) Row {
	row := Row{Shape: shape, Shift: shift, PairYears: cfg.PairYears}
	var delays []float64
	var falseAlarms, watchedDays, appearing, neutral, neutralAppearing float64
	for range cfg.PairYears {
		r := simPairYear(cfg, rng, shape, shift)
		if r.appearing {
			appearing++
		}
		if r.neutral {
			neutral++
			if r.appearing {
				neutralAppearing++
			}
		}
		falseAlarms += float64(r.falseAlarms)
		watchedDays += float64(r.cleanDays)
		if r.delay >= 0 {
			delays = append(delays, float64(r.delay))
		}
	}
	row.FalseAlarms = falseAlarms / watchedDays * 365
	if shape == Stationary {
		row.Appearing = appearing / float64(cfg.PairYears)
		row.AppearingNeutral = neutralAppearing / max(neutral, 1)
		row.MedianDelay, row.P90Delay = math.NaN(), math.NaN()
		return row
	}
	row.Detected = float64(len(delays)) / float64(cfg.PairYears)
	row.MedianDelay, row.P90Delay = quantile(delays, 0.5), quantile(delays, 0.9)
	return row
}

// simResult is one pair-year's outcome.
type simResult struct {
	delay       int // days to detection, -1 when not found
	falseAlarms int // alarms before the shift, or the wrong way after it
	cleanDays   int // days on which an alarm would be false
	appearing   bool
	neutral     bool // the pair's mean tension is at most 0
}

// simPairYear simulates one pair over BurnIn + 365 days.
func simPairYear(cfg SimConfig, rng *rand.Rand, shape Shape, shift float64) simResult {
	const year = 365
	rate := cfg.MinRate * math.Exp(rng.Float64()*math.Log(cfg.MaxRate/cfg.MinRate))
	mean := -2 + 5*rng.Float64() // mean Goldstein score
	sigma := 2.5 + 3*rng.Float64()
	total := cfg.BurnIn + year
	change := total
	if shape != Stationary {
		change = cfg.BurnIn + 60 + rng.IntN(181)
	}
	type ev struct{ noise, w float64 }
	evs := make([][]ev, total)
	for d := range evs {
		n := poisson(rng, rate)
		evs[d] = make([]ev, n)
		for j := range n {
			evs[d][j] = ev{rng.NormFloat64(), Weight(1 + geometric(rng, 0.6))}
		}
	}
	sd := dailySD(evs[:change], func(e ev) (float64, float64) { return mean + sigma*e.noise, e.w })
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	pair := detente.Pair{A: "AAA", B: "BBB"}
	var days []Day
	for d, dayEvs := range evs {
		if len(dayEvs) == 0 {
			continue
		}
		move := shiftAt(shape, d-change, cfg.RampDays) * shift * sd
		day := Day{TensionPoint: detente.TensionPoint{Pair: pair, Day: t0.AddDate(0, 0, d)}}
		for _, e := range dayEvs {
			g := max(-10, min(10, mean-move+sigma*e.noise)) // escalation lowers Goldstein
			day.Events++
			day.Weighted += e.w
			day.WeightedSq += e.w * e.w
			day.GoldsteinSum += e.w * g
			day.GoldsteinSq += e.w * g * g
		}
		days = append(days, day)
	}
	_, changes := Compute(days, cfg.Params)
	res := simResult{delay: -1, cleanDays: change - cfg.BurnIn, neutral: mean >= 0}
	warmDay, events := total, 0.0 // the first day the pair's own baseline is used
	for _, day := range days {
		d := daysBetween(t0, day.Day)
		if d-daysBetween(t0, days[0].Day) >= cfg.Params.Warmup && events >= cfg.Params.WarmupEvents {
			warmDay = d
			break
		}
		events += day.Weighted * day.Weighted / day.WeightedSq
	}
	for _, c := range changes {
		d := daysBetween(t0, c.Detected)
		switch {
		case d < cfg.BurnIn:
			res.appearing = res.appearing || d < warmDay
		case d < change || c.Direction != detente.Escalation:
			res.falseAlarms++
		case res.delay < 0:
			res.delay = d - change
		}
	}
	if shape == Stationary {
		res.cleanDays = year
	}
	return res
}

// shiftAt returns the share of the full shift in force k days after it
// began.
func shiftAt(shape Shape, k, rampDays int) float64 {
	switch {
	case shape == Stationary || k < 0:
		return 0
	case shape == Ramp && k < rampDays:
		return float64(k+1) / float64(rampDays)
	default:
		return 1
	}
}

// dailySD returns the standard deviation, over days with events, of the
// daily source-weighted mean tension.
func dailySD[E any](days [][]E, gw func(E) (g, w float64)) float64 {
	var xs []float64
	for _, evs := range days {
		var s, ws float64
		for _, e := range evs {
			g, w := gw(e)
			s += w * g
			ws += w
		}
		if ws > 0 {
			xs = append(xs, s/ws)
		}
	}
	if len(xs) < 2 {
		return 1
	}
	var m, v float64
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return math.Sqrt(v / float64(len(xs)-1))
}

// poisson draws from a Poisson distribution of mean lambda.
func poisson(rng *rand.Rand, lambda float64) int {
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*rng.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// geometric draws the number of failures before a success of chance p.
func geometric(rng *rand.Rand, p float64) int {
	return int(math.Floor(math.Log(1-rng.Float64()) / math.Log(1-p)))
}

// quantile returns the q-quantile of xs (nearest rank), NaN when empty.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[min(len(s)-1, int(math.Ceil(q*float64(len(s))))-1)]
}

// Markdown renders the table as a Markdown table.
func (t Table) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "| shift | size (sd) | pair-years | found | median delay (days) | p90 delay (days) | false alarms / pair-year |\n")
	fmt.Fprintf(&b, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "| %s | %.1f | %d | %s | %s | %s | %.2f |\n", r.Shape, r.Shift, r.PairYears,
			pct(r), num(r.MedianDelay), num(r.P90Delay), r.FalseAlarms)
	}
	for _, r := range t.Rows {
		if r.Shape == Stationary {
			fmt.Fprintf(&b, "\nStationary pairs alerting as they appear (first %d days and %.0f events, against a neutral baseline): %.1f%%; "+
				"of those at a neutral or cooperative level (mean tension at most 0: the new-pair test's false alarms): %.1f%%.\n",
				t.Config.Params.Warmup, t.Config.Params.WarmupEvents, 100*r.Appearing, 100*r.AppearingNeutral)
		}
	}
	return b.String()
}

func pct(r Row) string {
	if r.Shape == Stationary {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*r.Detected)
}

func num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.0f", x)
}

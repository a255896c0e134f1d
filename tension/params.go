package tension

import (
	"math"

	"github.com/detente-project/detente"
)

// Params are the parameters of the index and of change detection.
// docs/tension.md explains each default.
type Params struct {
	HalfLife        float64 // days for recent events to lose half their weight in the index (3)
	BaseHalfLife    float64 // days for the pair's baseline, spread and rate to forget half (60)
	Prior           float64 // pseudo-events pulling the index toward the pair's baseline (4)
	BasePrior       float64 // pseudo-events pulling the baseline toward neutral 0 (10)
	Sigma0          float64 // prior spread of tension per event, Goldstein units (4)
	SigmaPrior      float64 // pseudo-events behind Sigma0 (20)
	Z               float64 // band half-width in standard deviations (1.645: 90%)
	Shift           float64 // shift the detector is tuned for, in sds of the daily index (1)
	Threshold       float64 // CUSUM alarm level, a log-likelihood ratio
	AppearThreshold float64 // CUSUM alarm level while a new pair is tested against a neutral baseline (5)
	Warmup          int     // days after a pair's first event before its own baseline is used (14)
	WarmupEvents    float64 // effective events the baseline must rest on before it is used (30)
	MinRate         float64 // floor on effective events per day when sizing the shift (0.5)
	MaxEvents       int     // event IDs kept per alert (50)

	CountryHalfLife float64 // days for a country's recent articles to lose half their weight (7)
	CountryPrior    float64 // pseudo-articles pulling the share toward the country's baseline (10)
	ShareBase       float64 // prior baseline share of risk articles for every country (0.15)
	ShareBasePrior  float64 // pseudo-articles behind ShareBase (50)
}

// Appeared reports whether an alert came from the test of a pair too new
// for a baseline of its own: an escalation measured against the neutral
// level, so its Before is exactly 0, which a settled pair's baseline (a
// forgetting mean of its real events) practically never is. Such alerts
// fire at AppearThreshold, the others at Threshold.
func Appeared(a detente.Alert) bool {
	return a.Direction == detente.Escalation && a.Before == 0
}

// DefaultParams returns the parameters detente uses; Threshold is
// calibrated by Simulate for at most one false alarm per pair-year, and
// AppearThreshold so that new pairs at a neutral or cooperative level
// alarm no more often than they did under Threshold against Sigma0.
func DefaultParams() Params {
	return Params{
		HalfLife:        3,
		BaseHalfLife:    60,
		Prior:           4,
		BasePrior:       10,
		Sigma0:          4,
		SigmaPrior:      20,
		Z:               1.645,
		Shift:           1,
		Threshold:       5.5,
		AppearThreshold: 5,
		Warmup:          14,
		WarmupEvents:    30,
		MinRate:         0.5,
		MaxEvents:       50,

		CountryHalfLife: 7,
		CountryPrior:    10,
		ShareBase:       0.15,
		ShareBasePrior:  50,
	}
}

// decay returns the one-day discount of a half-life in days.
func decay(halfLife float64) float64 {
	if halfLife <= 0 {
		return 0
	}
	return math.Pow(0.5, 1/halfLife)
}

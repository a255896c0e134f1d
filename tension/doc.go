// Package tension turns stored events into daily series per country pair,
// a tension index with an uncertainty band, change points with escalation
// and de-escalation alerts, and a country geopolitical risk index.
//
// The computation (Aggregate, Compute, Fill, Weekly, CountryIndex) is pure:
// plain values in, plain values out, so that the incremental Updater, the
// full rebuild and the simulation harness (Simulate) share one code path.
// docs/tension.md gives the formulas, their parameters and why.
//
// It uses only the standard library: the statistics here (discounted
// conjugate means, a likelihood-ratio CUSUM) are a few lines each.
package tension

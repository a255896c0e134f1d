package sqlscan

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/tension"
)

// DayColumns are the columns of tension_days that TensionDay scans.
const DayColumns = `pair, day, q1, q2, q3, q4, events, weighted, weighted_sq, goldstein_sum, goldstein_sq,
	goldstein_mean, stories, sources, idx, lower, upper, change, st_sum, st_weight, st_weight_sq, st_base, st_sigma`

// TensionDay scans a row of DayColumns.
func TensionDay(sc Scanner) (tension.Day, error) {
	var d tension.Day
	var key, change string
	var day Time
	err := sc.Scan(&key, &day, &d.Counts[0], &d.Counts[1], &d.Counts[2], &d.Counts[3], &d.Events,
		&d.Weighted, &d.WeightedSq, &d.GoldsteinSum, &d.GoldsteinSq, &d.GoldsteinMean, &d.Stories, &d.Sources,
		&d.Index, &d.Lower, &d.Upper, &change,
		&d.State.Sum, &d.State.Weight, &d.State.WeightSq, &d.State.Base, &d.State.Sigma)
	if err != nil {
		return d, err
	}
	return d, finishDay(&d, key, change, day)
}

// finishDay sets the change, pair and day of a scanned day.
func finishDay(d *tension.Day, key, change string, day Time) error {
	d.Change = detente.Direction(change)
	var err error
	if d.Pair, err = detente.ParsePair(key); err != nil {
		return fmt.Errorf("stored pair %q: %w", key, err)
	}
	d.Day, err = day.Day()
	return err
}

// TensionDayArgs returns the values of d's DayColumns, its day as
// DayLayout text.
func TensionDayArgs(d tension.Day) []any {
	return []any{d.Pair.Key(), FormatDay(d.Day), d.Counts[0], d.Counts[1], d.Counts[2], d.Counts[3],
		d.Events, d.Weighted, d.WeightedSq, d.GoldsteinSum, d.GoldsteinSq, d.GoldsteinMean, d.Stories,
		d.Sources, d.Index, d.Lower, d.Upper, string(d.Change),
		d.State.Sum, d.State.Weight, d.State.WeightSq, d.State.Base, d.State.Sigma}
}

// CarriedDayColumns are DayColumns and carry, the state change detection
// resumes from (tension.Carry as text, NULL on days that are not quiet).
const CarriedDayColumns = DayColumns + `, carry`

// CarriedDay scans a row of CarriedDayColumns.
func CarriedDay(sc Scanner) (tension.Day, error) {
	var d tension.Day
	var key, change string
	var day Time
	var carry sql.NullString
	err := sc.Scan(&key, &day, &d.Counts[0], &d.Counts[1], &d.Counts[2], &d.Counts[3], &d.Events,
		&d.Weighted, &d.WeightedSq, &d.GoldsteinSum, &d.GoldsteinSq, &d.GoldsteinMean, &d.Stories, &d.Sources,
		&d.Index, &d.Lower, &d.Upper, &change,
		&d.State.Sum, &d.State.Weight, &d.State.WeightSq, &d.State.Base, &d.State.Sigma, &carry)
	if err != nil {
		return d, err
	}
	if carry.Valid {
		d.Carry = new(tension.Carry)
		if err := d.Carry.UnmarshalText([]byte(carry.String)); err != nil {
			return d, fmt.Errorf("stored carry of pair %s: %w", key, err)
		}
	}
	return d, finishDay(&d, key, change, day)
}

// CarriedDayArgs returns the values of d's CarriedDayColumns.
func CarriedDayArgs(d tension.Day) []any {
	var carry any // NULL
	if d.Carry != nil {
		carry = d.Carry.String()
	}
	return append(TensionDayArgs(d), carry)
}

// Obs scans id, source_country, target_country, code, day, quad, goldstein,
// num_sources, story_id of a counted event.
func Obs(sc Scanner) (tension.Obs, error) {
	var o tension.Obs
	var day Time
	var quad int
	if err := sc.Scan(&o.ID, &o.Source, &o.Target, &o.Code, &day, &quad, &o.Goldstein, &o.NumSources, &o.StoryID); err != nil {
		return o, err
	}
	o.Quad = detente.QuadClass(quad)
	var err error
	o.Day, err = day.Day()
	return o, err
}

// CountryDayColumns are the columns of tension_country_days that
// CountryDay scans.
const CountryDayColumns = `country, day, articles, risk, risk_sum, articles_sum, risk_total, articles_total`

// CountryDay scans a row of CountryDayColumns.
func CountryDay(sc Scanner) (tension.CountryDay, error) {
	var d tension.CountryDay
	var day Time
	if err := sc.Scan(&d.Country, &day, &d.Articles, &d.Risk, &d.RiskSum, &d.ArticlesSum, &d.RiskTotal, &d.ArticlesTotal); err != nil {
		return d, fmt.Errorf("country days: %w", err)
	}
	var err error
	d.Day, err = day.Day()
	return d, err
}

// CountryDayArgs returns the values of d's CountryDayColumns, its day as
// DayLayout text.
func CountryDayArgs(d tension.CountryDay) []any {
	return []any{d.Country, FormatDay(d.Day), d.Articles, d.Risk, d.RiskSum, d.ArticlesSum, d.RiskTotal, d.ArticlesTotal}
}

// AlertColumns are the columns of tension_alerts that Alert scans.
const AlertColumns = `id, pair, direction, start, detected, magnitude, before, after, event_ids, created`

// Alert scans a row of AlertColumns, decoding its JSON event IDs.
func Alert(sc Scanner) (detente.Alert, error) {
	var a detente.Alert
	var pair, dir, ids string
	var start, detected, created Time
	if err := sc.Scan(&a.ID, &pair, &dir, &start, &detected, &a.Magnitude, &a.Before, &a.After, &ids, &created); err != nil {
		return a, err
	}
	a.Direction = detente.Direction(dir)
	var err error
	if a.Pair, err = detente.ParsePair(pair); err != nil {
		return a, fmt.Errorf("stored alert %s: %w", a.ID, err)
	}
	if a.Start, err = start.Day(); err != nil {
		return a, err
	}
	if a.Detected, err = detected.Day(); err != nil {
		return a, err
	}
	if a.Created, err = created.Instant(); err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(ids), &a.EventIDs); err != nil {
		return a, fmt.Errorf("stored alert %s event ids: %w", a.ID, err)
	}
	return a, nil
}

// AlertArgs returns the values of a's AlertColumns, its days as DayLayout
// text, its event IDs as a JSON list and created, the store's encoding of
// a.Created.
func AlertArgs(a detente.Alert, created any) []any {
	ids, _ := json.Marshal(a.EventIDs) // strings: cannot fail
	if a.EventIDs == nil {
		ids = []byte("[]")
	}
	return []any{a.ID, a.Pair.Key(), string(a.Direction), FormatDay(a.Start), FormatDay(a.Detected),
		a.Magnitude, a.Before, a.After, string(ids), created}
}

// SubscriptionColumns are the columns of tension_subscriptions that
// Subscription scans.
const SubscriptionColumns = `id, pair, url, secret, created`

// Subscription scans a row of SubscriptionColumns.
func Subscription(sc Scanner) (detente.Subscription, error) {
	var sub detente.Subscription
	var pair string
	var created Time
	if err := sc.Scan(&sub.ID, &pair, &sub.URL, &sub.Secret, &created); err != nil {
		return sub, fmt.Errorf("subscription: %w", err)
	}
	if err := sub.Pair.UnmarshalText([]byte(pair)); err != nil {
		return sub, fmt.Errorf("stored subscription %s: %w", sub.ID, err)
	}
	var err error
	sub.Created, err = created.Instant()
	return sub, err
}

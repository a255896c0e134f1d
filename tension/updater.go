package tension

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/crashpoint"
)

// Store is what the Updater needs of a store: the counted events behind
// the series, and the series, country days and alerts it keeps. The sqlite
// and postgres packages implement it.
type Store interface {
	// CountedEvents returns the counted (primary, not negated, not
	// hypothetical) events between the two countries of an undirected
	// pair, in either direction, on the given days.
	CountedEvents(ctx context.Context, pair detente.Pair, days []time.Time) ([]Obs, error)
	// StoryEventsOf returns every event of the stories of the given
	// events, primaries and further copies: a copy makes its primary's
	// number of sources grow, and a copy published earlier than the rest
	// of its story takes the primaries' place, on its own days.
	StoryEventsOf(ctx context.Context, eventIDs []string) ([]Obs, error)
	// PairDays returns a pair's stored days among days, in no order.
	PairDays(ctx context.Context, pair detente.Pair, days []time.Time) ([]Day, error)
	// PairDaysFrom returns a pair's stored days from the last one before
	// from with a Carry on, oldest first: every day of the pair when no
	// day before from has one.
	PairDaysFrom(ctx context.Context, pair detente.Pair, from time.Time) ([]Day, error)
	// PutPairDays stores days of pairs, replacing the stored ones, Carry
	// included.
	PutPairDays(ctx context.Context, days []Day) error
	// DeletePairDays deletes stored days of a pair: days whose counted
	// events have all moved to other days.
	DeletePairDays(ctx context.Context, pair detente.Pair, days []time.Time) error
	// CountryCounts returns, for each given day of a country, the
	// articles with a counted event involving it and, of those, the
	// articles reporting a RiskRoots event; days without articles are left
	// out.
	CountryCounts(ctx context.Context, country string, days []time.Time) ([]CountryDay, error)
	// CountryDaysFrom returns a country's stored days from from on and
	// the last one before it, oldest first.
	CountryDaysFrom(ctx context.Context, country string, from time.Time) ([]CountryDay, error)
	// PutCountryDays stores days of countries, replacing the stored ones.
	PutCountryDays(ctx context.Context, days []CountryDay) error
	// PairAlerts returns every stored alert of a pair.
	PairAlerts(ctx context.Context, pair detente.Pair) ([]detente.Alert, error)
	// AlertEvents returns the IDs of at most limit counted events of a pair
	// from from to to, those pulling the way of dir first.
	AlertEvents(ctx context.Context, pair detente.Pair, dir detente.Direction, from, to time.Time, limit int) ([]string, error)
	// SetPairAlerts makes alerts the stored alerts of pair: others of the
	// pair are deleted, these stored or updated, keeping their creation
	// time. It returns those not stored before.
	SetPairAlerts(ctx context.Context, pair detente.Pair, alerts []detente.Alert) ([]detente.Alert, error)
	// ResetTension deletes every stored day and country day. Alerts and
	// their deliveries are kept: a rebuild reconciles each pair's alerts
	// (the same change points keep their IDs), so that deliveries keep
	// their history and nothing delivered is sent again.
	ResetTension(ctx context.Context) error
}

// EventSource streams stored events; detente.Reader is one.
type EventSource interface {
	EachEvent(ctx context.Context, f detente.EventFilter, fn func(detente.Event) error) error
}

// Locker is implemented by stores that several processes update at once
// (PostgreSQL): the Updater holds a pair's or a country's lock while it
// recomputes it, so that two workers do not interleave their reads and
// writes of one series.
type Locker interface {
	// LockTension blocks until it holds the lock of key and returns the
	// function that releases it.
	LockTension(ctx context.Context, key string) (unlock func(), err error)
}

// lock takes the store's lock of key when it has locks.
func (u *Updater) lock(ctx context.Context, key string) (func(), error) {
	l, ok := u.store.(Locker)
	if !ok {
		return func() {}, nil
	}
	return l.LockTension(ctx, key)
}

// Notifier hands new alerts to delivery. It must not wait on deliveries:
// the Updater runs on the ingest path.
type Notifier interface {
	Notify(ctx context.Context, alerts []detente.Alert) error
}

// AlertWindow is how many days apart two alerts of one pair and direction
// must start to be two alerts: a change whose start moves by a few days as
// late events arrive is the same change, and is not alerted again.
const AlertWindow = 7

// Updater keeps the series, indexes and alerts up to date as events are
// stored. The pipeline calls Update after each stored batch with the
// batch's events; Update recomputes the affected pair-days and
// country-days from the stored events, refreshes the index of the pairs
// and countries touched, runs change detection, stores the new alerts and
// hands them to the Notifier. It is safe to call again with the same
// events: nothing is counted or alerted twice.
type Updater struct {
	store  Store
	notify Notifier // nil: alerts are stored only
	p      Params
	log    *slog.Logger
	now    func() time.Time
}

// NewUpdater returns an Updater over store that hands new alerts to notify
// (nil for none) and logs to log (nil for slog.Default()).
func NewUpdater(store Store, notify Notifier, p Params, log *slog.Logger) *Updater {
	if log == nil {
		log = slog.Default()
	}
	return &Updater{store: store, notify: notify, p: p, log: log, now: time.Now}
}

// Keys are the pair-days and country-days that a set of events touches.
type Keys struct {
	Pairs     map[detente.Pair]map[time.Time]struct{} // undirected pair → days
	Countries map[string]map[time.Time]struct{}       // country → days
}

// NewKeys returns empty Keys.
func NewKeys() Keys {
	return Keys{Pairs: map[detente.Pair]map[time.Time]struct{}{}, Countries: map[string]map[time.Time]struct{}{}}
}

// Add records the pair-day and country-days an event touches. Negated,
// hypothetical and repeated events still touch their country-days: they
// are articles about the country.
func (k Keys) Add(e detente.Event) {
	day := truncDay(e.Date)
	for _, c := range []string{e.Source.Country, e.Target.Country} {
		if detente.IsCountry(c) {
			addDay(k.Countries, c, day)
		}
	}
	k.AddPair(e.Source.Country, e.Target.Country, day)
}

// AddPair records the pair-day of an event between two countries; it does
// nothing when they are not two distinct countries.
func (k Keys) AddPair(source, target string, day time.Time) {
	if PairsOf(source, target) != nil {
		addDay(k.Pairs, detente.NewPair(source, target, false), truncDay(day))
	}
}

func addDay[K comparable](m map[K]map[time.Time]struct{}, k K, day time.Time) {
	if m[k] == nil {
		m[k] = map[time.Time]struct{}{}
	}
	m[k][day] = struct{}{}
}

// Update brings the series, indexes and alerts up to date with a batch of
// stored events and hands new alerts to the Notifier.
func (u *Updater) Update(ctx context.Context, events []detente.Event) error {
	k := NewKeys()
	ids := make([]string, 0, len(events))
	for _, e := range events {
		k.Add(e)
		ids = append(ids, e.ID)
	}
	story, err := u.store.StoryEventsOf(ctx, ids)
	if err != nil {
		return fmt.Errorf("tension update: %w", err)
	}
	for _, o := range story {
		k.AddPair(o.Source, o.Target, o.Day)
	}
	_, err = u.Apply(ctx, k, true)
	return err
}

// Rebuild recomputes every series, index and alert from the stored events
// of src, after deleting the stored days. Alerts are reconciled pair by
// pair; those it adds are not handed to the Notifier: subscribers have had
// them, or they are history. It returns the number of alerts stored.
func (u *Updater) Rebuild(ctx context.Context, src EventSource) (int, error) {
	alerts, err := u.rebuild(ctx, src)
	return len(alerts), err
}

// Recover is Rebuild for a run that repairs an interrupted one: every
// stored alert goes to the Notifier again, as the interrupted update would
// have sent those it stored or would have stored. Recording a delivery is
// idempotent and a subscription only gets alerts made after it, so alerts
// delivered or queued before are not sent twice. It returns the number of
// alerts stored.
func (u *Updater) Recover(ctx context.Context, src EventSource) (int, error) {
	alerts, err := u.rebuild(ctx, src)
	if err != nil {
		return len(alerts), err
	}
	if u.notify != nil && len(alerts) > 0 {
		if err := u.notify.Notify(ctx, alerts); err != nil {
			return len(alerts), fmt.Errorf("recover: notify %d alerts: %w", len(alerts), err)
		}
	}
	return len(alerts), nil
}

// rebuild resets the tension days, recomputes them and the alerts from src
// and returns every alert stored.
func (u *Updater) rebuild(ctx context.Context, src EventSource) ([]detente.Alert, error) {
	if err := u.store.ResetTension(ctx); err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	k := NewKeys()
	err := src.EachEvent(ctx, detente.EventFilter{Uncounted: true}, func(e detente.Event) error {
		k.Add(e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("rebuild: read events: %w", err)
	}
	if _, err := u.Apply(ctx, k, false); err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	var alerts []detente.Alert
	for _, pair := range sortedKeys(k.Pairs, func(p detente.Pair) string { return p.Key() }) {
		for _, p := range []detente.Pair{pair, detente.NewPair(pair.A, pair.B, true), detente.NewPair(pair.B, pair.A, true)} {
			a, err := u.store.PairAlerts(ctx, p)
			if err != nil {
				return nil, fmt.Errorf("rebuild: %w", err)
			}
			alerts = append(alerts, a...)
		}
	}
	return alerts, nil
}

// Apply recomputes the given keys and returns the new alerts, handing them
// to the Notifier when notify is set. Rebuilds call it once with every key
// and notify unset, so that history is not sent to subscribers again.
func (u *Updater) Apply(ctx context.Context, k Keys, notify bool) ([]detente.Alert, error) {
	var fresh []detente.Alert
	for _, pair := range sortedKeys(k.Pairs, func(p detente.Pair) string { return p.Key() }) {
		a, err := u.updatePair(ctx, pair, sortedDays(k.Pairs[pair]))
		if err != nil {
			return fresh, err
		}
		fresh = append(fresh, a...)
		crashpoint.Hit("tension-pair")
	}
	for _, c := range sortedKeys(k.Countries, func(c string) string { return c }) {
		if err := u.updateCountry(ctx, c, sortedDays(k.Countries[c])); err != nil {
			return fresh, err
		}
	}
	if notify && u.notify != nil && len(fresh) > 0 {
		if err := u.notify.Notify(ctx, fresh); err != nil {
			return fresh, fmt.Errorf("notify %d alerts: %w", len(fresh), err)
		}
	}
	return fresh, nil
}

// updatePair recomputes the days of an undirected pair and of its two
// directed pairs, and returns the alerts it stored.
func (u *Updater) updatePair(ctx context.Context, pair detente.Pair, days []time.Time) ([]detente.Alert, error) {
	unlock, err := u.lock(ctx, "pair/"+pair.Key())
	if err != nil {
		return nil, fmt.Errorf("tension %s: lock: %w", pair, err)
	}
	defer unlock()
	obs, err := u.store.CountedEvents(ctx, pair, days)
	if err != nil {
		return nil, fmt.Errorf("tension %s: %w", pair, err)
	}
	byPair := map[detente.Pair][]Day{}
	for _, d := range Aggregate(obs) {
		byPair[d.Pair] = append(byPair[d.Pair], d)
	}
	var fresh []detente.Alert
	for _, p := range []detente.Pair{pair, detente.NewPair(pair.A, pair.B, true), detente.NewPair(pair.B, pair.A, true)} {
		// A directed pair without events on these days may still have
		// had some there before: a story's events move to the day of its
		// earliest copy.
		a, err := u.recompute(ctx, p, days, byPair[p])
		if err != nil {
			return fresh, fmt.Errorf("tension %s: %w", p, err)
		}
		fresh = append(fresh, a...)
	}
	return fresh, nil
}

// recompute replaces a pair's stored days on days with its new rollups,
// deleting those of days left without one (their events moved to other
// days), recomputes its index and change points from the last quiet day
// before them on, and stores the days that changed and the alerts.
func (u *Updater) recompute(ctx context.Context, pair detente.Pair, days []time.Time, rollups []Day) ([]detente.Alert, error) {
	if same, err := u.sameRollups(ctx, pair, days, rollups); err != nil || same {
		return nil, err
	}
	earliest := days[0]
	stored, err := u.store.PairDaysFrom(ctx, pair, earliest)
	if err != nil {
		return nil, err
	}
	var from *Day
	if len(stored) > 0 && stored[0].Carry != nil && truncDay(stored[0].Day).Before(earliest) {
		from, stored = &stored[0], stored[1:]
	}
	old := make(map[time.Time]Day, len(stored))
	for _, d := range stored {
		old[truncDay(d.Day)] = d
	}
	merged := make(map[time.Time]Day, len(stored)+len(rollups))
	for t, d := range old {
		merged[t] = d
	}
	var gone []time.Time
	for _, t := range days {
		if _, ok := old[t]; ok {
			delete(merged, t)
			gone = append(gone, t)
		}
	}
	for _, r := range rollups {
		t := truncDay(r.Day)
		merged[t] = r
		if i := slices.IndexFunc(gone, t.Equal); i >= 0 {
			gone = slices.Delete(gone, i, i+1)
		}
	}
	all := make([]Day, 0, len(merged))
	for _, d := range merged {
		all = append(all, d)
	}
	computed, changes := Resume(from, all, u.p)
	// Only the days whose row changes are written: an update that
	// changes nothing (pages stored before, delivered again) writes
	// nothing, and readers keep their cached pages of the file.
	var put []Day
	for _, d := range computed {
		t := truncDay(d.Day)
		o, ok := old[t]
		switch {
		case !ok:
		case t.Before(earliest):
			// Days before the first changed one keep their rollups;
			// only the change detection resumed over them may differ.
			if o.Change == d.Change && sameCarry(o.Carry, d.Carry) {
				continue
			}
		case sameDay(o, d):
			continue
		}
		put = append(put, d)
	}
	if len(gone) > 0 {
		if err := u.store.DeletePairDays(ctx, pair, gone); err != nil {
			return nil, err
		}
	}
	if err := u.store.PutPairDays(ctx, put); err != nil {
		return nil, err
	}
	return u.storeAlerts(ctx, pair, from, changes, earliest)
}

// sameRollups reports whether the stored days of a pair on days are
// rollups: the same days with the same events' sums. The series, its
// change points and alerts are a function of the rollups, so an update
// whose rollups are stored already (pages delivered again) changes
// nothing, and reads none of the days after them.
func (u *Updater) sameRollups(ctx context.Context, pair detente.Pair, days []time.Time, rollups []Day) (bool, error) {
	stored, err := u.store.PairDays(ctx, pair, days)
	if err != nil || len(stored) != len(rollups) {
		return false, err
	}
	byDay := make(map[time.Time]Day, len(stored))
	for _, d := range stored {
		byDay[truncDay(d.Day)] = d
	}
	for _, r := range rollups {
		s, ok := byDay[truncDay(r.Day)]
		if !ok || !sameRollup(s, r) {
			return false, nil
		}
	}
	return true, nil
}

// sameRollup reports whether two days of a pair have the same rollup of
// events, whatever their index and state.
func sameRollup(a, b Day) bool {
	rollup := func(d Day) Day {
		d.Day, d.Index, d.Lower, d.Upper, d.Change, d.State, d.Carry = time.Time{}, 0, 0, 0, "", State{}, nil
		return d
	}
	return truncDay(a.Day).Equal(truncDay(b.Day)) && rollup(a) == rollup(b)
}

// sameDay reports whether two days of a pair are the same row: the same
// day, values and carried state.
func sameDay(a, b Day) bool {
	if !truncDay(a.Day).Equal(truncDay(b.Day)) || !sameCarry(a.Carry, b.Carry) {
		return false
	}
	a.Day, b.Day, a.Carry, b.Carry = time.Time{}, time.Time{}, nil, nil
	return a == b
}

// sameCarry reports whether two days carry the same state, or none.
func sameCarry(a, b *Carry) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// storeAlerts makes the pair's stored alerts those of its change points:
// a function of the whole series, so that the alerts are the same
// whatever the batching or timing of the updates that built it, and the
// same as a rebuild's. A change is an alert unless one kept before it goes
// the same way and starts within AlertWindow days. When the series was
// resumed from a stored day (from), changes lists those detected after it
// and the stored alerts detected up to it are kept: they are what the
// changes before it made. Event IDs of alerts detected before earliest, the
// first day that changed, are kept as stored; the others are read again.
// It returns the alerts not stored before.
func (u *Updater) storeAlerts(ctx context.Context, pair detente.Pair, from *Day, changes []Change, earliest time.Time) ([]detente.Alert, error) {
	known, err := u.store.PairAlerts(ctx, pair)
	if err != nil {
		return nil, err
	}
	if len(changes) == 0 && len(known) == 0 {
		return nil, nil
	}
	byID := make(map[string]detente.Alert, len(known))
	for _, a := range known {
		byID[a.ID] = a
	}
	var alerts []detente.Alert
	if from != nil {
		for _, a := range known {
			if !truncDay(a.Detected).After(truncDay(from.Day)) {
				alerts = append(alerts, a)
			}
		}
	}
	for _, c := range changes {
		if alerted(alerts, c) {
			continue
		}
		a := detente.Alert{
			ID: detente.AlertID(pair, c.Direction, c.Start), Pair: pair, Direction: c.Direction,
			Start: c.Start, Detected: c.Detected, Magnitude: c.Magnitude, Before: c.Before, After: c.After,
			Created: u.now().UTC(),
		}
		if old, ok := byID[a.ID]; ok && truncDay(old.Detected).Equal(truncDay(c.Detected)) && truncDay(c.Detected).Before(earliest) {
			a.EventIDs, a.Created = old.EventIDs, old.Created
		} else {
			if a.EventIDs, err = u.store.AlertEvents(ctx, pair, c.Direction, c.Start, c.Detected, u.p.MaxEvents); err != nil {
				return nil, err
			}
			if ok {
				a.Created = old.Created
			}
		}
		alerts = append(alerts, a)
	}
	if sameAlerts(known, alerts) {
		return nil, nil
	}
	added, err := u.store.SetPairAlerts(ctx, pair, alerts)
	for _, a := range added {
		u.log.Info("tension alert", "stage", "tension", "pair", a.Pair.Key(), "direction", a.Direction,
			"start", a.Start.Format(time.DateOnly), "magnitude", a.Magnitude)
	}
	return added, err
}

// sameAlerts reports whether the stored alerts are already want, so that
// an update that changes none of a pair's alerts writes nothing.
func sameAlerts(stored, want []detente.Alert) bool {
	if len(stored) != len(want) {
		return false
	}
	byID := make(map[string]detente.Alert, len(stored))
	for _, a := range stored {
		byID[a.ID] = a
	}
	for _, w := range want {
		a, ok := byID[w.ID]
		if !ok || a.Direction != w.Direction || !truncDay(a.Start).Equal(truncDay(w.Start)) ||
			!truncDay(a.Detected).Equal(truncDay(w.Detected)) || a.Magnitude != w.Magnitude ||
			a.Before != w.Before || a.After != w.After || !slices.Equal(a.EventIDs, w.EventIDs) {
			return false
		}
	}
	return true
}

// alerted reports whether a change is already among the alerts.
func alerted(known []detente.Alert, c Change) bool {
	for _, a := range known {
		if a.Direction == c.Direction && abs(daysBetween(a.Start, c.Start)) <= AlertWindow {
			return true
		}
	}
	return false
}

// updateCountry recomputes the given days of a country and the state of
// the days after them.
func (u *Updater) updateCountry(ctx context.Context, country string, days []time.Time) error {
	unlock, err := u.lock(ctx, "country/"+country)
	if err != nil {
		return fmt.Errorf("country index %s: lock: %w", country, err)
	}
	defer unlock()
	counts, err := u.store.CountryCounts(ctx, country, days)
	if err != nil {
		return fmt.Errorf("country index %s: %w", country, err)
	}
	if len(counts) == 0 {
		return nil
	}
	earliest := truncDay(counts[0].Day)
	for _, d := range counts {
		earliest = minTime(earliest, truncDay(d.Day))
	}
	// The days from earliest on depend on the days before only through
	// the discounted sums of the last of them.
	stored, err := u.store.CountryDaysFrom(ctx, country, earliest)
	if err != nil {
		return fmt.Errorf("country index %s: %w", country, err)
	}
	var prev *CountryDay
	old := map[time.Time]CountryDay{}
	for _, d := range stored {
		if truncDay(d.Day).Before(earliest) {
			prev = &d
			continue
		}
		old[truncDay(d.Day)] = d
	}
	merged := maps.Clone(old)
	for _, d := range counts {
		merged[truncDay(d.Day)] = d
	}
	put := make([]CountryDay, 0, len(merged))
	for _, d := range merged {
		put = append(put, d)
	}
	// As for pairs, only the days whose row changes are written.
	put = slices.DeleteFunc(countryState(prev, put, u.p), func(d CountryDay) bool {
		o, ok := old[truncDay(d.Day)]
		return ok && sameCountryDay(o, d)
	})
	if err := u.store.PutCountryDays(ctx, put); err != nil {
		return fmt.Errorf("country index %s: %w", country, err)
	}
	return nil
}

// sameCountryDay reports whether two days of a country are the same row.
func sameCountryDay(a, b CountryDay) bool {
	if !truncDay(a.Day).Equal(truncDay(b.Day)) {
		return false
	}
	a.Day, b.Day = time.Time{}, time.Time{}
	return a == b
}

func sortedKeys[K comparable, V any](m map[K]V, key func(K) string) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return key(ks[i]) < key(ks[j]) })
	return ks
}

func sortedDays(m map[time.Time]struct{}) []time.Time {
	ds := make([]time.Time, 0, len(m))
	for d := range m {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].Before(ds[j]) })
	return ds
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

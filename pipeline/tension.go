package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// tensionPendingKey names the state that marks a rebuild in progress, and
// (from runs before per-run marks) stored events whose tension update has
// not been applied yet.
const tensionPendingKey = "tension:pending"

// runMarkPrefix starts the keys of the per-run pending-tension marks: one
// per run with stored events whose tension is not applied yet, holding the
// time its lease runs out.
const runMarkPrefix = "tension:pending/"

// markTension sets (renewing its lease) or clears this run's
// pending-tension mark.
func (p *Pipeline) markTension(ctx context.Context, pending bool) error {
	if p.cfg.State == nil {
		return nil
	}
	key := runMarkPrefix + p.run
	if !pending {
		if err := p.cfg.State.DeleteState(ctx, key); err != nil {
			return fmt.Errorf("clear tension pending: %w", err)
		}
		return nil
	}
	if err := p.cfg.State.PutState(ctx, key, runMark(time.Now().Add(p.cfg.PendingLease))); err != nil {
		return fmt.Errorf("mark tension pending: %w", err)
	}
	return nil
}

// runMark is the value of a run's mark: when its lease runs out, and the
// host and process of the run, so that a run on the same host can tell at
// once that the process is gone.
func runMark(until time.Time) []byte {
	host, _ := os.Hostname()
	return []byte(until.UTC().Format(time.RFC3339Nano) + " " + host + " " + strconv.Itoa(os.Getpid()))
}

// deadMark reports whether a run's mark (not this run's) is a dead run's:
// its lease ran out, it cannot be read, or its process on this host is
// gone.
func deadMark(v []byte, now time.Time) bool {
	f := strings.Fields(string(v))
	if len(f) != 3 {
		return true
	}
	until, err := time.Parse(time.RFC3339Nano, f[0])
	if err != nil || now.After(until) {
		return true
	}
	host, _ := os.Hostname()
	pid, err := strconv.Atoi(f[2])
	if err != nil {
		return true
	}
	return f[1] == host && pid != os.Getpid() && !processAlive(pid)
}

// expireMark marks this run's pending tension as dead when the run stops
// with tension it will never apply, so that the next run repairs it at
// once. owed says that the run holds stored events whose tension it has
// not applied: they are marked even where the mark is gone, as it is when
// a batch outlasted the lease and another run, taking this one for dead,
// repaired tension and cleared the mark before the batch was stored.
func (p *Pipeline) expireMark(ctx context.Context, owed bool) {
	if p.cfg.State == nil || p.cfg.Tension == nil {
		return
	}
	key := runMarkPrefix + p.run
	if !owed {
		if _, ok, err := p.cfg.State.GetState(ctx, key); err != nil || !ok {
			return
		}
	}
	if err := p.cfg.State.PutState(ctx, key, runMark(time.Time{})); err != nil {
		p.cfg.Log.Warn("mark pending tension of a stopped run", "stage", stageTension, "err", err)
	}
}

// recoverTension rebuilds tension from the store when an earlier run
// stopped between storing events and applying their tension: a rebuild
// that did not finish, or a run whose mark's lease has run out.
func (p *Pipeline) recoverTension(ctx context.Context) error {
	if p.cfg.State == nil || p.cfg.Tension == nil {
		return nil
	}
	v, ok, err := p.cfg.State.GetState(ctx, tensionPendingKey)
	if err != nil {
		return err
	}
	if ok && string(v) == "1" {
		p.cfg.Log.Warn("an earlier run stopped before updating tension: rebuilding it from the stored events", "stage", stageTension)
		if err := p.rebuild(ctx); err != nil {
			return err
		}
	}
	return p.repairDeadRuns(ctx)
}

// repairDeadRuns rebuilds tension when another run's mark has outlived its
// lease, the run having died with tension pending, and then removes the
// marks of the dead.
func (p *Pipeline) repairDeadRuns(ctx context.Context) error {
	if p.cfg.State == nil || p.cfg.Tension == nil {
		return nil
	}
	marks, err := p.cfg.State.StatesWithPrefix(ctx, runMarkPrefix)
	if err != nil {
		return fmt.Errorf("read tension marks: %w", err)
	}
	now := time.Now()
	var dead []string
	for key, v := range marks {
		if key != runMarkPrefix+p.run && deadMark(v, now) {
			dead = append(dead, key)
		}
	}
	if len(dead) == 0 {
		return nil
	}
	p.cfg.Log.Warn("a run died before updating tension: rebuilding it from the stored events", "stage", stageTension, "runs", len(dead))
	if err := p.rebuild(ctx); err != nil {
		return err
	}
	for _, key := range dead {
		// A run slow, not dead, renews its mark (a new lease) with each
		// batch: one renewed during the rebuild may hold events the
		// rebuild did not read, and stays.
		v, ok, err := p.cfg.State.GetState(ctx, key)
		if err != nil {
			return fmt.Errorf("read tension mark: %w", err)
		}
		if !ok || !bytes.Equal(v, marks[key]) {
			continue
		}
		if err := p.cfg.State.DeleteState(ctx, key); err != nil {
			return fmt.Errorf("clear tension mark: %w", err)
		}
	}
	return nil
}

// rebuild rebuilds tension under the rebuild mark.
func (p *Pipeline) rebuild(ctx context.Context) error {
	return RebuildTension(ctx, p.cfg.State, func(ctx context.Context) error {
		if err := p.cfg.Tension.Rebuild(ctx); err != nil {
			p.cfg.Metrics.fail(stageTension)
			return fmt.Errorf("rebuild tension: %w", err)
		}
		return nil
	})
}

// RebuildTension runs rebuild under the pending-tension mark of st: the
// mark is set before rebuild resets the tension tables and cleared only
// once it has filled them again, so that a rebuild killed part-way leaves
// tension marked pending and the next run rebuilds it.
func RebuildTension(ctx context.Context, st StateStore, rebuild func(ctx context.Context) error) error {
	if err := st.PutState(ctx, tensionPendingKey, []byte("1")); err != nil {
		return fmt.Errorf("mark tension pending: %w", err)
	}
	if err := rebuild(ctx); err != nil {
		return err
	}
	// Deleted, not set to "0": a store after a rebuild holds the same
	// rows as one that never needed one.
	if err := st.DeleteState(ctx, tensionPendingKey); err != nil {
		return fmt.Errorf("clear tension pending: %w", err)
	}
	return nil
}

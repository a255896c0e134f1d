package pipeline

import (
	"context"
	"fmt"
)

// tensionPendingKey names the state that marks stored events whose tension
// update has not been applied yet.
const tensionPendingKey = "tension:pending"

// markTension sets or clears the pending-tension mark.
func (p *Pipeline) markTension(ctx context.Context, pending bool) error {
	if p.cfg.State == nil {
		return nil
	}
	v := []byte("0")
	if pending {
		v = []byte("1")
	}
	if err := p.cfg.State.PutState(ctx, tensionPendingKey, v); err != nil {
		return fmt.Errorf("mark tension pending: %w", err)
	}
	return nil
}

// recoverTension rebuilds tension from the store when an earlier run
// stopped between storing events and applying their tension.
func (p *Pipeline) recoverTension(ctx context.Context) error {
	if p.cfg.State == nil || p.cfg.Tension == nil {
		return nil
	}
	v, ok, err := p.cfg.State.GetState(ctx, tensionPendingKey)
	if err != nil || !ok || string(v) != "1" {
		return err
	}
	p.cfg.Log.Warn("an earlier run stopped before updating tension: rebuilding it from the stored events", "stage", stageTension)
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
	if err := st.PutState(ctx, tensionPendingKey, []byte("0")); err != nil {
		return fmt.Errorf("clear tension pending: %w", err)
	}
	return nil
}

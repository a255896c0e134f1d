package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/alert"
	"github.com/detente-project/detente/internal/sqlscan"
)

// CreateSubscription validates and stores a webhook subscription,
// assigning its ID, its secret when empty, and its creation time
// (detente.SubscriptionService).
func (s *Store) CreateSubscription(ctx context.Context, sub *detente.Subscription) error {
	if err := sqlscan.NewSubscription(sub); err != nil {
		return err
	}
	res, err := s.write.ExecContext(ctx, `INSERT INTO tension_subscriptions (id, pair, url, secret, created)
		SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM tension_subscriptions WHERE pair = ? AND url = ?)`,
		sub.ID, sub.Pair.Key(), sub.URL, sub.Secret, s.d.Time(sub.Created), sub.Pair.Key(), sub.URL)
	if err != nil {
		return fmt.Errorf("create subscription: %w", err)
	}
	return sqlscan.CheckCreated(res, *sub)
}

// Subscription returns a subscription without its secret, or an ENOTFOUND
// *Error (detente.SubscriptionService).
func (s *Store) Subscription(ctx context.Context, id string) (detente.Subscription, error) {
	subs, err := s.subscriptions(ctx, `WHERE id = ?`, id)
	if err != nil {
		return detente.Subscription{}, err
	}
	return sqlscan.PublicSubscription(id, subs)
}

// Subscriptions returns every subscription, oldest first, without secrets
// (detente.SubscriptionService).
func (s *Store) Subscriptions(ctx context.Context) ([]detente.Subscription, error) {
	subs, err := s.subscriptions(ctx, `ORDER BY created, id`)
	return sqlscan.PublicSubscriptions(subs), err
}

func (s *Store) subscriptions(ctx context.Context, rest string, args ...any) ([]detente.Subscription, error) {
	out, err := sqlscan.Query(ctx, s.read, sqlscan.Subscription,
		`SELECT `+sqlscan.SubscriptionColumns+` FROM tension_subscriptions `+rest, args...)
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	if out == nil {
		out = []detente.Subscription{}
	}
	return out, nil
}

// DeleteSubscription deletes a subscription and its pending deliveries, or
// returns an ENOTFOUND *Error (detente.SubscriptionService).
func (s *Store) DeleteSubscription(ctx context.Context, id string) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM tension_subscriptions WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete subscription %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return detente.Errorf(detente.ENOTFOUND, "subscription %q not found", id)
	}
	return nil
}

// EnqueueDeliveries records a pending delivery of each alert to each
// subscription of its pair or of all pairs (alert.Store).
func (s *Store) EnqueueDeliveries(ctx context.Context, alerts []detente.Alert, now time.Time) (int, error) {
	t, err := s.write.BeginTx(ctx)
	if err != nil {
		return 0, fmt.Errorf("enqueue deliveries: %w", err)
	}
	defer t.Rollback()
	n := 0
	for _, a := range alerts {
		// A subscription gets the alerts made after it, so that a
		// recovering run may hand every alert again.
		subs, err := sqlscan.Query(ctx, t, sqlscan.String,
			`SELECT id FROM tension_subscriptions WHERE pair IN ('', ?) AND created <= ? ORDER BY id`,
			a.Pair.Key(), s.d.Time(alert.MadeAt(a, now)))
		if err != nil {
			return 0, fmt.Errorf("enqueue deliveries of alert %s: %w", a.ID, err)
		}
		for _, sub := range subs {
			res, err := t.ExecContext(ctx, `INSERT INTO tension_deliveries
				(id, alert_id, subscription_id, status, attempts, next_at, last_error, finished)
				VALUES (?, ?, ?, 'pending', 0, ?, '', ?) ON CONFLICT (id) DO NOTHING`,
				alert.DeliveryID(a.ID, sub), a.ID, sub, s.d.Time(now), s.d.NoTime)
			if err != nil {
				return 0, fmt.Errorf("enqueue delivery of alert %s: %w", a.ID, err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
	}
	if err := t.Commit(); err != nil {
		return 0, fmt.Errorf("enqueue deliveries: %w", err)
	}
	return n, nil
}

// ClaimDeliveries returns at most limit due deliveries, at most one per
// subscription and none of a subscription with a delivery in flight, and
// holds them until now+lease (alert.Store). Where several processes share
// the database, the rows read are locked and rows others hold passed over.
func (s *Store) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]alert.Delivery, error) {
	t, err := s.write.BeginTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	defer t.Rollback()
	at := s.d.Time(now)
	q, args := `SELECT `+sqlscan.DueColumns+` FROM tension_deliveries d
		WHERE d.status IN ('pending', 'sending') AND d.next_at <= ?
		AND NOT EXISTS (SELECT 1 FROM tension_deliveries f WHERE f.subscription_id = d.subscription_id
			AND f.status = 'sending' AND f.next_at > ?)
		ORDER BY d.next_at, d.id`, []any{at, at}
	if s.d.SkipLocked {
		q, args = q+` LIMIT ? FOR UPDATE SKIP LOCKED`, append(args, 4*limit)
	}
	rows, err := t.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	dues, err := sqlscan.DueOnePer(rows, limit)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	out := make([]alert.Delivery, 0, len(dues))
	for _, d := range dues {
		sub, err := sqlscan.Subscription(t.QueryRowContext(ctx,
			`SELECT `+sqlscan.SubscriptionColumns+` FROM tension_subscriptions WHERE id = ?`, d.Subscription))
		if err != nil {
			return nil, fmt.Errorf("claim delivery %s: %w", d.ID, err)
		}
		a, err := sqlscan.Alert(t.QueryRowContext(ctx, `SELECT `+sqlscan.AlertColumns+` FROM tension_alerts WHERE id = ?`, d.Alert))
		if err != nil {
			return nil, fmt.Errorf("claim delivery %s: %w", d.ID, err)
		}
		if _, err := t.ExecContext(ctx, `UPDATE tension_deliveries SET status = 'sending', next_at = ? WHERE id = ?`,
			s.d.Time(now.Add(lease)), d.ID); err != nil {
			return nil, fmt.Errorf("claim delivery %s: %w", d.ID, err)
		}
		out = append(out, alert.Delivery{ID: d.ID, Alert: a, Subscription: sub, Attempts: d.Attempts})
	}
	if err := t.Commit(); err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	return out, nil
}

// FinishDelivery records a delivery as done (alert.Store).
func (s *Store) FinishDelivery(ctx context.Context, id string, now time.Time) error {
	_, err := s.write.ExecContext(ctx, `UPDATE tension_deliveries SET status = 'done', finished = ?,
		attempts = attempts + 1, last_error = '' WHERE id = ?`, s.d.Time(now), id)
	if err != nil {
		return fmt.Errorf("finish delivery %s: %w", id, err)
	}
	return nil
}

// FailDelivery records a failed attempt, due again at next or given up when
// final (alert.Store).
func (s *Store) FailDelivery(ctx context.Context, id string, next time.Time, reason string, final bool) error {
	status := "pending"
	if final {
		status = "failed"
	}
	_, err := s.write.ExecContext(ctx, `UPDATE tension_deliveries SET status = ?, next_at = ?,
		attempts = attempts + 1, last_error = ? WHERE id = ?`, status, s.d.Time(next), reason, id)
	if err != nil {
		return fmt.Errorf("fail delivery %s: %w", id, err)
	}
	return nil
}

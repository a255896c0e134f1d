package sqlscan

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/alert"
)

// Due is a delivery that is due: its ID, subscription, alert and attempts
// so far.
type Due struct {
	ID, Subscription, Alert string
	Attempts                int
}

// DueColumns are the columns of tension_deliveries, as d, that DueOnePer
// scans.
const DueColumns = `d.id, d.subscription_id, d.alert_id, d.attempts`

// DueOnePer scans rows of DueColumns, in the order deliveries are due, and
// keeps at most limit of them, the first of each subscription, so that no
// subscription receives two deliveries at once. It closes rows.
func DueOnePer(rows *sql.Rows, limit int) ([]Due, error) {
	defer rows.Close()
	var dues []Due
	seen := map[string]bool{}
	for rows.Next() && len(dues) < limit {
		var d Due
		if err := rows.Scan(&d.ID, &d.Subscription, &d.Alert, &d.Attempts); err != nil {
			return nil, err
		}
		if !seen[d.Subscription] {
			seen[d.Subscription] = true
			dues = append(dues, d)
		}
	}
	return dues, rows.Err()
}

// NewSubscription checks a webhook subscription about to be stored and
// assigns its ID, its secret when empty, and its creation time, now.
func NewSubscription(sub *detente.Subscription) error {
	if err := alert.CheckSubscription(*sub); err != nil {
		return err
	}
	id, err := randomHex(16)
	if err != nil {
		return fmt.Errorf("create subscription: %w", err)
	}
	if sub.Secret == "" {
		if sub.Secret, err = randomHex(32); err != nil {
			return fmt.Errorf("create subscription: %w", err)
		}
	}
	sub.ID, sub.Created = id, time.Now().UTC()
	return nil
}

// CheckCreated returns an ECONFLICT *Error when the insert of sub stored
// no row: a subscription of the same pair and URL exists already.
func CheckCreated(res sql.Result, sub detente.Subscription) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("create subscription: %w", err)
	}
	if n == 0 {
		pair := "all pairs"
		if !sub.Pair.IsZero() {
			pair = sub.Pair.Key()
		}
		return detente.Errorf(detente.ECONFLICT, "a subscription of %s to %s exists already", pair, sub.URL)
	}
	return nil
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// PublicSubscription returns subscription id, the first of subs (read by
// its ID), without its secret, or an ENOTFOUND *Error when subs is empty.
func PublicSubscription(id string, subs []detente.Subscription) (detente.Subscription, error) {
	if len(subs) == 0 {
		return detente.Subscription{}, detente.Errorf(detente.ENOTFOUND, "subscription %q not found", id)
	}
	subs[0].Secret = ""
	return subs[0], nil
}

// PublicSubscriptions clears the secrets of subs and returns them.
func PublicSubscriptions(subs []detente.Subscription) []detente.Subscription {
	for i := range subs {
		subs[i].Secret = ""
	}
	return subs
}

package postgres

import (
	"context"
	"fmt"
)

// LockTension takes the session advisory lock of key on a connection of
// its own and returns the function that releases it (tension.Locker):
// workers in several processes then recompute one pair at a time.
func (s *Store) LockTension(ctx context.Context, key string) (func(), error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", key, err)
	}
	name := "detente/tension/" + key
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(hashtextextended($1, 0))`, name); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock %s: %w", key, err)
	}
	return func() {
		// Closing the connection would also release the lock, but a pooled
		// connection stays open: unlock explicitly, then return it.
		conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtextextended($1, 0))`, name)
		conn.Close()
	}, nil
}

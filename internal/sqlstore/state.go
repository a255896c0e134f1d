package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// GetState returns the value stored under key, and whether there is one.
func (s *Store) GetState(ctx context.Context, key string) ([]byte, bool, error) {
	if !detente.ValidText(key) {
		return nil, false, nil
	}
	var v []byte
	err := s.read.QueryRowContext(ctx, `SELECT value FROM state WHERE key = ?`, key).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("get state %q: %w", key, err)
	}
	if v == nil {
		v = []byte{}
	}
	return v, true, nil
}

// PutState stores v under key, replacing any previous value.
func (s *Store) PutState(ctx context.Context, key string, v []byte) error {
	if !detente.ValidText(key) {
		return detente.Errorf(detente.EINVALID, "state key %q is not valid text", key)
	}
	if v == nil {
		v = []byte{}
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO state (key, value, updated) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated`,
		key, v, s.d.Time(time.Now()))
	if err != nil {
		return fmt.Errorf("put state %q: %w", key, err)
	}
	return nil
}

// StatesWithPrefix returns every state whose key starts with prefix.
func (s *Store) StatesWithPrefix(ctx context.Context, prefix string) (map[string][]byte, error) {
	out, err := sqlscan.KeyValues(ctx, s.read, `SELECT key, value FROM state WHERE substr(key, 1, length(?)) = ?`, prefix, prefix)
	if err != nil {
		return nil, fmt.Errorf("states %q: %w", prefix, err)
	}
	return out, nil
}

// DeleteState deletes the state of key; a key not stored is no error.
func (s *Store) DeleteState(ctx context.Context, key string) error {
	if _, err := s.write.ExecContext(ctx, `DELETE FROM state WHERE key = ?`, key); err != nil {
		return fmt.Errorf("delete state %q: %w", key, err)
	}
	return nil
}

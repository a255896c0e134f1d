package sqlscan

import (
	"context"
	"database/sql"
)

// ExecEach runs query once for each value of vs, with the arguments
// args(v), in one transaction of db; nothing for no values.
func ExecEach[T any](ctx context.Context, db *sql.DB, query string, vs []T, args func(T) []any) error {
	if len(vs) == 0 {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, v := range vs {
		if _, err := st.ExecContext(ctx, args(v)...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

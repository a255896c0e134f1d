package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/detente-project/detente"
)

// spoolLock is the advisory lock key that serialises SpoolPages.
const spoolLock = 0x73706f6f // "spoo"

// SpoolPages stores pages in the spool in one transaction: when it returns
// nil every page is durable, and on error none is stored.
func (s *Store) SpoolPages(ctx context.Context, pages []detente.Page) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("spool %d pages: %w", len(pages), err)
	}
	defer tx.Rollback()
	// One spooler at a time, so that IDs commit in increasing order and a
	// reader that remembers the last ID it saw misses none.
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, spoolLock); err != nil {
		return fmt.Errorf("spool %d pages: lock: %w", len(pages), err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO page_spool
		(url, body, is_text, header, fetched, title, published, origin, page_offset)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`)
	if err != nil {
		return fmt.Errorf("spool %d pages: %w", len(pages), err)
	}
	defer stmt.Close()
	for i, p := range pages {
		var published sql.NullTime
		if !p.Published.IsZero() {
			published = sql.NullTime{Time: p.Published.UTC(), Valid: true}
		}
		body := p.Body
		if body == nil {
			body = []byte{}
		}
		if _, err := stmt.ExecContext(ctx, []byte(p.URL), body, p.IsText, p.Header, p.Fetched.UTC(),
			[]byte(p.Title), published, p.Origin, p.Offset); err != nil {
			return fmt.Errorf("spool page %d (%s): %w", i, p.URL, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("spool %d pages: %w", len(pages), err)
	}
	return nil
}

// SpooledPages returns up to limit spooled pages with an ID above after,
// oldest first.
func (s *Store) SpooledPages(ctx context.Context, after int64, limit int) ([]detente.SpooledPage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, url, body, is_text, header, fetched, title, published,
		origin, page_offset FROM page_spool WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read spool: %w", err)
	}
	defer rows.Close()
	var out []detente.SpooledPage
	for rows.Next() {
		var sp detente.SpooledPage
		var url, title []byte
		var published sql.NullTime
		p := &sp.Page
		if err := rows.Scan(&sp.ID, &url, &p.Body, &p.IsText, &p.Header, &p.Fetched, &title, &published,
			&p.Origin, &p.Offset); err != nil {
			return nil, fmt.Errorf("read spool: %w", err)
		}
		p.URL, p.Title, p.Fetched = string(url), string(title), p.Fetched.UTC()
		if published.Valid {
			p.Published = published.Time.UTC()
		}
		out = append(out, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read spool: %w", err)
	}
	return out, nil
}

// UnspoolPages deletes the spooled pages with the given IDs; IDs not in
// the spool are ignored.
func (s *Store) UnspoolPages(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM page_spool WHERE id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("unspool %d pages: %w", len(ids), err)
	}
	return nil
}

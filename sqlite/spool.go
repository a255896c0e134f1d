package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// SpoolPages stores pages in the spool in one transaction: when it returns
// nil every page is durable, and on error none is stored.
func (s *Store) SpoolPages(ctx context.Context, pages []detente.Page) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("spool %d pages: %w", len(pages), err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO page_spool
		(url, body, is_text, header, fetched, title, published, origin, page_offset)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("spool %d pages: %w", len(pages), err)
	}
	defer stmt.Close()
	for i, p := range pages {
		published := ""
		if !p.Published.IsZero() {
			published = sqlscan.FormatTime(p.Published)
		}
		body := p.Body
		if body == nil {
			body = []byte{}
		}
		if _, err := stmt.ExecContext(ctx, p.URL, body, p.IsText, p.Header, sqlscan.FormatTime(p.Fetched),
			p.Title, published, p.Origin, p.Offset); err != nil {
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
	rows, err := s.read.QueryContext(ctx, `SELECT id, url, body, is_text, header, fetched, title, published,
		origin, page_offset FROM page_spool WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read spool: %w", err)
	}
	defer rows.Close()
	var out []detente.SpooledPage
	for rows.Next() {
		var sp detente.SpooledPage
		var fetched, published string
		p := &sp.Page
		if err := rows.Scan(&sp.ID, &p.URL, &p.Body, &p.IsText, &p.Header, &fetched, &p.Title, &published,
			&p.Origin, &p.Offset); err != nil {
			return nil, fmt.Errorf("read spool: %w", err)
		}
		if p.Fetched, err = sqlscan.ParseTime(fetched); err != nil {
			return nil, fmt.Errorf("read spool: page %d: %w", sp.ID, err)
		}
		if published != "" {
			if p.Published, err = sqlscan.ParseTime(published); err != nil {
				return nil, fmt.Errorf("read spool: page %d: %w", sp.ID, err)
			}
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
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		q := `DELETE FROM page_spool WHERE id IN (?` + strings.Repeat(",?", n-1) + `)`
		if _, err := s.write.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("unspool %d pages: %w", n, err)
		}
		ids = ids[n:]
	}
	return nil
}

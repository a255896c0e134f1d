package sqlstore

import (
	"context"
	"fmt"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// SpoolPages stores pages in the spool in one transaction: when it returns
// nil every page is durable, and on error none is stored. Spoolers take
// turns, so that IDs commit in increasing order and a reader that
// remembers the last ID it saw misses none.
func (s *Store) SpoolPages(ctx context.Context, pages []detente.Page) error {
	t, err := s.write.BeginTx(ctx)
	if err != nil {
		return fmt.Errorf("spool %d pages: %w", len(pages), err)
	}
	defer t.Rollback()
	if s.d.SpoolLock != "" {
		if _, err := t.ExecContext(ctx, s.d.SpoolLock); err != nil {
			return fmt.Errorf("spool %d pages: lock: %w", len(pages), err)
		}
	}
	if err := s.spool(ctx, t, pages); err != nil {
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("spool %d pages: %w", len(pages), err)
	}
	return nil
}

// spool inserts pages into page_spool in t, in order: in one statement
// where the database takes arrays, a statement a page otherwise.
func (s *Store) spool(ctx context.Context, t tx, pages []detente.Page) error {
	const columns = `url, body, is_text, header, fetched, title, published, origin, page_offset`
	if len(pages) == 0 {
		return nil
	}
	rows := make([][]any, len(pages))
	for i, p := range pages {
		published := s.d.NoTime
		if !p.Published.IsZero() {
			published = s.d.Time(p.Published)
		}
		body := p.Body
		if body == nil {
			body = []byte{}
		}
		rows[i] = []any{s.d.Raw(p.URL), body, p.IsText, p.Header, s.d.Time(p.Fetched), s.d.Raw(p.Title), published, p.Origin, p.Offset}
	}
	if s.d.Arrays {
		cols := make([]any, len(rows[0]))
		for c := range cols {
			col := make([]any, len(rows))
			for r := range rows {
				col[r] = rows[r][c]
			}
			cols[c] = col
		}
		// IDs are drawn in the arrays' order.
		if _, err := t.ExecContext(ctx, `INSERT INTO page_spool (`+columns+`) SELECT `+columns+`
			FROM unnest(?::bytea[], ?::bytea[], ?::bool[], ?::text[], ?::timestamptz[], ?::bytea[], ?::timestamptz[], ?::text[], ?::bigint[])
			WITH ORDINALITY AS p(`+columns+`, n) ORDER BY n`, cols...); err != nil {
			return fmt.Errorf("spool %d pages: %w", len(pages), err)
		}
		return nil
	}
	stmt, err := t.PrepareContext(ctx, `INSERT INTO page_spool (`+columns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("spool %d pages: %w", len(pages), err)
	}
	defer stmt.Close()
	for i, row := range rows {
		if _, err := stmt.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("spool page %d (%s): %w", i, pages[i].URL, err)
		}
	}
	return nil
}

// SpooledPages returns up to limit spooled pages with an ID above after,
// oldest first.
func (s *Store) SpooledPages(ctx context.Context, after int64, limit int) ([]detente.SpooledPage, error) {
	out, err := sqlscan.Query(ctx, s.read, spooledPage, `SELECT id, url, body, is_text, header, fetched, title, published,
		origin, page_offset FROM page_spool WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read spool: %w", err)
	}
	return out, nil
}

// spooledPage scans a row of page_spool, its URL and title as stored
// (text or bytes) and its published time absent when empty or NULL.
func spooledPage(sc sqlscan.Scanner) (detente.SpooledPage, error) {
	var (
		sp                 detente.SpooledPage
		url, title         []byte
		fetched, published sqlscan.Time
	)
	p := &sp.Page
	if err := sc.Scan(&sp.ID, &url, &p.Body, &p.IsText, &p.Header, &fetched, &title, &published,
		&p.Origin, &p.Offset); err != nil {
		return sp, err
	}
	p.URL, p.Title = string(url), string(title)
	var err error
	if p.Fetched, err = fetched.Instant(); err != nil {
		return sp, fmt.Errorf("page %d: %w", sp.ID, err)
	}
	if !published.Empty() {
		if p.Published, err = published.Instant(); err != nil {
			return sp, fmt.Errorf("page %d: %w", sp.ID, err)
		}
	}
	return sp, nil
}

// UnspoolPages deletes the spooled pages with the given IDs; IDs not in
// the spool are ignored.
func (s *Store) UnspoolPages(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	err := inLists(s.d, "id", "bigint", ids, func(in string, args []any) error {
		_, err := s.write.ExecContext(ctx, `DELETE FROM page_spool WHERE `+in, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("unspool %d pages: %w", len(ids), err)
	}
	return nil
}

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// Stats counts the stored articles, sentences, counted events and stories,
// from running totals that every write keeps.
func (s *Store) Stats(ctx context.Context) (detente.Stats, error) {
	var st detente.Stats
	rows, err := s.read.QueryContext(ctx, `SELECT name, n FROM counts`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name string
			n    int
		)
		if err := rows.Scan(&name, &n); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		switch name {
		case "articles":
			st.Articles = n
		case "sentences":
			st.Sentences = n
		case "events":
			st.Events = n
		case "stories":
			st.Stories = n
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// HasArticle reports whether an article with the given ID is stored.
func (s *Store) HasArticle(ctx context.Context, id string) (bool, error) {
	if !detente.ValidText(id) {
		return false, nil
	}
	var one int
	err := s.read.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, id).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("has article %s: %w", id, err)
	}
	return true, nil
}

// Article returns a stored article with its sentences in order and all its
// events, counted or not, by sentence; an ENOTFOUND error when there is none.
func (s *Store) Article(ctx context.Context, id string) (detente.Article, []detente.Sentence, []detente.Event, error) {
	if !detente.ValidText(id) {
		return detente.Article{}, nil, nil, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	}
	a, err := sqlscan.Article(s.read.QueryRowContext(ctx, `SELECT `+sqlscan.ArticleColumns+` FROM articles WHERE id = ?`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return a, nil, nil, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	case err != nil:
		return a, nil, nil, fmt.Errorf("article %s: %w", id, err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT idx, text, start_byte, end_byte FROM sentences
		WHERE article_id = ? ORDER BY idx`, id)
	if err != nil {
		return a, nil, nil, fmt.Errorf("article %s sentences: %w", id, err)
	}
	ss, err := sqlscan.All(rows, sqlscan.Sentence(id))
	if err != nil {
		return a, nil, nil, fmt.Errorf("article %s sentences: %w", id, err)
	}
	evs, err := sqlscan.Query(ctx, s.read, sqlscan.Event, `SELECT `+sqlscan.EventColumns+` FROM events WHERE article_id = ?
		ORDER BY sentence_idx, id`, id)
	if err != nil {
		return a, nil, nil, fmt.Errorf("article %s events: %w", id, err)
	}
	return a, ss, evs, nil
}

// Articles returns one page of the articles f selects, newest published
// first, and the cursor of the next page.
func (s *Store) Articles(ctx context.Context, f detente.ArticleFilter) (detente.ArticlePage, error) {
	var page detente.ArticlePage
	n, err := detente.PageSize(f.Limit)
	if err != nil {
		return page, err
	}
	if err := detente.ValidRange(f.From, f.To); err != nil {
		return page, err
	}
	where, args := "1", []any{}
	if !f.From.IsZero() {
		where += " AND published >= ?"
		args = append(args, sqlscan.FormatTime(startOfDay(f.From)))
	}
	if !f.To.IsZero() {
		where += " AND published < ?"
		args = append(args, sqlscan.FormatTime(startOfDay(f.To).AddDate(0, 0, 1)))
	}
	if f.StoryID != "" {
		where += " AND story_id = ?"
		args = append(args, f.StoryID)
	}
	if f.Query != "" {
		q, err := ftsQuery(f.Query)
		if err != nil {
			return page, err
		}
		where += " AND seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
		args = append(args, q)
	}
	if f.Cursor != "" {
		c, err := sqlscan.DecodeCursor(f.Cursor, sqlscan.TimeLayout)
		if err != nil {
			return page, err
		}
		where += " AND (published, id) < (?, ?)"
		args = append(args, c.At, c.ID)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+sqlscan.ArticleColumns+` FROM articles WHERE `+where+
		` ORDER BY published DESC, id DESC LIMIT ?`, append(args, n+1)...)
	if err != nil {
		return page, fmt.Errorf("articles: %w", err)
	}
	as, err := sqlscan.All(rows, sqlscan.Article)
	if err != nil {
		return page, fmt.Errorf("articles: %w", err)
	}
	page.Articles, page.Next = sqlscan.Page(as, n, func(ar detente.Article) (string, string) {
		return sqlscan.FormatTime(ar.Published), ar.ID
	})
	return page, nil
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// EachFingerprint calls fn with the ID, story, published time and MinHash
// fingerprint of every article published at or after since that has one,
// oldest first, so that a dedup index can be warmed up after a restart. It
// stops at fn's first error and returns it.
func (s *Store) EachFingerprint(ctx context.Context, since time.Time,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error {
	rows, err := s.read.QueryContext(ctx, `SELECT id, story_id, published, fingerprint FROM articles
		WHERE published >= ? AND fingerprint IS NOT NULL ORDER BY published, id`, sqlscan.FormatTime(since))
	if err != nil {
		return fmt.Errorf("each fingerprint: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, story, published string
			raw                  []byte
		)
		if err := rows.Scan(&id, &story, &published, &raw); err != nil {
			return fmt.Errorf("each fingerprint: %w", err)
		}
		t, err := sqlscan.ParseTime(published)
		if err != nil {
			return fmt.Errorf("each fingerprint: %w", err)
		}
		fp, err := sqlscan.DecodeFingerprint(raw)
		if err != nil {
			return fmt.Errorf("each fingerprint: article %s: %w", id, err)
		}
		if err := fn(id, story, t, fp); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ArticleOrigin returns the URL of a stored article (its canonical URL when
// it has one) and when it was fetched, without reading its text; an
// ENOTFOUND error when there is none.
func (s *Store) ArticleOrigin(ctx context.Context, id string) (string, time.Time, error) {
	if !detente.ValidText(id) {
		return "", time.Time{}, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	}
	var url, fetched string
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(nullif(canonical_url, ''), url), fetched
		FROM articles WHERE id = ?`, id).Scan(&url, &fetched)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", time.Time{}, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	case err != nil:
		return "", time.Time{}, fmt.Errorf("article %s origin: %w", id, err)
	}
	t, err := sqlscan.ParseTime(fetched)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("article %s origin: %w", id, err)
	}
	return url, t, nil
}

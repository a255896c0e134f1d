package postgres

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
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(articles), 0), coalesce(sum(sentences), 0),
		coalesce(sum(events), 0), coalesce(sum(stories), 0) FROM count_deltas`).
		Scan(&st.Articles, &st.Sentences, &st.Events, &st.Stories)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// HasArticle reports whether an article with the given ID is stored.
func (s *Store) HasArticle(ctx context.Context, id string) (bool, error) {
	if !detente.ValidText(id) {
		return false, nil
	}
	var ok bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = $1)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("has article %s: %w", id, err)
	}
	return ok, nil
}

// Article returns a stored article with its sentences in order and all its
// events, counted or not, by sentence; an ENOTFOUND error when there is none.
func (s *Store) Article(ctx context.Context, id string) (detente.Article, []detente.Sentence, []detente.Event, error) {
	if !detente.ValidText(id) {
		return detente.Article{}, nil, nil, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	}
	a, err := sqlscan.Article(s.db.QueryRowContext(ctx, `SELECT `+sqlscan.ArticleColumns+` FROM articles WHERE id = $1`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return a, nil, nil, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	case err != nil:
		return a, nil, nil, fmt.Errorf("article %s: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT idx, text, start_byte, end_byte FROM sentences
		WHERE article_id = $1 ORDER BY idx`, id)
	if err != nil {
		return a, nil, nil, fmt.Errorf("article %s sentences: %w", id, err)
	}
	ss, err := sqlscan.All(rows, sqlscan.Sentence(id))
	if err != nil {
		return a, nil, nil, fmt.Errorf("article %s sentences: %w", id, err)
	}
	evs, err := sqlscan.Query(ctx, s.db, sqlscan.Event, selectEvents+` WHERE article_id = $1 ORDER BY sentence_idx, id`, id)
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
	var a args
	where := "true"
	if !f.From.IsZero() {
		where += " AND published >= " + a.add(startOfDay(f.From))
	}
	if !f.To.IsZero() {
		where += " AND published < " + a.add(startOfDay(f.To).AddDate(0, 0, 1))
	}
	if f.StoryID != "" {
		where += " AND story_id = " + a.add(f.StoryID)
	}
	if f.Query != "" {
		q, err := tsQuery(f.Query, &a)
		if err != nil {
			return page, err
		}
		where += " AND tsv @@ " + q
	}
	if f.Cursor != "" {
		c, err := sqlscan.DecodeCursor(f.Cursor, time.RFC3339Nano)
		if err != nil {
			return page, err
		}
		where += " AND (published, id) < (" + a.add(c.Time) + "::timestamptz, " + a.add(c.ID) + ")"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+sqlscan.ArticleColumns+` FROM articles WHERE `+where+
		` ORDER BY published DESC, id DESC LIMIT `+a.add(n+1), a...)
	if err != nil {
		return page, fmt.Errorf("articles: %w", err)
	}
	as, err := sqlscan.All(rows, sqlscan.Article)
	if err != nil {
		return page, fmt.Errorf("articles: %w", err)
	}
	page.Articles, page.Next = sqlscan.Page(as, n, func(ar detente.Article) (string, string) {
		return ar.Published.Format(time.RFC3339Nano), ar.ID
	})
	return page, nil
}

// EachFingerprint calls fn with the ID, story, published time and MinHash
// fingerprint of every article published at or after since that has one,
// oldest first, so that a dedup index can be warmed up after a restart. It
// stops at fn's first error and returns it.
func (s *Store) EachFingerprint(ctx context.Context, since time.Time,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, story_id, published, fingerprint FROM articles
		WHERE published >= $1 AND fingerprint IS NOT NULL ORDER BY published, id`, since.UTC())
	if err != nil {
		return fmt.Errorf("each fingerprint: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, story string
			published time.Time
			raw       []byte
		)
		if err := rows.Scan(&id, &story, &published, &raw); err != nil {
			return fmt.Errorf("each fingerprint: %w", err)
		}
		fp, err := sqlscan.DecodeFingerprint(raw)
		if err != nil {
			return fmt.Errorf("each fingerprint: article %s: %w", id, err)
		}
		if err := fn(id, story, published.UTC(), fp); err != nil {
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
	var (
		url     string
		fetched time.Time
	)
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(nullif(canonical_url, ''), url), fetched
		FROM articles WHERE id = $1`, id).Scan(&url, &fetched)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", time.Time{}, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	case err != nil:
		return "", time.Time{}, fmt.Errorf("article %s origin: %w", id, err)
	}
	return url, fetched.UTC(), nil
}

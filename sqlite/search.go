package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// SearchSentences returns up to size sentences (default 50, at most 1000)
// that match query (every word, case- and accent-insensitive), newest
// article first, with the matches marked by [[ and ]]. f narrows the
// search: From, To, ArticleID and StoryID by the sentence's article;
// Source, Target, Pair, Agent, Code, Root and Quad to sentences holding
// such an event (counted unless f.Uncounted). f.Query, f.Cursor and f.Limit
// are ignored.
func (s *Store) SearchSentences(ctx context.Context, query string, f detente.EventFilter, size int) ([]detente.SentenceHit, error) {
	n, err := detente.PageSize(size)
	if err != nil {
		return nil, err
	}
	q, err := ftsQuery(query)
	if err != nil {
		return nil, err
	}
	where, args, err := sentenceWhere(f)
	if err != nil {
		return nil, err
	}
	dense, err := s.dense(ctx, query)
	if err != nil {
		return nil, err
	}
	// A rare search starts from its matches; a common one walks articles
	// newest first and checks their sentences against the matches.
	col := "s.id"
	if dense {
		col = "+s.id"
	}
	rows, err := s.read.QueryContext(ctx, `SELECT s.id, s.article_id, s.idx, s.text, s.start_byte, s.end_byte,
		a.title, a.url, a.site, a.story_id, a.published FROM articles a JOIN sentences s ON s.article_id = a.id
		WHERE `+col+` IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`+where+`
		ORDER BY a.published DESC, a.id DESC, s.idx LIMIT ?`, append(append([]any{q}, args...), n)...)
	if err != nil {
		return nil, fmt.Errorf("search sentences %q: %w", query, err)
	}
	defer rows.Close()
	var (
		hits []detente.SentenceHit
		ids  []any
	)
	for rows.Next() {
		var (
			h         detente.SentenceHit
			id        int64
			published string
		)
		sn := &h.Sentence
		if err := rows.Scan(&id, &sn.ArticleID, &sn.Index, &sn.Text, &sn.Start, &sn.End, &h.Title, &h.URL,
			&h.Site, &h.StoryID, &published); err != nil {
			return nil, fmt.Errorf("search sentences %q: %w", query, err)
		}
		if h.Date, err = sqlscan.ParseTime(published); err != nil {
			return nil, fmt.Errorf("search sentences %q: %w", query, err)
		}
		hits = append(hits, h)
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search sentences %q: %w", query, err)
	}
	if err := s.snippets(ctx, q, hits, ids); err != nil {
		return nil, fmt.Errorf("search sentences %q: %w", query, err)
	}
	return hits, nil
}

// snippets sets the Snippet of each hit, whose sentence row is the same
// element of ids, to its text with the matches of q marked.
func (s *Store) snippets(ctx context.Context, q string, hits []detente.SentenceHit, ids []any) error {
	if len(hits) == 0 {
		return nil
	}
	rows, err := s.read.QueryContext(ctx, `SELECT rowid, highlight(sentences_fts, 0, '[[', ']]') FROM sentences_fts
		WHERE sentences_fts MATCH ? AND rowid IN (`+placeholders(len(ids))+`)`, append([]any{q}, ids...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	marked := make(map[int64]string, len(ids))
	for rows.Next() {
		var (
			id      int64
			snippet string
		)
		if err := rows.Scan(&id, &snippet); err != nil {
			return err
		}
		marked[id] = snippet
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range hits {
		hits[i].Snippet = marked[ids[i].(int64)]
	}
	return nil
}

// sentenceWhere returns the extra conditions (each starting with " AND ")
// that f puts on sentences s of articles a.
func sentenceWhere(f detente.EventFilter) (string, []any, error) {
	f.Query = ""
	if err := f.Validate(); err != nil {
		return "", nil, err
	}
	var (
		b    strings.Builder
		args []any
	)
	if !f.From.IsZero() {
		b.WriteString(" AND a.published >= ?")
		args = append(args, sqlscan.FormatTime(startOfDay(f.From)))
	}
	if !f.To.IsZero() {
		b.WriteString(" AND a.published < ?")
		args = append(args, sqlscan.FormatTime(startOfDay(f.To).AddDate(0, 0, 1)))
	}
	if f.ArticleID != "" {
		b.WriteString(" AND s.article_id = ?")
		args = append(args, f.ArticleID)
	}
	if f.StoryID != "" {
		b.WriteString(" AND a.story_id = ?")
		args = append(args, f.StoryID)
	}
	if f.Source != "" || f.Target != "" || f.Pair[0] != "" || f.Agent != "" || f.Code != "" || f.Root != "" || f.Quad != 0 {
		where, eargs, err := eventWhere(detente.EventFilter{Source: f.Source, Target: f.Target, Pair: f.Pair,
			Agent: f.Agent, Code: f.Code, Root: f.Root, Quad: f.Quad, Uncounted: f.Uncounted}, false)
		if err != nil {
			return "", nil, err
		}
		b.WriteString(" AND EXISTS (SELECT 1 FROM events WHERE events.article_id = s.article_id AND events.sentence_idx = s.idx AND " + where + ")")
		args = append(args, eargs...)
	}
	return b.String(), args, nil
}

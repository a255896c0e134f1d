package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/detente-project/detente"
)

// SearchSentences returns up to size sentences (default 50, at most 1000)
// that match query (every word, case-insensitive), newest article first,
// with the matches marked by [[ and ]]. f narrows the search: From, To,
// ArticleID and StoryID by the sentence's article; Source, Target, Pair,
// Agent, Code, Root and Quad to sentences holding such an event (counted
// unless f.Uncounted). f.Query, f.Cursor and f.Limit are ignored.
func (s *Store) SearchSentences(ctx context.Context, query string, f detente.EventFilter, size int) ([]detente.SentenceHit, error) {
	n, err := detente.PageSize(size)
	if err != nil {
		return nil, err
	}
	var a args
	q, err := tsQuery(query, a.add)
	if err != nil {
		return nil, err
	}
	queryArgs := len(a)
	where, err := sentenceWhere(f, &a)
	if err != nil {
		return nil, err
	}
	dense, err := s.dense(ctx, q, a[:queryArgs])
	if err != nil {
		return nil, fmt.Errorf("search sentences %q: %w", query, err)
	}
	// A rare search starts from its matches; a common one walks articles
	// newest first and looks at their sentences. The headline is made for
	// the page's rows only.
	// Sorting on an expression keeps the planner off the published index.
	from, published := `sentences s JOIN articles a ON a.id = s.article_id WHERE s.tsv @@ `+q, "a.published + interval '0'"
	if dense {
		from, published = `articles a CROSS JOIN LATERAL (SELECT * FROM sentences s WHERE s.article_id = a.id
			AND s.tsv @@ `+q+`) s WHERE true`, "a.published"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT h.article_id, h.idx, h.text, h.start_byte, h.end_byte,
		h.title, h.url, h.site, h.story_id, h.published,
		ts_headline('simple', h.text, `+q+`, 'StartSel="[[", StopSel="]]", HighlightAll=true')
		FROM (SELECT s.article_id, s.idx, s.text, s.start_byte, s.end_byte, a.title, a.url, a.site, a.story_id, a.published
			FROM `+from+where+` ORDER BY `+published+` DESC, a.id DESC, s.idx LIMIT `+a.add(n)+`) h
		ORDER BY h.published DESC, h.article_id DESC, h.idx`, a...)
	if err != nil {
		return nil, fmt.Errorf("search sentences %q: %w", query, err)
	}
	defer rows.Close()
	var hits []detente.SentenceHit
	for rows.Next() {
		var h detente.SentenceHit
		sn := &h.Sentence
		if err := rows.Scan(&sn.ArticleID, &sn.Index, &sn.Text, &sn.Start, &sn.End, &h.Title, &h.URL,
			&h.Site, &h.StoryID, &h.Date, &h.Snippet); err != nil {
			return nil, fmt.Errorf("search sentences %q: %w", query, err)
		}
		h.Date = h.Date.UTC()
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search sentences %q: %w", query, err)
	}
	return hits, nil
}

// denseMatches is the number of matching sentences from which a search is
// dense: walking articles newest first fills a page sooner than sorting
// every match.
const denseMatches = 20000

// dense reports whether the tsquery expression q, whose arguments are a,
// matches at least denseMatches sentences.
func (s *Store) dense(ctx context.Context, q string, a args) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM sentences WHERE tsv @@ `+q+
		` LIMIT `+strconv.Itoa(denseMatches)+`) m`, a...).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("count matches: %w", err)
	}
	return n >= denseMatches, nil
}

// sentenceWhere returns the extra conditions (each starting with " AND ")
// that f puts on sentences s of articles a.
func sentenceWhere(f detente.EventFilter, a *args) (string, error) {
	f.Query = ""
	if err := f.Validate(); err != nil {
		return "", err
	}
	var b strings.Builder
	if !f.From.IsZero() {
		b.WriteString(" AND a.published >= " + a.add(startOfDay(f.From)))
	}
	if !f.To.IsZero() {
		b.WriteString(" AND a.published < " + a.add(startOfDay(f.To).AddDate(0, 0, 1)))
	}
	if f.ArticleID != "" {
		b.WriteString(" AND s.article_id = " + a.add(f.ArticleID))
	}
	if f.StoryID != "" {
		b.WriteString(" AND a.story_id = " + a.add(f.StoryID))
	}
	if f.Source != "" || f.Target != "" || f.Pair[0] != "" || f.Agent != "" || f.Code != "" || f.Root != "" || f.Quad != 0 {
		where, err := eventWhere(detente.EventFilter{Source: f.Source, Target: f.Target, Pair: f.Pair,
			Agent: f.Agent, Code: f.Code, Root: f.Root, Quad: f.Quad, Uncounted: f.Uncounted}, a)
		if err != nil {
			return "", err
		}
		b.WriteString(" AND EXISTS (SELECT 1 FROM events WHERE events.article_id = s.article_id AND events.sentence_idx = s.idx AND " + where + ")")
	}
	return b.String(), nil
}

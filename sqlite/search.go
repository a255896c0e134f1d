package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
)

// search is FTS5's full-text search (sqlstore.Search), over the
// articles_fts and sentences_fts tables that WriteDocuments fills.
type search struct{}

// Articles returns the condition that an article matches query. A rare
// search starts from its matches; a dense one walks articles newest first
// and looks each up in the full-text index, rather than reading and
// sorting every article it matches.
func (search) Articles(query string, dense bool) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	if dense {
		return "EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND articles_fts.rowid = articles.seq)", []any{q}, nil
	}
	return "seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", []any{q}, nil
}

// ArticleMatches returns a query of a row for each article that matches
// query.
func (search) ArticleMatches(query string) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?", []any{q}, nil
}

// Matches returns a query of a row for each sentence that matches query.
func (search) Matches(query string) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH ?", []any{q}, nil
}

// Sentence returns the condition that a sentence s matches query.
func (search) Sentence(query string) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)", []any{q}, nil
}

// Events returns the condition that an event's sentence matches query. A
// dense search walks events by day and does not start from the matches.
func (search) Events(query string, dense bool) (string, []any, error) {
	q, err := ftsQuery(query)
	if err != nil {
		return "", nil, err
	}
	col := "sentence_id"
	if dense {
		col = "+sentence_id"
	}
	return col + ` IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`, []any{q}, nil
}

// EventPage returns the query of a page of events. The page is chosen by
// rowid first, from indexes where they cover the filter, and only its rows
// are read whole; Events has steered a dense search already.
func (search) EventPage(where, dir string, _ sqlstore.Plan) string {
	order := " ORDER BY day " + dir + ", id " + dir
	return `SELECT ` + sqlscan.EventColumns + ` FROM events WHERE rowid IN (SELECT rowid FROM events WHERE ` + where +
		order + ` LIMIT ?)` + order
}

// Sentences runs a search of sentences. A rare search starts from its
// matches; a common one walks articles newest first and checks their
// sentences against the matches. The snippets are marked in a second query.
func (search) Sentences(ctx context.Context, db sqlscan.Querier, sq sqlstore.SentenceQuery) ([]detente.SentenceHit, error) {
	q, err := ftsQuery(sq.Query)
	if err != nil {
		return nil, err
	}
	col := "s.id"
	if sq.Dense {
		col = "+s.id"
	}
	rows, err := db.QueryContext(ctx, `SELECT s.id, s.article_id, s.idx, s.text, s.start_byte, s.end_byte,
		a.title, a.url, a.site, a.story_id, a.published FROM articles a JOIN sentences s ON s.article_id = a.id
		WHERE `+col+` IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`+sq.Where+`
		ORDER BY a.published DESC, a.id DESC, s.idx LIMIT ?`, append(append([]any{q}, sq.Args...), sq.Limit)...)
	if err != nil {
		return nil, err
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
			return nil, err
		}
		if h.Date, err = sqlscan.ParseTime(published); err != nil {
			return nil, err
		}
		hits = append(hits, h)
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := snippets(ctx, db, q, hits, ids); err != nil {
		return nil, fmt.Errorf("snippets: %w", err)
	}
	return hits, nil
}

// snippets sets the Snippet of each hit, whose sentence row is the same
// element of ids, to its text with the matches of q marked.
func snippets(ctx context.Context, db sqlscan.Querier, q string, hits []detente.SentenceHit, ids []any) error {
	if len(hits) == 0 {
		return nil
	}
	rows, err := db.QueryContext(ctx, `SELECT rowid, highlight(sentences_fts, 0, '[[', ']]') FROM sentences_fts
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

// placeholders returns n placeholders separated by commas: ?,?,?.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

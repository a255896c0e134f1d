package postgres

import (
	"context"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
)

// eventColumns selects sqlscan.EventColumns, with the JSON mediators as
// text.
var eventColumns = strings.Replace(sqlscan.EventColumns, "mediators", "mediators::text", 1)

// search is PostgreSQL's full-text search (sqlstore.Search), over the
// generated tsvector columns of articles and sentences.
type search struct{}

// Articles returns the condition that an article matches query; the
// planner chooses how to read it either way.
func (search) Articles(query string, _ sqlstore.Plan) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "tsv @@ " + q, args, nil
}

// ArticleMatches returns a query of a row for each article that matches
// query.
func (search) ArticleMatches(query string) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "SELECT 1 FROM articles WHERE tsv @@ " + q, args, nil
}

// Matches returns a query of a row for each sentence that matches query.
func (search) Matches(query string) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "SELECT 1 FROM sentences WHERE tsv @@ " + q, args, nil
}

// DenseAt is DenseMatches.
func (search) DenseAt(context.Context, sqlscan.Querier, int) (int, error) {
	return sqlstore.DenseMatches, nil
}

// VeryDense is false: the planner weighs the lookups against the
// matches itself.
func (search) VeryDense(context.Context, sqlscan.Querier, string, int) (bool, error) {
	return false, nil
}

// ReadsNewest is false: the index returns its matches in no order.
func (search) ReadsNewest() bool { return false }

// NewestEvents is not ok, as ReadsNewest is false.
func (search) NewestEvents(context.Context, sqlscan.Querier, string, sqlstore.Window, string, []any, int) (string, []any, bool, error) {
	return "", nil, false, nil
}

// NewestSentences is not ok, as ReadsNewest is false.
func (search) NewestSentences(context.Context, sqlscan.Querier, string, sqlstore.Window, string, []any, int) (string, []any, bool, error) {
	return "", nil, false, nil
}

// LooksUp is false: the planner weighs the lookups against the matches
// itself.
func (search) LooksUp(context.Context, sqlscan.Querier, string, string, []any, int) (bool, error) {
	return false, nil
}

// FilteredEvents is not ok, as ReadsNewest is false.
func (search) FilteredEvents(context.Context, sqlscan.Querier, string, sqlstore.Window, string, []any, int) (string, []any, bool, error) {
	return "", nil, false, nil
}

// FilteredSentences is not ok, as ReadsNewest is false.
func (search) FilteredSentences(context.Context, sqlscan.Querier, string, sqlstore.Window, string, []any,
	int) (string, []any, map[int64]string, bool, error) {
	return "", nil, nil, false, nil
}

// NewestArticles is not ok, as ReadsNewest is false.
func (search) NewestArticles(context.Context, sqlscan.Querier, string, sqlstore.Window, string, []any, int) (string, []any, bool, error) {
	return "", nil, false, nil
}

// VeryDenseArticles is false, as VeryDense.
func (search) VeryDenseArticles(context.Context, sqlscan.Querier, string, int) (bool, error) {
	return false, nil
}

// Sentence returns the condition that a sentence s matches query.
func (search) Sentence(query string) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "s.tsv @@ " + q, args, nil
}

// Events returns the condition that an event's sentence matches query.
// EXISTS leaves the planner free to start from the matches (a rare word)
// or to check events in order against their sentence (a common one); the
// page query steers it.
func (search) Events(query string, _ sqlstore.Plan) (string, []any, error) {
	q, args, err := tsQuery(query)
	if err != nil {
		return "", nil, err
	}
	return "EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = events.article_id AND s.idx = events.sentence_idx AND s.tsv @@ " +
		q + ")", args, nil
}

// EventPage returns the query of a page of events with plan p: the
// planner's guesses about how many sentences a search matches are too
// rough to leave the choice to it.
func (search) EventPage(where, dir string, p sqlstore.Plan) string {
	selectEvents := `SELECT ` + eventColumns + ` FROM events`
	order := " ORDER BY day " + dir + ", id " + dir
	switch p {
	case sqlstore.WalkByDay:
		return selectEvents + ` WHERE ` + where + order + ` LIMIT ?`
	case sqlstore.FromSearch:
		// Sorting on an expression keeps the planner off the day index.
		return selectEvents + ` WHERE ` + where + ` ORDER BY day + 0 ` + dir + `, id ` + dir + ` LIMIT ?`
	}
	// Choose the page's IDs from indexes, then read its rows.
	return selectEvents + ` WHERE id IN (SELECT id FROM events WHERE ` + where + order + ` LIMIT ?)` + order
}

// Sentences runs a search of sentences. A rare search starts from its
// matches; a common one walks articles newest first and looks at their
// sentences. The headline is made for the page's rows only.
func (search) Sentences(ctx context.Context, db sqlscan.Querier, sq sqlstore.SentenceQuery) ([]detente.SentenceHit, error) {
	q, qargs, err := tsQuery(sq.Query)
	if err != nil {
		return nil, err
	}
	// Sorting on an expression keeps the planner off the published index.
	from, published := `sentences s JOIN articles a ON a.id = s.article_id WHERE s.tsv @@ `+q, "a.published + interval '0'"
	if sq.Dense {
		from, published = `articles a CROSS JOIN LATERAL (SELECT * FROM sentences s WHERE s.article_id = a.id
			AND s.tsv @@ `+q+`) s WHERE true`, "a.published"
	}
	// The tsquery stands twice, in the headline and in the match.
	args := append(append(append(append([]any(nil), qargs...), qargs...), sq.Args...), sq.Limit)
	return sqlscan.Query(ctx, db, sentenceHit, `SELECT h.article_id, h.idx, h.text, h.start_byte, h.end_byte,
		h.title, h.url, h.site, h.story_id, h.published,
		ts_headline('simple', h.text, `+q+`, 'StartSel="[[", StopSel="]]", HighlightAll=true')
		FROM (SELECT s.article_id, s.idx, s.text, s.start_byte, s.end_byte, a.title, a.url, a.site, a.story_id, a.published
			FROM `+from+sq.Where+` ORDER BY `+published+` DESC, a.id DESC, s.idx LIMIT ?) h
		ORDER BY h.published DESC, h.article_id DESC, h.idx`, args...)
}

// sentenceHit scans a row of Sentences.
func sentenceHit(sc sqlscan.Scanner) (detente.SentenceHit, error) {
	var h detente.SentenceHit
	sn := &h.Sentence
	err := sc.Scan(&sn.ArticleID, &sn.Index, &sn.Text, &sn.Start, &sn.End, &h.Title, &h.URL,
		&h.Site, &h.StoryID, &h.Date, &h.Snippet)
	h.Date = h.Date.UTC()
	return h, err
}

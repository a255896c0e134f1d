package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
)

// HasArticle reports whether an article with the given ID is stored.
func (s *Store) HasArticle(ctx context.Context, id string) (bool, error) {
	if !detente.ValidText(id) {
		return false, nil
	}
	var ok bool
	if err := s.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?)`, id).Scan(&ok); err != nil {
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
	a, err := sqlscan.Article(s.read.QueryRowContext(ctx, `SELECT `+sqlscan.ArticleColumns+` FROM articles WHERE id = ?`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return a, nil, nil, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	case err != nil:
		return a, nil, nil, fmt.Errorf("article %s: %w", id, err)
	}
	ss, err := sqlscan.Query(ctx, s.read, sqlscan.Sentence(id), `SELECT idx, text, start_byte, end_byte FROM sentences
		WHERE article_id = ? ORDER BY idx`, id)
	if err != nil {
		return a, nil, nil, fmt.Errorf("article %s sentences: %w", id, err)
	}
	evs, err := sqlscan.Query(ctx, s.read, sqlscan.Event, `SELECT `+s.d.EventColumns+` FROM events WHERE article_id = ?
		ORDER BY sentence_idx, id`, id)
	if err != nil {
		return a, nil, nil, fmt.Errorf("article %s events: %w", id, err)
	}
	return a, ss, evs, nil
}

// Articles returns one page of the articles f selects, newest published
// first, without their bodies and fingerprints (Article returns those),
// and the cursor of the next page.
func (s *Store) Articles(ctx context.Context, f detente.ArticleFilter) (detente.ArticlePage, error) {
	var page detente.ArticlePage
	n, err := detente.PageSize(f.Limit)
	if err != nil {
		return page, err
	}
	if err := detente.ValidRange(f.From, f.To); err != nil {
		return page, err
	}
	where, args := s.articleConds("", f.From, f.To, f.StoryID)
	where = s.d.True + where
	var c sqlscan.Cursor
	if f.Cursor != "" {
		if c, err = sqlscan.DecodeCursor(f.Cursor, s.d.CursorLayout); err != nil {
			return page, err
		}
		where += " AND (published, id) < (" + s.d.TimeArg + ", ?)"
		args = append(args, s.d.Time(c.Time), c.ID)
	}
	newest := false
	if f.Query != "" && f.StoryID == "" {
		w := Window{From: f.From, To: f.To}
		if f.Cursor != "" && (w.To.IsZero() || c.Time.Before(w.To)) {
			w.To = c.Time
		}
		cond, cargs, ok, err := s.d.Search.NewestArticles(ctx, s.read, f.Query, w, where, args, n+1)
		if err != nil {
			return page, fmt.Errorf("newest articles matching %q: %w", f.Query, err)
		}
		if ok {
			where += " AND " + cond
			args = append(args, cargs...)
			newest = true
		}
	}
	if f.Query != "" && !newest {
		matches, margs, err := s.d.Search.ArticleMatches(f.Query)
		if err != nil {
			return page, err
		}
		plan := FromSearch
		dense, err := s.atLeast(ctx, matches, margs, DenseArticles)
		if err != nil {
			return page, fmt.Errorf("count articles matching %q: %w", f.Query, err)
		}
		if dense {
			plan = WalkByDay
			very, err := s.d.Search.VeryDenseArticles(ctx, s.read, f.Query, n+1)
			if err != nil {
				return page, fmt.Errorf("count articles matching %q: %w", f.Query, err)
			}
			if very {
				plan = LookUp
			}
		}
		cond, qargs, err := s.d.Search.Articles(f.Query, plan)
		if err != nil {
			return page, err
		}
		where += " AND " + cond
		args = append(args, qargs...)
	}
	as, err := sqlscan.Query(ctx, s.read, sqlscan.Article, `SELECT `+sqlscan.ArticleSummaryColumns+` FROM articles WHERE `+where+
		` ORDER BY published DESC, id DESC LIMIT ?`, append(args, n+1)...)
	if err != nil {
		return page, fmt.Errorf("articles: %w", err)
	}
	page.Articles, page.Next = sqlscan.Page(as, n, func(ar detente.Article) (string, string) {
		return ar.Published.UTC().Format(s.d.CursorLayout), ar.ID
	})
	return page, nil
}

// DenseArticles is the number of matching articles from which a search
// of articles is dense: walking articles newest first and checking each
// against the matches fills a page sooner than reading every match and
// sorting.
const DenseArticles = 2000

// startOfDay returns the start of t's day in UTC.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// NewestFingerprinted returns when the newest stored article with a
// fingerprint was published, and false when none is stored: a dedup index
// warmed from EachFingerprint keeps only the articles within its window
// of it, so a warm-up need not read further back.
func (s *Store) NewestFingerprinted(ctx context.Context) (time.Time, bool, error) {
	return s.newestFingerprinted(ctx, s.read)
}

// newestFingerprinted is NewestFingerprinted, read through q. Every
// write reads it (BandsFromIn), through articles_published, which a bulk
// load keeps for it (WriteIndexes).
func (s *Store) newestFingerprinted(ctx context.Context, q sqlscan.Querier) (time.Time, bool, error) {
	got, err := sqlscan.Query(ctx, q, func(sc sqlscan.Scanner) (t sqlscan.Time, err error) { return t, sc.Scan(&t) },
		NewestFingerprintedQuery(s.d))
	if err != nil {
		return time.Time{}, false, fmt.Errorf("newest fingerprinted article: %w", err)
	}
	if len(got) == 0 {
		return time.Time{}, false, nil
	}
	t, err := got[0].Instant()
	if err != nil {
		return time.Time{}, false, fmt.Errorf("newest fingerprinted article: %w", err)
	}
	return t, true, nil
}

// NewestFingerprintedQuery is the statement that reads when the newest
// article with a fingerprint was published in a store of dialect d: a
// dialect's tests check its plan.
func NewestFingerprintedQuery(d Dialect) string {
	return `SELECT published FROM ` + d.Fingerprinted + ` f ORDER BY published DESC, id DESC LIMIT 1`
}

// EachFingerprint calls fn with the ID, story, published time and MinHash
// fingerprint of every article published at or after since that has one,
// oldest first, so that a dedup index can be warmed up after a restart. It
// stops at fn's first error and returns it.
func (s *Store) EachFingerprint(ctx context.Context, since time.Time,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error {
	return s.eachFingerprint(ctx, "each fingerprint", `published >= ?`, []any{s.d.Time(since)}, fn)
}

// eachFingerprint calls fn with the ID, story, published time and
// fingerprint of every article with one that the condition where, with
// its arguments, selects from Fingerprinted f, oldest first, until fn
// fails; what names the read in its errors.
func (s *Store) eachFingerprint(ctx context.Context, what, where string, args []any,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error {
	rows, err := s.read.QueryContext(ctx, `SELECT id, story_id, published, fingerprint FROM `+s.d.Fingerprinted+` f
		WHERE `+where+` ORDER BY published, id`, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanFingerprint(rows)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if err := fn(r.id, r.story, r.published, r.fp); err != nil {
			return err
		}
	}
	return rows.Err()
}

// fingerprintRow is an article's ID, story, published time and
// fingerprint, as the story index reads them.
type fingerprintRow struct {
	id, story string
	published time.Time
	fp        []uint64
}

// scanFingerprint reads the row rows is at, of columns id, story_id,
// published and fingerprint.
func scanFingerprint(rows *sql.Rows) (fingerprintRow, error) {
	var (
		r         fingerprintRow
		published sqlscan.Time
		raw       []byte
	)
	if err := rows.Scan(&r.id, &r.story, &published, &raw); err != nil {
		return r, err
	}
	t, err := published.Instant()
	if err != nil {
		return r, err
	}
	r.published = t
	if r.fp, err = sqlscan.DecodeFingerprint(raw); err != nil {
		return r, fmt.Errorf("article %s: %w", r.id, err)
	}
	return r, nil
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
		fetched sqlscan.Time
	)
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(nullif(canonical_url, ''), url), fetched
		FROM articles WHERE id = ?`, id).Scan(&url, &fetched)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", time.Time{}, detente.Errorf(detente.ENOTFOUND, "article %q not found", id)
	case err != nil:
		return "", time.Time{}, fmt.Errorf("article %s origin: %w", id, err)
	}
	t, err := fetched.Instant()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("article %s origin: %w", id, err)
	}
	return url, t, nil
}

// EventSentences returns the sentence each event of ids was coded from and
// its article's title, URL, outlet, byline and time of publication, by
// event ID, in one query per list of IDs rather than an article read per
// event; IDs of no stored event are left out. The sentence is a subquery
// of each event, not a third table joined: on PostgreSQL, under bench
// scale's load at a million events, the join of three was planned anew
// at every call, 0.45 ms of planning to 0.25 ms of running
// (pg_stat_statements); this is planned in 0.33-0.35 ms under the same
// load, 0.2 ms alone (51 IDs, EXPLAIN).
func (s *Store) EventSentences(ctx context.Context, ids []string) (map[string]detente.EventSentence, error) {
	out := make(map[string]detente.EventSentence, len(ids))
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !detente.ValidText(id) })
	err := inLists(s.d, "e.id", "text", ids, func(in string, args []any) error {
		rows, err := s.read.QueryContext(ctx, `SELECT e.id,
			(SELECT s.text FROM sentences s WHERE s.article_id = e.article_id AND s.idx = e.sentence_idx),
			a.title, a.url, a.site, a.byline, a.published FROM events e JOIN articles a ON a.id = e.article_id
			WHERE `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id        string
				text      sql.NullString
				es        detente.EventSentence
				published sqlscan.Time
			)
			if err := rows.Scan(&id, &text, &es.Title, &es.URL, &es.Site, &es.Byline, &published); err != nil {
				return err
			}
			if !text.Valid {
				continue // no sentence stored: left out, as an event not stored is
			}
			es.Text = text.String
			if es.Published, err = published.Instant(); err != nil {
				return fmt.Errorf("event %s: %w", id, err)
			}
			out[id] = es
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sentences of %d events: %w", len(ids), err)
	}
	return out, nil
}

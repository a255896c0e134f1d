package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/internal/sqltext"
	"github.com/jackc/pgx/v5/pgconn"
)

// WriteDocuments stores docs in one transaction. A document whose article
// is already stored is skipped entirely, so re-ingesting the same input adds
// nothing. Within a story (the article's StoryID, or its ID when it has
// none) an event whose source code, target code and CAMEO code match a
// primary event already stored is kept as a further copy, not counted, and
// the primary's NumSources grows by one for each further article reporting
// it. Writers in other processes wait for each other per story; a batch
// that PostgreSQL rolls back to break a deadlock between writers is tried
// again, up to maxTries times.
func (s *Store) WriteDocuments(ctx context.Context, docs []detente.Document) error {
	if len(docs) == 0 {
		return nil
	}
	clean := make([]detente.Document, len(docs))
	for i := range docs {
		clean[i] = sqltext.Document(docs[i])
	}
	var err error
	for try := 1; ; try++ {
		err = s.writeDocuments(ctx, clean)
		if !retryable(err) || try == maxTries {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("write documents: %w", ctx.Err())
		case <-time.After(time.Duration(try*try) * 10 * time.Millisecond):
		}
	}
	if err != nil {
		return fmt.Errorf("write documents: %w", err)
	}
	return nil
}

// maxTries bounds how often a batch that lost a deadlock is tried again.
const maxTries = 5

// retryable reports whether err is a transaction PostgreSQL rolled back to
// resolve a conflict with another writer: a deadlock (two workers writing
// the same article under different stories) or a serialisation failure.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

func (s *Store) writeDocuments(ctx context.Context, docs []detente.Document) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Renames are read under the locks, so that a rename's own write,
	// which moves the story's stored rows, is either done (and its
	// rename seen) or waits for this one (and moves its rows too); the
	// stories they lead to are locked in turn.
	if err := lockStories(ctx, tx, docs); err != nil {
		return err
	}
	if err := renamedStories(ctx, tx, docs); err != nil {
		return err
	}
	if err := lockStories(ctx, tx, docs); err != nil {
		return err
	}
	var added detente.Stats
	countries := sqlstore.CountryArticles{}
	for i := range docs {
		if err := s.writeDocument(ctx, tx, &docs[i], &added, countries); err != nil {
			return fmt.Errorf("article %s (%s): %w", docs[i].Article.ID, docs[i].Article.URL, err)
		}
	}
	if added != (detente.Stats{}) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO count_deltas (articles, sentences, events, stories)
			VALUES ($1, $2, $3, $4)`, added.Articles, added.Sentences, added.Events, added.Stories); err != nil {
			return fmt.Errorf("count: %w", err)
		}
	}
	if err := countries.Save(ctx, tx, dialect); err != nil {
		return fmt.Errorf("count country articles: %w", err)
	}
	return tx.Commit()
}

// renamedStories gives each document whose story has been renamed since
// its article was assigned (a worker assigned a copy published earlier in
// between: dedup/pgindex keeps the former IDs in story_aliases) the
// story's ID now.
func renamedStories(ctx context.Context, tx *sql.Tx, docs []detente.Document) error {
	var ids []string
	for i := range docs {
		if id := docs[i].Article.StoryID; id != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT alias, story_id FROM story_aliases WHERE alias = ANY($1)`, ids)
	if err != nil {
		return fmt.Errorf("renamed stories: %w", err)
	}
	defer rows.Close()
	now := map[string]string{}
	for rows.Next() {
		var alias, story string
		if err := rows.Scan(&alias, &story); err != nil {
			return fmt.Errorf("renamed stories: %w", err)
		}
		now[alias] = story
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("renamed stories: %w", err)
	}
	for i := range docs {
		if story, ok := now[docs[i].Article.StoryID]; ok {
			docs[i].Article.StoryID = story
		}
	}
	return nil
}

// lockStories takes the advisory lock of every story of docs and of their
// former IDs, in sorted order so that two writers cannot deadlock, for the
// rest of tx.
func lockStories(ctx context.Context, tx *sql.Tx, docs []detente.Document) error {
	seen := map[string]bool{}
	var stories []string
	for i := range docs {
		for _, st := range append([]string{sqlstore.StoryOf(&docs[i].Article)}, docs[i].Article.StoryAliases...) {
			if !seen[st] {
				seen[st] = true
				stories = append(stories, st)
			}
		}
	}
	sort.Strings(stories)
	for _, st := range stories {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, "story:"+st); err != nil {
			return fmt.Errorf("lock story %s: %w", st, err)
		}
	}
	return nil
}

// writeDocument stores d unless its article is stored, and adds what it
// stored to added and countries.
func (s *Store) writeDocument(ctx context.Context, tx *sql.Tx, d *detente.Document, added *detente.Stats, countries sqlstore.CountryArticles) error {
	a := &d.Article
	if a.ID == "" {
		return detente.Errorf(detente.EINVALID, "article has no ID (url %q)", a.URL)
	}
	story := sqlstore.StoryOf(a)
	res, err := tx.ExecContext(ctx, `INSERT INTO articles (id, url, canonical_url, site, title, byline,
		published, date_source, lang, body, fetched, story_id, content_hash, fingerprint)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (id) DO NOTHING`,
		a.ID, a.URL, a.CanonicalURL, a.Site, a.Title, a.Byline, a.Published.UTC(), string(a.DateSource),
		a.Lang, a.Body, a.Fetched.UTC(), story, a.ContentHash, sqlscan.EncodeFingerprint(a.Fingerprint))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err // stored before: nothing to do
	}
	var storyArticles int
	if err := tx.QueryRowContext(ctx, `INSERT INTO stories (id, first_seen, articles) VALUES ($1, $2, 1)
		ON CONFLICT (id) DO UPDATE SET articles = stories.articles + 1,
		first_seen = least(stories.first_seen, excluded.first_seen) RETURNING articles`,
		story, a.Published.UTC()).Scan(&storyArticles); err != nil {
		return err
	}
	added.Articles++
	added.Sentences += len(d.Sentences)
	countries.Add(d)
	if storyArticles == 1 {
		added.Stories++
	}
	if len(d.Sentences) > 0 {
		idx, start, end := make([]int32, len(d.Sentences)), make([]int32, len(d.Sentences)), make([]int32, len(d.Sentences))
		text := make([]string, len(d.Sentences))
		for i, sn := range d.Sentences {
			idx[i], start[i], end[i], text[i] = int32(sn.Index), int32(sn.Start), int32(sn.End), sn.Text
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sentences (article_id, idx, text, start_byte, end_byte)
			SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::int[])`,
			a.ID, idx, text, start, end); err != nil {
			return fmt.Errorf("sentences: %w", err)
		}
	}
	counted, err := writeEvents(ctx, tx, d, story)
	added.Events += counted
	if err != nil {
		return err
	}
	set, err := s.SettleStory(ctx, tx, a, story)
	added.Events += set.Events
	added.Stories += set.Stories
	return err
}

// insertRows is how many events one INSERT carries: PostgreSQL takes at
// most 65535 parameters a statement.
const insertRows = 500

// writeEvents stores a document's events with the story semantics of
// WriteDocuments (sqlstore.StoryEvents), in a few statements: one to read
// the story's primary events, one to bump them, one INSERT per insertRows
// events. It returns how many of the events count.
func writeEvents(ctx context.Context, tx *sql.Tx, d *detente.Document, story string) (int, error) {
	if len(d.Events) == 0 {
		return 0, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, source_code, target_code, code FROM events
		WHERE story_id = $1 AND is_primary`, story)
	if err != nil {
		return 0, fmt.Errorf("story %s events: %w", story, err)
	}
	primaries, err := sqlstore.Primaries(rows)
	if err != nil {
		return 0, fmt.Errorf("story %s events: %w", story, err)
	}
	evs, bump := sqlstore.StoryEvents(d, story, primaries)
	if len(bump) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE events SET num_sources = num_sources + 1 WHERE id = ANY($1)`, bump); err != nil {
			return 0, fmt.Errorf("story %s: count sources: %w", story, err)
		}
	}
	const width = sqlscan.EventColumnCount + 3
	args := make([]any, 0, len(evs)*width)
	counted := 0
	for i := range evs {
		e := &evs[i]
		args = append(append(args, sqlscan.EventArgs(&e.Event, startOfDay(e.Date))...), !e.Primary.Valid, e.Primary, e.Counted)
		if e.Counted {
			counted++
		}
	}
	for len(args) > 0 {
		n := min(len(args)/width, insertRows)
		q := `INSERT INTO events (` + sqlscan.EventColumns + `, is_primary, primary_id, counted) VALUES ` + valueRows(n, width)
		if _, err := tx.ExecContext(ctx, q, args[:n*width]...); err != nil {
			return 0, fmt.Errorf("events: %w", err)
		}
		args = args[n*width:]
	}
	return counted, nil
}

// valueRows returns n rows of width placeholders: ($1,$2),($3,$4).
func valueRows(n, width int) string {
	var b strings.Builder
	for r := range n {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range width {
			if c > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "$%d", r*width+c+1)
		}
		b.WriteByte(')')
	}
	return b.String()
}

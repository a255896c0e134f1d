package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/sqlscan"
	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/internal/sqltext"
)

// WriteDocuments stores docs in one transaction. A document whose article
// is already stored is skipped entirely, so re-ingesting the same input adds
// nothing. Within a story (the article's StoryID, or its ID when it has
// none) an event whose source code, target code and CAMEO code match a
// primary event already stored is kept as a further copy, not counted, and
// the primary's NumSources grows by one for each further article reporting
// it.
func (s *Store) WriteDocuments(ctx context.Context, docs []detente.Document) error {
	if len(docs) == 0 {
		return nil
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("write documents: %w", err)
	}
	defer tx.Rollback()
	w, err := prepareWriter(ctx, tx)
	if err != nil {
		return fmt.Errorf("write documents: %w", err)
	}
	w.core, w.tx = s.core, tx
	defer w.close()
	var newest time.Time
	for i := range docs {
		if a := &docs[i].Article; a.Published.After(newest) {
			newest = a.Published
		}
	}
	if w.bandsFrom, err = s.core.BandsFromIn(ctx, tx, newest); err != nil {
		return fmt.Errorf("write documents: %w", err)
	}
	for i := range docs {
		d := sqltext.Document(docs[i])
		if err := w.document(ctx, &d); err != nil {
			return fmt.Errorf("write article %s (%s): %w", docs[i].Article.ID, docs[i].Article.URL, err)
		}
	}
	if err := w.saveStories(ctx); err != nil {
		return fmt.Errorf("write documents: stories: %w", err)
	}
	if err := w.added.save(ctx, tx); err != nil {
		return fmt.Errorf("write documents: count: %w", err)
	}
	if err := w.countries.Save(ctx, tx, dialect); err != nil {
		return fmt.Errorf("write documents: count country articles: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write documents: %w", err)
	}
	return nil
}

// writer holds the statements of one write transaction and what it added.
type writer struct {
	has, lastSeq, article, fingerprint, bands, articleFTS, lastKey, sentence, sentenceFTS, eventSentenceFTS, story, primaries, bump, event,
	misdated *sql.Stmt

	// bandsFrom is when the articles whose band rows are written begin
	// (sqlstore.Store.BandsFromIn).
	bandsFrom time.Time
	added     totals
	countries sqlstore.CountryArticles
	stories   map[string]*storyArticles
	core      *core
	tx        *sql.Tx
}

// storyArticles is what a transaction adds to a story: its articles, and
// the earliest one's publication time.
type storyArticles struct {
	articles int
	first    string // sqlscan.FormatTime, which sorts as it compares
}

func prepareWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{countries: sqlstore.CountryArticles{}, stories: map[string]*storyArticles{}}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&w.has, `SELECT 1 FROM articles WHERE id = ?`},
		{&w.lastSeq, `SELECT seq FROM articles WHERE seq >= ? AND seq < ? ORDER BY seq DESC LIMIT 1`},
		{&w.article, `INSERT INTO articles (seq, id, url, canonical_url, site, title, byline, published, date_source,
			lang, body, fetched, story_id, content_hash, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`},
		{&w.fingerprint, `INSERT INTO article_fingerprints (seq, fingerprint) VALUES (?, ?)`},
		{&w.bands, insertBands},
		{&w.articleFTS, `INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`},
		{&w.lastKey, `SELECT id FROM sentences WHERE id >= ? AND id < ? ORDER BY id DESC LIMIT 1`},
		{&w.sentence, `INSERT INTO sentences (id, article_id, idx, text, start_byte, end_byte, pairs) VALUES (?,?,?,?,?,?,?)`},
		{&w.sentenceFTS, `INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)`},
		{&w.eventSentenceFTS, `INSERT INTO event_sentences_fts (rowid, text, pairs) VALUES (?, ?, ?)`},
		{&w.story, `INSERT INTO stories (id, first_seen, articles) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET articles = articles + excluded.articles, first_seen = min(first_seen, excluded.first_seen)
			RETURNING articles`},
		{&w.primaries, `SELECT id, source_code, target_code, code FROM events WHERE story_id = ? AND is_primary = 1`},
		{&w.bump, `UPDATE events SET num_sources = num_sources + 1 WHERE id = ?`},
		{&w.event, `INSERT INTO events (` + sqlscan.EventColumns + `, is_primary, primary_id, counted, sentence_id) VALUES (` +
			placeholders(sqlscan.EventColumnCount+4) + `)`},
		{&w.misdated, `INSERT OR IGNORE INTO misdated_events (id) VALUES (?)`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.dst = st
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.has, w.lastSeq, w.article, w.fingerprint, w.bands, w.articleFTS, w.lastKey, w.sentence, w.sentenceFTS,
		w.eventSentenceFTS, w.story, w.primaries, w.bump, w.event, w.misdated} {
		if st != nil {
			st.Close()
		}
	}
}

func (w *writer) document(ctx context.Context, d *detente.Document) error {
	a := &d.Article
	if a.ID == "" {
		return detente.Errorf(detente.EINVALID, "article has no ID (url %q)", a.URL)
	}
	var one int
	switch err := w.has.QueryRowContext(ctx, a.ID).Scan(&one); {
	case err == nil:
		return nil
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	story := sqlstore.StoryOf(a)
	seq, err := nextKey(ctx, w.lastSeq, a.Published, 1)
	if err != nil {
		return fmt.Errorf("number article: %w", err)
	}
	fp := sqlscan.EncodeFingerprint(a.Fingerprint)
	if _, err := w.article.ExecContext(ctx, seq, a.ID, a.URL, a.CanonicalURL, a.Site, a.Title, a.Byline,
		sqlscan.FormatTime(a.Published), string(a.DateSource), a.Lang, a.Body, sqlscan.FormatTime(a.Fetched), story,
		a.ContentHash, fp); err != nil {
		return err
	}
	if fp != nil {
		if _, err := w.fingerprint.ExecContext(ctx, seq, fp); err != nil {
			return err
		}
		if !a.Published.Before(w.bandsFrom) {
			if err := writeBands(ctx, w.bands, seq, a.Fingerprint); err != nil {
				return err
			}
		}
	}
	if _, err := w.articleFTS.ExecContext(ctx, seq, a.Title, a.Body); err != nil {
		return err
	}
	published := sqlscan.FormatTime(a.Published)
	if st := w.stories[story]; st == nil {
		w.stories[story] = &storyArticles{articles: 1, first: published}
	} else {
		st.articles++
		st.first = min(st.first, published)
	}
	w.added.Articles++
	w.added.Sentences += len(d.Sentences)
	w.countries.Add(d)
	id, err := nextKey(ctx, w.lastKey, a.Published, len(d.Sentences))
	if err != nil {
		return fmt.Errorf("number sentences: %w", err)
	}
	stored := make(map[int]storedSentence, len(d.Sentences))
	held := sentencePairs(d.Events)
	for _, sn := range d.Sentences {
		pairs := sql.NullString{String: held[sn.Index], Valid: held[sn.Index] != ""}
		if _, err := w.sentence.ExecContext(ctx, id, a.ID, sn.Index, sn.Text, sn.Start, sn.End, pairs); err != nil {
			return fmt.Errorf("sentence %d: %w", sn.Index, err)
		}
		stored[sn.Index] = storedSentence{id: id, text: sn.Text, pairs: pairs}
		if _, err := w.sentenceFTS.ExecContext(ctx, id, sn.Text); err != nil {
			return err
		}
		id++
	}
	if err := w.events(ctx, d, story, stored); err != nil {
		return err
	}
	set, err := w.core.SettleStory(ctx, w.tx, a, story)
	w.added.Events += set.Events
	w.added.Stories += set.Stories
	// Articles of this transaction stored under a former ID moved to
	// story: so do their pending additions to the stories table.
	for _, alias := range a.StoryAliases {
		if moved := w.stories[alias]; moved != nil {
			st := w.stories[story]
			st.articles += moved.articles
			st.first = min(st.first, moved.first)
			delete(w.stories, alias)
		}
	}
	return err
}

// saveStories adds the transaction's articles to their stories, counting
// the stories that are new. It runs once, after the documents: an upsert
// makes SQLite's full-text index write out the terms it holds in memory,
// and one per article left its segments small and merging all the time
// (40% of the write time of bench scale's bulk load).
func (w *writer) saveStories(ctx context.Context) error {
	ids := make([]string, 0, len(w.stories))
	for id := range w.stories {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		st := w.stories[id]
		var n int
		if err := w.story.QueryRowContext(ctx, id, st.first, st.articles).Scan(&n); err != nil {
			return fmt.Errorf("story %s: %w", id, err)
		}
		if n == st.articles {
			w.added.Stories++
		}
	}
	return nil
}

// nextKey returns the first of n numbers (order.go) of rows published at
// t, the others following it; last selects the highest number taken
// between its two arguments.
func nextKey(ctx context.Context, last *sql.Stmt, t time.Time, n int) (int64, error) {
	lo := firstKey(t)
	next := lo
	var top int64
	switch err := last.QueryRowContext(ctx, lo, lo+secondKeys).Scan(&top); {
	case err == nil:
		next = top + 1
	case !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	if next+int64(n) > lo+secondKeys {
		return 0, errSecondFull(t)
	}
	return next, nil
}

// events stores a document's events with the story semantics of
// WriteDocuments (sqlstore.StoryEvents). stored maps sentence indexes to
// the sentences as stored.
func (w *writer) events(ctx context.Context, d *detente.Document, story string, stored map[int]storedSentence) error {
	if len(d.Events) == 0 {
		return nil
	}
	rows, err := w.primaries.QueryContext(ctx, story)
	if err != nil {
		return fmt.Errorf("story %s events: %w", story, err)
	}
	primaries, err := sqlstore.Primaries(rows)
	if err != nil {
		return fmt.Errorf("story %s events: %w", story, err)
	}
	evs, bump := sqlstore.StoryEvents(d, story, primaries)
	for _, id := range bump {
		if _, err := w.bump.ExecContext(ctx, id); err != nil {
			return fmt.Errorf("story %s: count sources: %w", story, err)
		}
	}
	// The article is new, so are its sentences: each goes into the index
	// of sentences with an event (migration 0210) with its first.
	indexed := map[int64]bool{}
	for i := range evs {
		e := &evs[i]
		sn, ok := stored[e.SentenceIndex]
		sentence := sql.NullInt64{Int64: sn.id, Valid: ok}
		args := append(sqlscan.EventArgs(&e.Event, sqlscan.FormatDay(e.Date)), !e.Primary.Valid, e.Primary, e.Counted, sentence)
		if _, err := w.event.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		if ok && !indexed[sn.id] {
			indexed[sn.id] = true
			if _, err := w.eventSentenceFTS.ExecContext(ctx, sn.id, sn.text, sn.pairs); err != nil {
				return fmt.Errorf("event %s: index its sentence: %w", e.ID, err)
			}
		}
		if sqlscan.FormatDay(e.Date) != sqlscan.FormatDay(d.Article.Published) {
			if _, err := w.misdated.ExecContext(ctx, e.ID); err != nil {
				return fmt.Errorf("event %s: %w", e.ID, err)
			}
		}
		if e.Counted {
			w.added.Events++
		}
	}
	return nil
}

// storedSentence is a sentence as the writer stored it: its row id,
// text and pairs (sentencePairs).
type storedSentence struct {
	id    int64
	text  string
	pairs sql.NullString
}

// sentencePairs returns, by sentence index, the tokens of the undirected
// pairs of countries of the events each sentence holds (pairToken),
// sorted and joined by spaces, as migration 0260 sets them; events
// without both countries have no pair.
func sentencePairs(events []detente.Event) map[int]string {
	tokens := map[int][]string{}
	for _, e := range events {
		if e.Source.Country == "" || e.Target.Country == "" {
			continue
		}
		if t := pairToken(e.Source.Country, e.Target.Country); !slices.Contains(tokens[e.SentenceIndex], t) {
			tokens[e.SentenceIndex] = append(tokens[e.SentenceIndex], t)
		}
	}
	held := make(map[int]string, len(tokens))
	for i, ts := range tokens {
		slices.Sort(ts)
		held[i] = strings.Join(ts, " ")
	}
	return held
}

// totals are what a transaction adds to the running totals of Stats.
type totals detente.Stats

// save adds t to the running totals in tx.
func (t totals) save(ctx context.Context, tx *sql.Tx) error {
	for _, c := range []struct {
		name string
		n    int
	}{{"articles", t.Articles}, {"sentences", t.Sentences}, {"events", t.Events}, {"stories", t.Stories}} {
		if c.n == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE counts SET n = n + ? WHERE name = ?`, c.n, c.name); err != nil {
			return err
		}
	}
	return nil
}

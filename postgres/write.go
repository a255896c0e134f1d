package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
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
// again, up to maxTries times. Beside the transaction, the indexes keyed
// by hashed IDs are warmed for the documents' keys (warm.go).
func (s *Store) WriteDocuments(ctx context.Context, docs []detente.Document) error {
	if len(docs) == 0 {
		return nil
	}
	clean := make([]detente.Document, len(docs))
	for i := range docs {
		clean[i] = sqltext.Document(docs[i])
	}
	s.warm(ctx, clean)
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
	for i := range docs {
		if docs[i].Article.ID == "" {
			return fmt.Errorf("article %s (%s): %w", docs[i].Article.ID, docs[i].Article.URL,
				detente.Errorf(detente.EINVALID, "article has no ID (url %q)", docs[i].Article.URL))
		}
	}
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
	renamed, err := renamedStories(ctx, tx, docs)
	if err != nil {
		return err
	}
	if renamed {
		if err := lockStories(ctx, tx, docs); err != nil {
			return err
		}
	}
	w := &batch{store: s, tx: tx, countries: sqlstore.CountryArticles{}}
	if err := w.write(ctx, docs); err != nil {
		return err
	}
	if w.added != (detente.Stats{}) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO count_deltas (articles, sentences, events, stories)
			VALUES ($1, $2, $3, $4)`, w.added.Articles, w.added.Sentences, w.added.Events, w.added.Stories); err != nil {
			return fmt.Errorf("count: %w", err)
		}
	}
	if err := w.countries.Save(ctx, tx, dialect); err != nil {
		return fmt.Errorf("count country articles: %w", err)
	}
	return tx.Commit()
}

// renamedStories gives each document whose story has been renamed since
// its article was assigned (a worker assigned a copy published earlier in
// between: dedup/pgindex keeps the former IDs in story_aliases) the
// story's ID now, and reports whether any was renamed.
func renamedStories(ctx context.Context, tx *sql.Tx, docs []detente.Document) (bool, error) {
	var ids []string
	for i := range docs {
		if id := docs[i].Article.StoryID; id != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT alias, story_id FROM story_aliases WHERE alias = ANY($1)`, ids)
	if err != nil {
		return false, fmt.Errorf("renamed stories: %w", err)
	}
	defer rows.Close()
	now := map[string]string{}
	for rows.Next() {
		var alias, story string
		if err := rows.Scan(&alias, &story); err != nil {
			return false, fmt.Errorf("renamed stories: %w", err)
		}
		now[alias] = story
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("renamed stories: %w", err)
	}
	for i := range docs {
		if story, ok := now[docs[i].Article.StoryID]; ok {
			docs[i].Article.StoryID = story
		}
	}
	return len(now) > 0, nil
}

// lockStories takes the advisory lock of every story of docs and of their
// former IDs, in sorted order so that two writers cannot deadlock, for the
// rest of tx, in one statement: unnest gives the keys, and the aggregate
// takes their locks, in the array's order.
func lockStories(ctx context.Context, tx *sql.Tx, docs []detente.Document) error {
	seen := map[string]bool{}
	var keys []string
	for i := range docs {
		for _, st := range append([]string{sqlstore.StoryOf(&docs[i].Article)}, docs[i].Article.StoryAliases...) {
			if !seen[st] {
				seen[st] = true
				keys = append(keys, "story:"+st)
			}
		}
	}
	sort.Strings(keys)
	if _, err := tx.ExecContext(ctx, `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
		FROM unnest($1::text[]) AS k`, keys); err != nil {
		return fmt.Errorf("lock %d stories: %w", len(keys), err)
	}
	return nil
}

// batch writes the documents of one transaction a table at a time: one
// statement writes the articles of many documents, one their sentences,
// one their events, and so on, where writing each document in turn took
// a round trip to the server for each table and article.
//
// The result is that of writing each document in turn, SettleStory after
// each. SettleStory changes nothing for a copy that is the latest of its
// story (by published time, then ID) and whose former story IDs hold no
// articles, the usual case. For any other it makes the story what it
// would be had its copies come in published order, which depends only on
// what the story holds: settling it once, after the story's later copies
// in the batch are written too, gives the same. So the documents are
// written together and each story that needs it is settled once after
// them; only a document of a story, or naming a former ID, that a settle
// to come will merge into another waits for that settle, as it would
// have come after it.
type batch struct {
	store     *Store
	tx        *sql.Tx
	added     detente.Stats
	countries sqlstore.CountryArticles
	pending   []*detente.Document
	// latest holds the latest copy of each story of the transaction that
	// has stored or pending articles.
	latest map[string]copyAt
	// stored holds the stories that have stored articles, and so may have
	// stored primary events.
	stored map[string]bool
	// settles lists the stories to settle after pending is written, in
	// order, and unsettled their copies that are not the latest or name
	// former IDs with articles; merging holds those former IDs.
	settles   []string
	unsettled map[string][]*detente.Article
	merging   map[string]bool
}

// copyAt is where a copy stands in its story: its published time (as
// stored, to the microsecond) and ID.
type copyAt struct {
	published time.Time
	id        string
}

// before orders the copies of a story as SettleStory does.
func (c copyAt) before(o copyAt) bool {
	if n := c.published.Compare(o.published); n != 0 {
		return n < 0
	}
	return c.id < o.id
}

// write writes docs, skipping those stored before and repeats of one
// article, and adds what it stored to w.added and w.countries.
func (w *batch) write(ctx context.Context, docs []detente.Document) error {
	skip, err := w.state(ctx, docs)
	if err != nil {
		return err
	}
	w.unsettled, w.merging = map[string][]*detente.Article{}, map[string]bool{}
	for i := range docs {
		d := &docs[i]
		a := &d.Article
		if skip[a.ID] {
			continue
		}
		skip[a.ID] = true
		story := sqlstore.StoryOf(a)
		if w.merging[story] || slices.ContainsFunc(a.StoryAliases, func(id string) bool { return w.merging[id] }) {
			if err := w.settle(ctx); err != nil {
				return err
			}
		}
		me := copyAt{a.Published, a.ID}
		last, had := w.latest[story]
		unsettled := had && me.before(last)
		for _, alias := range a.StoryAliases {
			_, moved := w.latest[alias]
			unsettled = unsettled || moved
		}
		w.pending = append(w.pending, d)
		if unsettled {
			if w.unsettled[story] == nil {
				w.settles = append(w.settles, story)
			}
			w.unsettled[story] = append(w.unsettled[story], a)
			for _, alias := range a.StoryAliases {
				w.merging[alias] = true
			}
		}
		w.later(story, copyAt{a.Published.Truncate(time.Microsecond), a.ID})
	}
	return w.settle(ctx)
}

// settle writes the pending documents, then settles each story that
// needs it, once: with the earliest of its unsettled copies that was
// written (it is not the latest when any is not), and the former IDs
// of them all.
func (w *batch) settle(ctx context.Context) error {
	written, err := w.flush(ctx)
	if err != nil {
		return err
	}
	for _, story := range w.settles {
		var (
			first   *detente.Article
			aliases []string
		)
		for _, a := range w.unsettled[story] {
			if !written[a.ID] {
				continue
			}
			if first == nil || (copyAt{a.Published, a.ID}).before(copyAt{first.Published, first.ID}) {
				first = a
			}
			for _, alias := range a.StoryAliases {
				if !slices.Contains(aliases, alias) {
					aliases = append(aliases, alias)
				}
			}
		}
		if first == nil {
			continue
		}
		a := *first
		a.StoryAliases = aliases
		set, err := w.store.SettleStory(ctx, w.tx, &a, story)
		if err != nil {
			return fmt.Errorf("article %s (%s): %w", a.ID, a.URL, err)
		}
		w.added.Events += set.Events
		w.added.Stories += set.Stories
		// The articles stored under the former IDs moved to story.
		for _, alias := range aliases {
			if c, ok := w.latest[alias]; ok {
				w.later(story, c)
				delete(w.latest, alias)
				delete(w.stored, alias)
			}
		}
	}
	w.settles = nil
	clear(w.unsettled)
	clear(w.merging)
	return nil
}

// later makes c the latest copy of story if it is.
func (w *batch) later(story string, c copyAt) {
	if last, ok := w.latest[story]; !ok || last.before(c) {
		w.latest[story] = c
	}
}

// state reads, in one query, which articles of docs are stored and the
// latest copy of each story of docs and of their former IDs that has
// articles, and returns the stored articles' IDs. The stories table, whose
// primary key stays during BulkLoad, says which stories have articles, so
// that a new story costs no look-up in articles.
func (w *batch) state(ctx context.Context, docs []detente.Document) (map[string]bool, error) {
	ids := make([]string, len(docs))
	var stories []string
	for i := range docs {
		ids[i] = docs[i].Article.ID
		stories = append(append(stories, sqlstore.StoryOf(&docs[i].Article)), docs[i].Article.StoryAliases...)
	}
	rows, err := w.tx.QueryContext(ctx, `SELECT true, id, NULL::timestamptz, '' FROM articles WHERE id = ANY($1)
		UNION ALL SELECT false, s.id, l.published, l.id FROM stories s CROSS JOIN LATERAL
			(SELECT published, id FROM articles WHERE story_id = s.id ORDER BY published DESC, id DESC LIMIT 1) l
		WHERE s.id = ANY($2)`, ids, stories)
	if err != nil {
		return nil, fmt.Errorf("stored articles: %w", err)
	}
	defer rows.Close()
	skip := map[string]bool{}
	w.latest, w.stored = map[string]copyAt{}, map[string]bool{}
	for rows.Next() {
		var (
			article   bool
			id, last  string
			published sql.NullTime
		)
		if err := rows.Scan(&article, &id, &published, &last); err != nil {
			return nil, fmt.Errorf("stored articles: %w", err)
		}
		if article {
			skip[id] = true
		} else {
			w.latest[id] = copyAt{published.Time, last}
			w.stored[id] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stored articles: %w", err)
	}
	return skip, nil
}

// flush writes the pending documents, each unless its article is stored
// (by another writer meanwhile), and returns the IDs of those it wrote.
func (w *batch) flush(ctx context.Context) (map[string]bool, error) {
	docs := w.pending
	w.pending = nil
	if len(docs) == 0 {
		return nil, nil
	}
	written, err := w.articles(ctx, docs)
	if err != nil {
		return nil, fmt.Errorf("%d articles: %w", len(docs), err)
	}
	docs = slices.DeleteFunc(docs, func(d *detente.Document) bool { return !written[d.Article.ID] })
	if len(docs) == 0 {
		return written, nil
	}
	for _, d := range docs {
		w.added.Articles++
		w.added.Sentences += len(d.Sentences)
		w.countries.Add(d)
	}
	if err := w.writeBands(ctx, docs); err != nil {
		return nil, err
	}
	if err := w.stories(ctx, docs); err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	if err := w.sentences(ctx, docs); err != nil {
		return nil, fmt.Errorf("sentences: %w", err)
	}
	if err := w.events(ctx, docs); err != nil {
		return nil, err
	}
	for _, d := range docs {
		w.stored[sqlstore.StoryOf(&d.Article)] = true
	}
	return written, nil
}

// articles inserts the articles of docs, but those stored, and returns
// the IDs of those it inserted. It inserts them in the order of their IDs,
// so that two writers that insert some of the same articles (under
// different stories) wait for each other in one order, not in a deadlock.
func (w *batch) articles(ctx context.Context, docs []*detente.Document) (map[string]bool, error) {
	docs = slices.SortedFunc(slices.Values(docs), func(a, b *detente.Document) int {
		return strings.Compare(a.Article.ID, b.Article.ID)
	})
	rows := make([][]any, len(docs))
	for i, d := range docs {
		a := &d.Article
		rows[i] = []any{a.ID, a.URL, a.CanonicalURL, a.Site, a.Title, a.Byline, a.Published.UTC(), string(a.DateSource),
			a.Lang, a.Body, a.Fetched.UTC(), sqlstore.StoryOf(a), a.ContentHash, sqlscan.EncodeFingerprint(a.Fingerprint)}
	}
	from, args := unnest(rows, "text", "text", "text", "text", "text", "text", "timestamptz", "text",
		"text", "text", "timestamptz", "text", "text", "bytea")
	ids, err := sqlscan.Query(ctx, w.tx, sqlscan.String, `INSERT INTO articles (id, url, canonical_url, site, title, byline,
		published, date_source, lang, body, fetched, story_id, content_hash, fingerprint)
		SELECT * FROM `+from+` ON CONFLICT (id) DO NOTHING RETURNING id`, args...)
	if err != nil {
		return nil, err
	}
	written := make(map[string]bool, len(ids))
	for _, id := range ids {
		written[id] = true
	}
	return written, nil
}

// stories adds docs, articles just inserted, to their stories' rows (made
// when absent), and counts the stories made.
func (w *batch) stories(ctx context.Context, docs []*detente.Document) error {
	type add struct {
		articles int32
		first    time.Time
	}
	adds := map[string]*add{}
	var ids []string
	for _, d := range docs {
		story, published := sqlstore.StoryOf(&d.Article), d.Article.Published.UTC()
		if a := adds[story]; a != nil {
			a.articles++
			if published.Before(a.first) {
				a.first = published
			}
		} else {
			adds[story] = &add{1, published}
			ids = append(ids, story)
		}
	}
	sort.Strings(ids)
	n, first := make([]int32, len(ids)), make([]time.Time, len(ids))
	for i, id := range ids {
		n[i], first[i] = adds[id].articles, adds[id].first
	}
	rows, err := w.tx.QueryContext(ctx, `INSERT INTO stories (id, first_seen, articles)
		SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int[])
		ON CONFLICT (id) DO UPDATE SET articles = stories.articles + excluded.articles,
		first_seen = least(stories.first_seen, excluded.first_seen) RETURNING id, articles`, ids, first, n)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id       string
			articles int32
		)
		if err := rows.Scan(&id, &articles); err != nil {
			return err
		}
		if articles == adds[id].articles {
			w.added.Stories++
		}
	}
	return rows.Err()
}

// sentences inserts the sentences of docs, each with its article's month
// and day of publication (migrations 0190, 0290), whether it holds one of the
// document's events (migration 0210) and their pairs (migration 0240):
// events are written only with their article, so neither changes.
func (w *batch) sentences(ctx context.Context, docs []*detente.Document) error {
	var (
		article, text, pairs []string
		idx, start, end      []int32
		published            []time.Time
		hasEvent             []bool
	)
	for _, d := range docs {
		held := make(map[int][]string, len(d.Events))
		for _, e := range d.Events {
			if k := pairKey(e.Source.Country, e.Target.Country); !slices.Contains(held[e.SentenceIndex], k) {
				held[e.SentenceIndex] = append(held[e.SentenceIndex], k)
			}
		}
		for _, sn := range d.Sentences {
			article, text = append(article, d.Article.ID), append(text, sn.Text)
			idx, start, end = append(idx, int32(sn.Index)), append(start, int32(sn.Start)), append(end, int32(sn.End))
			published, hasEvent = append(published, d.Article.Published.UTC()), append(hasEvent, held[sn.Index] != nil)
			pairs = append(pairs, strings.Join(held[sn.Index], " "))
		}
	}
	if len(article) == 0 {
		return nil
	}
	_, err := w.tx.ExecContext(ctx, `INSERT INTO sentences (article_id, idx, text, start_byte, end_byte, month, day, has_event, pairs)
		SELECT a, i, t, s, e, publication_month(p), publication_day(p), h, string_to_array(nullif(k, ''), ' ')
		FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::int[], $6::timestamptz[], $7::bool[], $8::text[])
			AS u(a, i, t, s, e, p, h, k)`,
		article, idx, text, start, end, published, hasEvent, pairs)
	return err
}

// pairKey returns how the sentences' pairs (migration 0240) hold the
// undirected pair of countries a and b: the lesser by bytes first, joined
// by "-". Country codes hold no spaces.
func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "-" + b
}

// eventTypes are the types of sqlscan.EventColumns, then of is_primary,
// primary_id and counted.
var eventTypes = []string{"text", "date",
	"text", "text", "text", "text", "int", "int", "text",
	"text", "text", "text", "text", "int", "int", "text",
	"text", "text", "smallint", "float8", "text",
	"text", "text", "float8", "float8", "bool", "text",
	"bool", "bool", "text", "int", "int",
	"text", "float8", "jsonb", "text", "int", "text", "int",
	"text", "text",
	"bool", "text", "bool"}

// events stores the events of docs, articles just inserted, with the
// story semantics of WriteDocuments (sqlstore.StoryEvents), in docs'
// order: a few statements, one to read the stories' primary events when
// they have stored articles, one to bump the stored ones reported again,
// one to insert.
func (w *batch) events(ctx context.Context, docs []*detente.Document) error {
	var stored []string
	for _, d := range docs {
		if story := sqlstore.StoryOf(&d.Article); len(d.Events) > 0 && w.stored[story] && !slices.Contains(stored, story) {
			stored = append(stored, story)
		}
	}
	primaries := map[string]map[sqlstore.EventKey]string{}
	if len(stored) > 0 {
		rows, err := w.tx.QueryContext(ctx, `SELECT story_id, id, source_code, target_code, code FROM events
			WHERE story_id = ANY($1) AND is_primary`, stored)
		if err != nil {
			return fmt.Errorf("stories' events: %w", err)
		}
		if err := scanPrimaries(rows, primaries); err != nil {
			return fmt.Errorf("stories' events: %w", err)
		}
	}
	var (
		evs      []sqlstore.StoryEvent
		at       = map[string]int{} // where an event of evs is
		bumps    = map[string]int32{}
		bumped   []string
		misdated []string // events not dated on their article's day (migration 0200)
	)
	for _, d := range docs {
		story := sqlstore.StoryOf(&d.Article)
		if len(d.Events) == 0 {
			continue
		}
		p := primaries[story]
		if p == nil {
			p = map[sqlstore.EventKey]string{}
			primaries[story] = p
		}
		es, bump := sqlstore.StoryEvents(d, story, p)
		for _, id := range bump {
			if i, ok := at[id]; ok {
				evs[i].NumSources++
				continue
			}
			if bumps[id] == 0 {
				bumped = append(bumped, id)
			}
			bumps[id]++
		}
		published := startOfDay(d.Article.Published)
		for _, e := range es {
			at[e.ID] = len(evs)
			evs = append(evs, e)
			if !startOfDay(e.Date).Equal(published) {
				misdated = append(misdated, e.ID)
			}
			if e.Counted {
				w.added.Events++
			}
		}
	}
	if len(bumped) > 0 {
		sort.Strings(bumped)
		n := make([]int32, len(bumped))
		for i, id := range bumped {
			n[i] = bumps[id]
		}
		if _, err := w.tx.ExecContext(ctx, `UPDATE events SET num_sources = events.num_sources + b.n
			FROM unnest($1::text[], $2::int[]) AS b(id, n) WHERE events.id = b.id`, bumped, n); err != nil {
			return fmt.Errorf("count sources: %w", err)
		}
	}
	if len(evs) == 0 {
		return nil
	}
	rows := make([][]any, len(evs))
	for i := range evs {
		e := &evs[i]
		rows[i] = append(sqlscan.EventArgs(&e.Event, startOfDay(e.Date)), !e.Primary.Valid, e.Primary, e.Counted)
	}
	from, args := unnest(rows, eventTypes...)
	if _, err := w.tx.ExecContext(ctx, `INSERT INTO events (`+sqlscan.EventColumns+`, is_primary, primary_id, counted)
		SELECT * FROM `+from, args...); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	if len(misdated) > 0 {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO misdated_events (id) SELECT unnest($1::text[])
			ON CONFLICT DO NOTHING`, misdated); err != nil {
			return fmt.Errorf("misdated events: %w", err)
		}
	}
	return nil
}

// scanPrimaries reads rows of story_id, id, source_code, target_code,
// code of primary events into primaries, by story, and closes rows.
func scanPrimaries(rows *sql.Rows, primaries map[string]map[sqlstore.EventKey]string) error {
	defer rows.Close()
	for rows.Next() {
		var (
			story, id string
			k         sqlstore.EventKey
		)
		if err := rows.Scan(&story, &id, &k.Source, &k.Target, &k.Code); err != nil {
			return err
		}
		if primaries[story] == nil {
			primaries[story] = map[sqlstore.EventKey]string{}
		}
		primaries[story][k] = id
	}
	return rows.Err()
}

// unnest returns the FROM item unnest($1::t1[], $2::t2[], ...) of the
// given column types and its arguments, one array for each column, that
// make rows (each with a value for each type) into a table in one
// statement.
func unnest(rows [][]any, types ...string) (string, []any) {
	cols := make([]any, len(types))
	var b strings.Builder
	b.WriteString("unnest(")
	for c, t := range types {
		col := make([]any, len(rows))
		for r := range rows {
			col[r] = rows[r][c]
		}
		cols[c] = col
		if c > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d::%s[]", c+1, t)
	}
	b.WriteByte(')')
	return b.String(), cols
}

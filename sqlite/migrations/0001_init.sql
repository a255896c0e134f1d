-- Articles, their sentences, the events coded from them, the stories that
-- group wire copies, a key-value state table for sources and the pipeline,
-- and full-text indexes over sentences and article text.

CREATE TABLE articles (
	seq           INTEGER PRIMARY KEY, -- stable rowid for the full-text index
	id            TEXT NOT NULL UNIQUE,
	url           TEXT NOT NULL,
	canonical_url TEXT NOT NULL,
	site          TEXT NOT NULL,
	title         TEXT NOT NULL,
	byline        TEXT NOT NULL,
	published     TEXT NOT NULL, -- fixed-width RFC 3339 UTC: sorts as text
	date_source   TEXT NOT NULL,
	lang          TEXT NOT NULL,
	body          TEXT NOT NULL,
	fetched       TEXT NOT NULL,
	story_id      TEXT NOT NULL,
	content_hash  TEXT NOT NULL,
	fingerprint   BLOB           -- MinHash signature, little-endian uint64s
);
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_story ON articles (story_id);

CREATE TABLE sentences (
	id         INTEGER PRIMARY KEY, -- rowid for the full-text index
	article_id TEXT NOT NULL REFERENCES articles (id),
	idx        INTEGER NOT NULL,
	text       TEXT NOT NULL,
	start_byte INTEGER NOT NULL,
	end_byte   INTEGER NOT NULL,
	UNIQUE (article_id, idx)
);

CREATE TABLE stories (
	id         TEXT PRIMARY KEY,
	first_seen TEXT NOT NULL,
	articles   INTEGER NOT NULL
);

CREATE TABLE events (
	id                 TEXT PRIMARY KEY,
	day                TEXT NOT NULL, -- YYYY-MM-DD
	source_code        TEXT NOT NULL,
	source_country     TEXT NOT NULL,
	source_agent       TEXT NOT NULL,
	source_text        TEXT NOT NULL,
	source_start       INTEGER NOT NULL,
	source_end         INTEGER NOT NULL,
	source_entry       TEXT NOT NULL,
	target_code        TEXT NOT NULL,
	target_country     TEXT NOT NULL,
	target_agent       TEXT NOT NULL,
	target_text        TEXT NOT NULL,
	target_start       INTEGER NOT NULL,
	target_end         INTEGER NOT NULL,
	target_entry       TEXT NOT NULL,
	code               TEXT NOT NULL,
	root               TEXT NOT NULL,
	quad               INTEGER NOT NULL,
	goldstein          REAL NOT NULL,
	plover             TEXT NOT NULL,
	location_country   TEXT NOT NULL,
	location_place     TEXT NOT NULL,
	location_lat       REAL NOT NULL,
	location_lon       REAL NOT NULL,
	location_has_coord INTEGER NOT NULL,
	negated            INTEGER NOT NULL,
	hypothetical       INTEGER NOT NULL,
	trigger_text       TEXT NOT NULL,
	trigger_start      INTEGER NOT NULL,
	trigger_end        INTEGER NOT NULL,
	rule               TEXT NOT NULL,
	confidence         REAL NOT NULL,
	mediators          TEXT,          -- JSON array of actors, NULL when none
	article_id         TEXT NOT NULL REFERENCES articles (id),
	sentence_idx       INTEGER NOT NULL,
	story_id           TEXT NOT NULL,
	num_sources        INTEGER NOT NULL,
	is_primary         INTEGER NOT NULL,
	primary_id         TEXT,          -- for a further copy: the event it repeats
	counted            INTEGER NOT NULL, -- primary, not negated, not hypothetical
	coder_version      TEXT NOT NULL,
	dict_version       TEXT NOT NULL
);
CREATE INDEX events_day ON events (day, id);
CREATE INDEX events_pair ON events (source_country, target_country, day);
CREATE INDEX events_target ON events (target_country, day);
CREATE INDEX events_code ON events (code, day);
CREATE INDEX events_root ON events (root, day);
CREATE INDEX events_quad ON events (quad, day);
CREATE INDEX events_article ON events (article_id, sentence_idx);
CREATE INDEX events_story ON events (story_id);
-- At most one primary event per story and (source, target, code).
CREATE UNIQUE INDEX events_story_primary ON events (story_id, source_code, target_code, code) WHERE is_primary = 1;

CREATE TABLE state (
	key     TEXT PRIMARY KEY,
	value   BLOB NOT NULL,
	updated TEXT NOT NULL
);

-- External-content indexes: the text lives once, in sentences and articles.
CREATE VIRTUAL TABLE sentences_fts USING fts5 (
	text, content = 'sentences', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, body, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);

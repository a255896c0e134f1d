-- Articles, their sentences, the events coded from them, the stories that
-- group wire copies, a key-value state table for sources and the pipeline.
-- Full-text search uses generated tsvector columns with GIN indexes and the
-- 'simple' configuration (no stemming), like the SQLite store's FTS5.

CREATE TABLE articles (
	id            TEXT COLLATE "C" PRIMARY KEY,
	url           TEXT NOT NULL,
	canonical_url TEXT NOT NULL,
	site          TEXT NOT NULL,
	title         TEXT NOT NULL,
	byline        TEXT NOT NULL,
	published     TIMESTAMPTZ NOT NULL,
	date_source   TEXT NOT NULL,
	lang          TEXT NOT NULL,
	body          TEXT NOT NULL,
	fetched       TIMESTAMPTZ NOT NULL,
	story_id      TEXT NOT NULL,
	content_hash  TEXT NOT NULL,
	fingerprint   BYTEA, -- MinHash signature, little-endian uint64s
	tsv           TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED
);
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE sentences (
	article_id TEXT NOT NULL REFERENCES articles (id),
	idx        INTEGER NOT NULL,
	text       TEXT NOT NULL,
	start_byte INTEGER NOT NULL,
	end_byte   INTEGER NOT NULL,
	tsv        TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
	PRIMARY KEY (article_id, idx)
);
CREATE INDEX sentences_tsv ON sentences USING GIN (tsv);

CREATE TABLE stories (
	id         TEXT PRIMARY KEY,
	first_seen TIMESTAMPTZ NOT NULL,
	articles   INTEGER NOT NULL
);

CREATE TABLE events (
	id                 TEXT COLLATE "C" PRIMARY KEY,
	day                DATE NOT NULL,
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
	quad               SMALLINT NOT NULL,
	goldstein          DOUBLE PRECISION NOT NULL,
	plover             TEXT NOT NULL,
	location_country   TEXT NOT NULL,
	location_place     TEXT NOT NULL,
	location_lat       DOUBLE PRECISION NOT NULL,
	location_lon       DOUBLE PRECISION NOT NULL,
	location_has_coord BOOLEAN NOT NULL,
	negated            BOOLEAN NOT NULL,
	hypothetical       BOOLEAN NOT NULL,
	trigger_text       TEXT NOT NULL,
	trigger_start      INTEGER NOT NULL,
	trigger_end        INTEGER NOT NULL,
	rule               TEXT NOT NULL,
	confidence         DOUBLE PRECISION NOT NULL,
	mediators          JSONB,          -- actors, NULL when none
	article_id         TEXT NOT NULL REFERENCES articles (id),
	sentence_idx       INTEGER NOT NULL,
	story_id           TEXT NOT NULL,
	num_sources        INTEGER NOT NULL,
	is_primary         BOOLEAN NOT NULL,
	primary_id         TEXT,           -- for a further copy: the event it repeats
	counted            BOOLEAN NOT NULL, -- primary, not negated, not hypothetical
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
CREATE UNIQUE INDEX events_story_primary ON events (story_id, source_code, target_code, code) WHERE is_primary;

CREATE TABLE state (
	key     TEXT PRIMARY KEY,
	value   BYTEA NOT NULL,
	updated TIMESTAMPTZ NOT NULL
);

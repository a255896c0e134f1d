-- The story index shared by queue workers (package dedup/pgindex): the
-- articles of the dedup window with their MinHash signatures and stories,
-- and their LSH band keys. Rows older than two windows before the newest
-- article are pruned, so the tables hold days, not history.
CREATE TABLE story_index (
	article_id  TEXT COLLATE "C" PRIMARY KEY,
	story_id    TEXT NOT NULL,
	published   TIMESTAMPTZ NOT NULL,
	fingerprint BYTEA NOT NULL -- little-endian uint64s, as articles.fingerprint
);
CREATE INDEX story_index_published ON story_index (published);

-- A bucket (band_key) keeps at most the earliest and the latest article of
-- each story.
-- Its one index is on band_key: 64 rows an article make every index a
-- real cost, and pruning by age scans the table now and then.
CREATE TABLE story_bands (
	band_key   BIGINT NOT NULL,
	article_id TEXT COLLATE "C" NOT NULL,
	story_id   TEXT NOT NULL,
	published  TIMESTAMPTZ NOT NULL
);
CREATE INDEX story_bands_key ON story_bands (band_key);

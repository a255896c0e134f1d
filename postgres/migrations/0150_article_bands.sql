-- The LSH band keys of each article's fingerprint (dedup.BandKeys with the
-- default options, as signed integers), so that the recall of a late
-- article's window reads the articles that share a band with it, the only
-- ones the story index compares it to, instead of every fingerprint of
-- the window: that read was half the CPU of an ingest into a store of a
-- million events.
-- Rows are keyed by band and then by publication, so that a band's
-- articles of a window are one range of the key.
-- A store made before this migration has its articles' bands written by
-- the first Open after it (FillBands), in batches from the article that
-- article_bands_fill names (NULLs: from the start); the row goes once all
-- are written.

CREATE TABLE article_bands (
	key        BIGINT NOT NULL,
	published  TIMESTAMPTZ NOT NULL, -- the article's
	article_id TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (key, published, article_id)
);

CREATE TABLE article_bands_fill (published TIMESTAMPTZ, article_id TEXT COLLATE "C");
INSERT INTO article_bands_fill (published, article_id) VALUES (NULL, NULL);

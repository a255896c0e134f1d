-- The LSH band keys of each article's fingerprint (dedup.BandKeys with the
-- default options, as signed integers), so that the recall of a late
-- article's window reads the articles that share a band with it, the only
-- ones the story index compares it to, instead of every fingerprint of
-- the window: that read was half the CPU of an ingest into a store of a
-- million events.
-- Rows are keyed by band and then by the article's seq, which follows
-- publication time, so that a band's articles of a window are one range.
-- A store made before this migration has its articles' bands written by
-- the first Open after it (FillBands), in batches from the seq that
-- article_bands_fill holds (NULL: from the start); the row goes once all
-- are written.

CREATE TABLE article_bands (
	key INTEGER NOT NULL,
	seq INTEGER NOT NULL, -- articles.seq
	PRIMARY KEY (key, seq)
) WITHOUT ROWID;

CREATE TABLE article_bands_fill (after INTEGER);
INSERT INTO article_bands_fill (after) VALUES (NULL);

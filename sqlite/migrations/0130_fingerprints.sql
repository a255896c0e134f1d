-- The MinHash fingerprints of articles in a narrow table of their own, so
-- that warming or recalling the story index reads about a kilobyte per
-- article instead of each row's body: the fingerprint is the last column
-- of articles, after the body, so reading it read a page or more of each
-- article (recall was 47% of the ingest into a store of a million events;
-- this read 1.65x faster).
-- Rows are keyed by the article's seq, which follows publication time, so
-- a window of articles is a run of neighbouring pages. The fingerprints
-- stay in articles too: the table is a copy for this one read.
--
-- The index of articles by publication also covers story_id, the other
-- column the read needs, so that it does not touch the article row.

CREATE TABLE article_fingerprints (
	seq         INTEGER PRIMARY KEY, -- articles.seq
	fingerprint BLOB NOT NULL        -- as articles.fingerprint
);
INSERT INTO article_fingerprints (seq, fingerprint)
SELECT seq, fingerprint FROM articles WHERE fingerprint IS NOT NULL ORDER BY seq;

DROP INDEX articles_published;
CREATE INDEX articles_published ON articles (published, id, story_id);

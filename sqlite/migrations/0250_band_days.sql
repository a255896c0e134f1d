-- The band rows of articles lead with their day of publication (the days
-- from 1970-01-01 to their seq's second, bandDay in bands.go), then the key:
-- the rows a batch of new articles adds land in a few days' range of the
-- table, and a late article's recall reads the keys of its window's days,
-- again a few ranges. Keyed by band first, each of an article's 64 rows
-- was a page of its own, read and written back: at 1,000,000 events
-- (18 M band rows) writing them took a sixth of an ingest's time, and
-- recalling a late article's candidates a fifth.
CREATE TABLE article_bands_by_day (
	day INTEGER NOT NULL, -- (seq >> 24) / 86400
	key INTEGER NOT NULL,
	seq INTEGER NOT NULL, -- articles.seq
	PRIMARY KEY (day, key, seq)
) WITHOUT ROWID;
INSERT INTO article_bands_by_day (day, key, seq)
SELECT (seq >> 24) / 86400, key, seq FROM article_bands ORDER BY 1, 2, 3;
DROP TABLE article_bands;
ALTER TABLE article_bands_by_day RENAME TO article_bands;

-- The band rows of articles lead with their day of publication (days
-- from 1970-01-01 to its UTC day, bandDay in bands.go), then the key: the
-- rows a batch of new articles adds land in a few days' range of the
-- index, and a late article's recall reads the keys of its window's days,
-- again a few ranges. Keyed by band first, each of an article's 64 rows
-- went to a leaf page of its own: at 1,000,000 events (18 M band rows)
-- their insert was two thirds of the time a batch of the newest articles
-- took to write.
CREATE TABLE article_bands_by_day (
	day        INTEGER NOT NULL,
	key        BIGINT NOT NULL,
	published  TIMESTAMPTZ NOT NULL, -- the article's
	article_id TEXT COLLATE "C" NOT NULL
);
INSERT INTO article_bands_by_day (day, key, published, article_id)
SELECT floor(extract(epoch FROM published) / 86400)::integer, key, published, article_id
FROM article_bands ORDER BY 1, 2, 3, 4;
DROP TABLE article_bands;
ALTER TABLE article_bands_by_day RENAME TO article_bands;
ALTER TABLE article_bands ADD PRIMARY KEY (day, key, published, article_id);

-- Articles numbered by when they were published, as sentences are (0090),
-- so that a search of articles reads the newest matches first: an
-- article's seq is the second it was published, shifted left by 24 bits,
-- plus its rank among the articles of that second (sqlite/order.go); the
-- index is built again over the new numbers.

CREATE TEMP TABLE article_keys (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
INSERT INTO article_keys (old, new)
SELECT seq, (unixepoch(substr(published, 1, 19)) << 24)
	+ row_number() OVER (PARTITION BY substr(published, 1, 19) ORDER BY seq) - 1
FROM articles;

DROP TABLE articles_fts;
-- Old numbers are below 2^32, new ones of any day after 1970-01-01
-- 00:04:16 above it: no row takes a number another still holds.
UPDATE articles SET seq = (SELECT new FROM article_keys WHERE old = articles.seq);
DROP TABLE article_keys;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, body, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

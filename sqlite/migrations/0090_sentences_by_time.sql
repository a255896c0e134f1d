-- Sentences numbered by when their article was published, so that the
-- full-text index, which keeps its matches in rowid order, reads the
-- newest first and a page of a common word stops after the page instead of
-- gathering every match. A sentence's id is the second its article was
-- published, shifted left by 24 bits, plus its rank among the sentences of
-- that second (sqlite/order.go); the index is built again over the new ids.
--
-- Events record the ones whose day is not their article's publication day:
-- while there are none, a search of events may take the day of a
-- sentence from its id.

PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE sentence_keys (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
INSERT INTO sentence_keys (old, new)
SELECT s.id, (unixepoch(substr(a.published, 1, 19)) << 24)
	+ row_number() OVER (PARTITION BY substr(a.published, 1, 19) ORDER BY a.seq, s.idx) - 1
FROM sentences s JOIN articles a ON a.id = s.article_id;

DROP TABLE sentences_fts;
-- Old ids are below 2^32, new ones of any day after 1970-01-01 00:04:16
-- above it: no row takes an id another still holds.
UPDATE sentences SET id = (SELECT new FROM sentence_keys WHERE old = sentences.id);
UPDATE events SET sentence_id = (SELECT new FROM sentence_keys WHERE old = events.sentence_id)
WHERE sentence_id IS NOT NULL;
DROP TABLE sentence_keys;

CREATE VIRTUAL TABLE sentences_fts USING fts5 (
	text, content = 'sentences', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');

CREATE TABLE misdated_events (
	id TEXT PRIMARY KEY -- an event whose day is not its article's publication day (UTC)
);
INSERT INTO misdated_events (id)
SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE e.day <> substr(a.published, 1, 10);

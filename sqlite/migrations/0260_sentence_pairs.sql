-- The undirected pairs of countries of the events each sentence holds, as
-- a second column of the full-text index of the sentences with an event
-- (migration 0210), so that a search narrowed to a pair reads the matches
-- of its words and its pair together, FTS5 intersecting their lists. It
-- walked the word's matches newest first against the pair's sentences,
-- gathered first: on a store of a million events a common word and a pair
-- took 25-48 ms alone (bench scale's slowest searches), the same page read
-- from the index under 1 ms in SQLite's shell. A pair is one token
-- (pairToken in search.go): the length of the lesser code by bytes in two
-- digits, then both codes, lesser first, lower-cased ("03chnusa"). Every
-- event's pair is kept, whether the event counts or not, as that can
-- change (settle.go); a search checks the events of what it reads anyway.
-- Events are written only with their sentences' article, so a sentence's
-- pairs do not change.
ALTER TABLE sentences ADD COLUMN pairs TEXT;
UPDATE sentences SET pairs = p.pairs
FROM (SELECT sentence_id, group_concat(token, ' ') AS pairs
	FROM (SELECT DISTINCT sentence_id,
			printf('%02d', length(min(source_country, target_country))) ||
			lower(min(source_country, target_country)) || lower(max(source_country, target_country)) AS token
		FROM events WHERE sentence_id IS NOT NULL AND source_country <> '' AND target_country <> ''
		ORDER BY sentence_id, token)
	GROUP BY sentence_id) p
WHERE sentences.id = p.sentence_id;
DROP TABLE event_sentences_fts;
CREATE VIRTUAL TABLE event_sentences_fts USING fts5 (
	text, pairs, content = 'sentences', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO event_sentences_fts (rowid, text, pairs)
SELECT id, text, pairs FROM sentences WHERE id IN (SELECT sentence_id FROM events);
INSERT INTO event_sentences_fts (event_sentences_fts) VALUES ('optimize');

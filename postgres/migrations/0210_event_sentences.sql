-- A mark of the sentences that hold an event, about a fifth of them, in
-- the full-text index of sentences: one more lexeme, 'E', beside the month
-- of migration 0190 (no search of words makes it: 'simple' lowers them).
-- A search of events ANDs it to its terms, and the index returns only the
-- matches that have an event to join, where it returned every match and
-- the events were looked up for each only to drop most (bench scale,
-- 1,000,000 events: 4.6 M sentences, 1 M with an event). SQLite's store
-- keeps a second index for the same (its migration 0210). The writer sets
-- has_event as it inserts a sentence; events come only with their
-- article's sentences.

-- The full-text index goes while rows are written anew.
DROP INDEX sentences_tsv;
ALTER TABLE sentences ADD COLUMN has_event BOOLEAN NOT NULL DEFAULT false;
UPDATE sentences s SET has_event = true
FROM (SELECT DISTINCT article_id, sentence_idx FROM events) e
WHERE s.article_id = e.article_id AND s.idx = e.sentence_idx;
CREATE INDEX sentences_tsv ON sentences USING GIN
	((tsv || ('M' || month::text || CASE WHEN has_event THEN ' E' ELSE '' END)::tsvector));

-- A second full-text index of the sentences, of only those that hold an
-- event: about a fifth of them (bench scale, 1,000,000 events: 4.6 M
-- sentences, 1 M with an event). A search of events reads its matches
-- there, where every match has an event to join, instead of among every
-- sentence's, where most were read only to be dropped. SQLite's store
-- keeps such an index too (its migration 0210). It is partial, on a mark
-- the writer sets as it inserts a sentence (events come only with their
-- article's sentences), and holds what the index of 0190 does: a lexeme
-- E for the mark in that index instead cost the decoding of its million
-- postings at every search (a month span of "oil": 18-20 ms against
-- 3-4 ms).

-- The full-text index goes while rows are written anew.
DROP INDEX sentences_tsv;
ALTER TABLE sentences ADD COLUMN has_event BOOLEAN NOT NULL DEFAULT false;
UPDATE sentences s SET has_event = true
FROM (SELECT DISTINCT article_id, sentence_idx FROM events) e
WHERE s.article_id = e.article_id AND s.idx = e.sentence_idx;
CREATE INDEX sentences_tsv ON sentences USING GIN ((tsv || ('M' || month::text)::tsvector));
CREATE INDEX sentences_event_tsv ON sentences USING GIN ((tsv || ('M' || month::text)::tsvector)) WHERE has_event;

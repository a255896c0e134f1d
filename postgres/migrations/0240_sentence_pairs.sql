-- The undirected pairs of countries of the events each sentence holds,
-- as the second column of the full-text index of the sentences with an
-- event (migration 0210), so that a search narrowed to a pair reads the
-- matches of its words and its pair together, the index intersecting
-- their lists. It read the word's matches and joined each to its events,
-- or looked up each event of the pair: on a store of a million events
-- "oil" and the pair of China and the United States (24,763 events) took
-- 2.3-3.1 s, its 1,606 sentences of both 31 ms. A pair is its two codes,
-- the lesser first by bytes, joined by "-" (pairKey). Every event's pair
-- is kept, whether the event counts or not, as that can change
-- (settle.go): a search checks the events of what it reads anyway.
ALTER TABLE sentences ADD COLUMN pairs TEXT[];
DROP INDEX sentences_event_tsv;
UPDATE sentences s SET pairs = e.pairs
FROM (SELECT article_id, sentence_idx,
		array_agg(DISTINCT least(source_country COLLATE "C", target_country COLLATE "C") || '-' ||
			greatest(source_country COLLATE "C", target_country COLLATE "C")) AS pairs
	FROM events GROUP BY article_id, sentence_idx) e
WHERE s.article_id = e.article_id AND s.idx = e.sentence_idx;
CREATE INDEX sentences_event_tsv ON sentences USING GIN ((tsv || ('M' || month::text)::tsvector), pairs) WHERE has_event;

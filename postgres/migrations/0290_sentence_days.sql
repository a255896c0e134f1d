-- The day of publication of each sentence's article in the full-text
-- indexes of sentences, beside its month (migration 0190), so that a
-- search of a common word reads a few of its newest days of matches, not
-- a whole month of them (search.go, dayLexemes). The first span of months
-- could not be shorter than a month: on bench scale's store of a million
-- events, the events of "sanctions" in its newest month (1,600 sentences
-- with an event, for a page of 50) took 12 ms, those of its newest five
-- days 3 ms (warm, EXPLAIN ANALYZE); a month holds ten times as many
-- sentences at ten million events. A span's whole months are still read
-- by their months' lexemes, and the statistics of the months' lexemes
-- still size the spans (shares.go): a day's lexeme is too rare to be
-- among the index's most common elements.

-- Days since 1970-01-01, UTC.
CREATE FUNCTION publication_day(published TIMESTAMPTZ) RETURNS INTEGER
	LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
	$$SELECT floor(extract(epoch FROM published) / 86400)::integer$$;

-- The full-text indexes go while every row is written anew.
DROP INDEX sentences_tsv;
DROP INDEX sentences_event_tsv;
ALTER TABLE sentences ADD COLUMN day INTEGER;
UPDATE sentences s SET day = publication_day(a.published) FROM articles a WHERE a.id = s.article_id;
ALTER TABLE sentences ALTER COLUMN day SET NOT NULL;
-- A tsvector cast from text keeps each lexeme as it is written.
CREATE INDEX sentences_tsv ON sentences USING GIN ((tsv || ('M' || month::text || ' D' || day::text)::tsvector));
CREATE INDEX sentences_event_tsv ON sentences USING GIN ((tsv || ('M' || month::text || ' D' || day::text)::tsvector), pairs)
	WHERE has_event;
-- The statistics of the new indexes' expression, whose months' lexemes
-- size a search's spans, and of the rows written anew.
ANALYZE sentences;

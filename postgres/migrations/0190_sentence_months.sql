-- The month of publication of each sentence's article, so that a search
-- of sentences reads its newest matches first, a few months at a time,
-- where it read every match, joined each to its article and sorted them:
-- on a store of a million events a word of 8,639 matching sentences took
-- 0.33-0.47 s alone and 3-11 s under load (search.go, Sentences).
-- The month goes into the full-text index of sentences as one more
-- lexeme, 'M' and its number (months since year 0, UTC): the 'simple'
-- configuration lowers every word it indexes or searches, so no text
-- makes it. A search ANDs the lexemes of the months it reads, ORed, to
-- its own terms; the index then intersects their lists, with no extension
-- (btree_gin) needed. The index replaces the one of the words alone:
-- two cost 0.42-0.65x the rate of writing documents (BenchmarkWrite).

CREATE FUNCTION publication_month(published TIMESTAMPTZ) RETURNS INTEGER
	LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
	$$SELECT (date_part('year', published AT TIME ZONE 'UTC') * 12 + date_part('month', published AT TIME ZONE 'UTC') - 1)::integer$$;

-- The full-text index goes while every row is written anew.
DROP INDEX sentences_tsv;
ALTER TABLE sentences ADD COLUMN month INTEGER;
UPDATE sentences s SET month = publication_month(a.published) FROM articles a WHERE a.id = s.article_id;
ALTER TABLE sentences ALTER COLUMN month SET NOT NULL;
-- A tsvector cast from text keeps the lexeme as it is written.
CREATE INDEX sentences_tsv ON sentences USING GIN ((tsv || ('M' || month::text)::tsvector));

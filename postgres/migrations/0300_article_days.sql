-- The day of publication of each article in the full-text index of
-- articles, beside its month (migration 0230), as migration 0290 put it
-- in those of sentences: a search of a common word reads a few of its
-- newest days of articles, not a whole month of them (search.go,
-- NewestArticles). The index is of an expression of the article's own
-- columns, so no row is written anew.
DROP INDEX articles_tsv;
CREATE INDEX articles_tsv ON articles USING GIN
	((tsv || ('M' || publication_month(published)::text || ' D' || publication_day(published)::text)::tsvector));
-- The statistics of the new index's expression, by which the planner
-- estimates a search's matches.
ANALYZE articles;

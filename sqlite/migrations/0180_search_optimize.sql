-- Merges each full-text index into one segment (FTS5's optimize), as
-- BulkLoad now leaves it: a store filled by an earlier BulkLoad held its
-- index in many segments, and a search reads each word's matches from
-- every one of them. About 30 s at 1,000,000 events.
INSERT INTO sentences_fts (sentences_fts) VALUES ('optimize');
INSERT INTO articles_fts (articles_fts) VALUES ('optimize');

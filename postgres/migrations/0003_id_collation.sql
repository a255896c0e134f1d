-- Article IDs compare byte for byte everywhere: articles.id is COLLATE "C",
-- and a join with a column of another collation cannot use its index (a
-- common search walking articles read every sentence for each article).
ALTER TABLE sentences ALTER COLUMN article_id TYPE TEXT COLLATE "C";
ALTER TABLE events ALTER COLUMN article_id TYPE TEXT COLLATE "C";

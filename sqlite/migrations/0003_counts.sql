-- Running totals for Stats, kept by each write transaction, so that Stats
-- does not count millions of rows.
CREATE TABLE counts (
	name TEXT PRIMARY KEY,
	n    INTEGER NOT NULL
);
INSERT INTO counts (name, n) VALUES
	('articles', (SELECT count(*) FROM articles)),
	('sentences', (SELECT count(*) FROM sentences)),
	('events', (SELECT count(*) FROM events WHERE counted = 1)),
	('stories', (SELECT count(*) FROM stories));

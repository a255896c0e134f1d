-- Faster reads over millions of events.
--
-- Running totals for Stats: each write transaction appends one row of what
-- it added (appending keeps concurrent writers from queuing on one row);
-- Optimize folds the rows into one.
CREATE TABLE count_deltas (
	id        BIGSERIAL PRIMARY KEY,
	articles  BIGINT NOT NULL,
	sentences BIGINT NOT NULL,
	events    BIGINT NOT NULL,
	stories   BIGINT NOT NULL
);
INSERT INTO count_deltas (articles, sentences, events, stories) VALUES (
	(SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),
	(SELECT count(*) FROM events WHERE counted), (SELECT count(*) FROM stories));

-- Actor indexes cover the counted flag and the sort key, so that a pair's
-- page is chosen from the index alone and only its rows are read.
DROP INDEX events_pair;
CREATE INDEX events_pair ON events (source_country, target_country, counted, day, id);
DROP INDEX events_target;
CREATE INDEX events_target ON events (target_country, counted, day, id);

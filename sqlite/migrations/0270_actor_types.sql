-- The indexes of events by source and by target country carry each
-- event's type (root, quad class and code), so that a list of an actor's
-- events of a type checks the type in the index and reads only the rows
-- of its page: it looked up every event of the actor's, newest first,
-- until the page was full. At 1,000,000 events Russia's events of root 06
-- took 3.7-4 ms of CPU in SQLite's shell (17-65 ms with the file's pages
-- read in), the slowest of bench scale's lists of events; from the index,
-- under 0.5 ms. PostgreSQL's indexes by type carry the actors instead
-- (its migration 0220): SQLite's planner takes the actor's index, which
-- now covers the filter.
DROP INDEX events_source;
CREATE INDEX events_source ON events (source_country, counted, day, id, sentence_id, root, quad, code);
DROP INDEX events_target;
CREATE INDEX events_target ON events (target_country, counted, day, id, sentence_id, root, quad, code);

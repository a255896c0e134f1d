-- The pair page ranks a pair's newest events by sources and Goldstein
-- strength (TopEvents): the pair index carries num_sources and goldstein
-- too, so that the candidates of each direction are ranked from the index
-- alone, not from up to a thousand event rows per direction (sqlite3 over
-- a 200,000-event bench scale store, China–United States: 28–71 ms a
-- ranking, 8–11 ms of it CPU, before; 4–6 ms, 2–2.5 ms CPU, after).
DROP INDEX events_pair;
CREATE INDEX events_pair ON events (source_country, target_country, counted, day, id, sentence_id, num_sources, goldstein);

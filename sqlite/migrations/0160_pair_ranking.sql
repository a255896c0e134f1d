-- The pair page ranks a pair's newest events by sources and Goldstein
-- strength (TopEvents): the pair index carries num_sources and goldstein
-- too, so that the candidates of each direction are ranked from the index
-- alone, not from up to a thousand event rows per direction.
DROP INDEX events_pair;
CREATE INDEX events_pair ON events (source_country, target_country, counted, day, id, sentence_id, num_sources, goldstein);

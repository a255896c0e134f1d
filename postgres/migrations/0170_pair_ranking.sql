-- A pair's top events are its newest of each direction, read from the
-- pair index, ranked by num_sources and goldstein (TopEvents), and a
-- directed pair's alert events are ranked by them too: with both in the
-- index, those reads are index-only once a vacuum has set the visibility
-- map (Optimize), not a heap row read per candidate.
DROP INDEX events_pair;
CREATE INDEX events_pair ON events (source_country, target_country, counted, day, id) INCLUDE (num_sources, goldstein);

-- An undirected pair's events, either way, are one range of this index
-- (Dialect.Pair), in day order, where the two directions of events_pair
-- ORed were two ranges merged by bitmap and sorted: a page of a pair, or
-- of a pair and a common word, read every event of the pair first. It
-- carries num_sources and goldstein, as events_pair does, for the pair's
-- alert events.
CREATE INDEX events_either ON events (least(source_country, target_country), greatest(source_country, target_country),
	counted, day, id) INCLUDE (num_sources, goldstein);

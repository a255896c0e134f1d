-- The indexes of events by an actor's country carry the event's type
-- (root, quad, code), as the indexes by type carry the actors' countries
-- (migration 0220), so that a list of a country's events of a type can
-- walk the country's events and check each one's type in the index. Only
-- the walk of the type's events could check both in the index, and for a
-- rare country it checks many: on bench scale's store of a million
-- events, a page of 51 events of a source and a root took 2.3-3.1 ms on
-- average and up to 24 ms (the API's lists, one at a time), reading up to
-- 3,756 entries of the root's for a rarer source. SQLite's indexes carry
-- the type since its migration 0270.
DROP INDEX events_source;
CREATE INDEX events_source ON events (source_country, counted, day, id) INCLUDE (root, quad, code);
DROP INDEX events_target;
CREATE INDEX events_target ON events (target_country, counted, day, id) INCLUDE (root, quad, code);

-- Event lists come newest first, counted events only unless asked: the
-- filters source, root, code and quad get an index (filter, counted, day, id),
-- so that a page is read in order from the index and stops at its limit,
-- rather than sorting every event the filter selects. Without them, the
-- newest event of the store (which every dashboard page asks for) and a
-- list by source, root, code or quad cost a sort of that many events:
-- measured by "detente bench scale" on SQLite, 10 ms at 100,000 events for the
-- newest, 190 ms for a source and root; such sorts grow with the store.
CREATE INDEX events_counted ON events (counted, day, id);
CREATE INDEX events_source ON events (source_country, counted, day, id);
DROP INDEX events_root;
CREATE INDEX events_root ON events (root, counted, day, id);
DROP INDEX events_code;
CREATE INDEX events_code ON events (code, counted, day, id);
DROP INDEX events_quad;
CREATE INDEX events_quad ON events (quad, counted, day, id);

-- The indexes of events by type (root, code, quad) carry the actors'
-- countries and agents, so that a list of a type narrowed by an actor
-- (events of a root from a source, of a quad by an agent) checks each
-- event of the type in the index, not in the table: walking events_root
-- for "IND" and root 15 read 2,469 rows from the table for a page of 51
-- (bench scale, 1,000,000 events: 25-223 ms; from the index, once
-- vacuumed, 0.4-0.7 ms).
DROP INDEX events_root;
CREATE INDEX events_root ON events (root, counted, day, id) INCLUDE (source_country, target_country, source_agent, target_agent);
DROP INDEX events_code;
CREATE INDEX events_code ON events (code, counted, day, id) INCLUDE (source_country, target_country, source_agent, target_agent);
DROP INDEX events_quad;
CREATE INDEX events_quad ON events (quad, counted, day, id) INCLUDE (source_country, target_country, source_agent, target_agent);

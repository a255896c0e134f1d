-- The events dated otherwise than their article's day of publication
-- (UTC), as SQLite keeps them (its migration 0090). The coder dates every
-- event on its article's day, so this is almost always empty; while it is,
-- an event's month is its sentence's, and a search of events reads its
-- newest matches a span of months at a time from the full-text index of
-- sentences, which holds their month (0190; search.go, NewestEvents),
-- rather than every match joined to its events and sorted: on bench
-- scale's store of a million events a word of 15,000 matching sentences
-- took 90-180 ms alone that way.
CREATE TABLE misdated_events (
	id TEXT COLLATE "C" PRIMARY KEY
);
INSERT INTO misdated_events (id)
SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE e.day <> (a.published AT TIME ZONE 'UTC')::date;

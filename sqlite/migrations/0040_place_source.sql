-- Where each event's place was read from: 'sentence' (a place the event's
-- sentence names), 'dateline' (the dateline opening the sentence: where
-- the report was filed, not where the event happened) or 'none'. Events
-- stored before are filled from their sentence: the coder reads a place of
-- the sentence only after a preposition ("in", "off", "over"), so a place
-- that opens the sentence, followed by a dash, a comma or a parenthesis,
-- is a dateline.
ALTER TABLE events ADD COLUMN place_source TEXT NOT NULL DEFAULT '';

UPDATE events SET place_source = CASE
	WHEN location_place = '' THEN 'none'
	WHEN EXISTS (
		SELECT 1 FROM sentences s
		WHERE s.article_id = events.article_id AND s.idx = events.sentence_idx
			AND substr(s.text, 1, length(events.location_place)) = events.location_place
			AND (ltrim(substr(s.text, length(events.location_place) + 1)) LIKE '—%'
				OR ltrim(substr(s.text, length(events.location_place) + 1)) LIKE '–%'
				OR ltrim(substr(s.text, length(events.location_place) + 1)) LIKE '-%'
				OR ltrim(substr(s.text, length(events.location_place) + 1)) LIKE '(%'
				OR ltrim(substr(s.text, length(events.location_place) + 1)) LIKE ',%')
	) THEN 'dateline'
	ELSE 'sentence'
END;

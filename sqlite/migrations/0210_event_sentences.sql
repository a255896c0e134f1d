-- A second full-text index of the sentences, of only those that hold an
-- event: about a fifth of them. A search of events walks its matches
-- there, where every match is a candidate, instead of among every
-- sentence's, where most have no event to join (bench scale, 1,000,000
-- events: 4.6 M sentences, 1 M with an event). The writer adds a
-- sentence to it with its first event.
CREATE VIRTUAL TABLE event_sentences_fts USING fts5 (
	text, content = 'sentences', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO event_sentences_fts (rowid, text)
SELECT id, text FROM sentences WHERE id IN (SELECT sentence_id FROM events);
INSERT INTO event_sentences_fts (event_sentences_fts) VALUES ('optimize');

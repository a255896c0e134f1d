-- Pages accepted for ingest (pushed articles) and not yet settled by the
-- pipeline: a push is acknowledged only once its pages are here.
CREATE TABLE page_spool (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	url       TEXT NOT NULL,
	body      BLOB NOT NULL,
	is_text   INTEGER NOT NULL,
	header    TEXT NOT NULL,
	fetched   TEXT NOT NULL,
	title     TEXT NOT NULL,
	published TEXT NOT NULL,
	origin    TEXT NOT NULL,
	page_offset INTEGER NOT NULL
);

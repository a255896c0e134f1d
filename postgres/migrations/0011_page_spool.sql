-- Pages accepted for ingest (pushed articles) and not yet settled by the
-- pipeline: a push is acknowledged only once its pages are here.
CREATE TABLE page_spool (
	id          BIGSERIAL PRIMARY KEY,
	url         BYTEA NOT NULL, -- as pushed, NUL bytes included
	body        BYTEA NOT NULL,
	is_text     BOOLEAN NOT NULL,
	header      TEXT NOT NULL,
	fetched     TIMESTAMPTZ NOT NULL,
	title       BYTEA NOT NULL,
	published   TIMESTAMPTZ,
	origin      TEXT NOT NULL,
	page_offset BIGINT NOT NULL
);

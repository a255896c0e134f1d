-- Tension: the daily rollups and index of each country pair, the country
-- risk index, alerts, webhook subscriptions and the outbox of deliveries.
-- Owned by the tension package (see docs/tension.md).

-- One row per pair and day with counted events. pair is the pair's key:
-- "IRN-USA" (undirected) or "USA>IRN" (directed). st_* is the index state
-- at the end of the day, from which the days without events are derived.
CREATE TABLE tension_days (
	pair           TEXT NOT NULL,
	day            TEXT NOT NULL, -- YYYY-MM-DD
	q1             INTEGER NOT NULL,
	q2             INTEGER NOT NULL,
	q3             INTEGER NOT NULL,
	q4             INTEGER NOT NULL,
	events         INTEGER NOT NULL,
	weighted       REAL NOT NULL,
	weighted_sq    REAL NOT NULL,
	goldstein_sum  REAL NOT NULL,
	goldstein_sq   REAL NOT NULL,
	goldstein_mean REAL NOT NULL,
	stories        INTEGER NOT NULL,
	sources        INTEGER NOT NULL,
	idx            REAL NOT NULL,
	lower          REAL NOT NULL,
	upper          REAL NOT NULL,
	change         TEXT NOT NULL, -- '', 'escalation' or 'de-escalation'
	st_sum         REAL NOT NULL,
	st_weight      REAL NOT NULL,
	st_weight_sq   REAL NOT NULL,
	st_base        REAL NOT NULL,
	st_sigma       REAL NOT NULL,
	PRIMARY KEY (pair, day)
) WITHOUT ROWID;
CREATE INDEX tension_days_day ON tension_days (day, pair);

-- One row per country and day with articles involving it.
CREATE TABLE tension_country_days (
	country      TEXT NOT NULL,
	day          TEXT NOT NULL,
	articles     INTEGER NOT NULL,
	risk         INTEGER NOT NULL,
	risk_sum     REAL NOT NULL,
	articles_sum REAL NOT NULL,
	PRIMARY KEY (country, day)
) WITHOUT ROWID;

CREATE TABLE tension_alerts (
	id        TEXT PRIMARY KEY,
	pair      TEXT NOT NULL,
	direction TEXT NOT NULL,
	start     TEXT NOT NULL, -- YYYY-MM-DD
	detected  TEXT NOT NULL, -- YYYY-MM-DD
	magnitude REAL NOT NULL,
	before    REAL NOT NULL,
	after     REAL NOT NULL,
	event_ids TEXT NOT NULL, -- JSON array
	created   TEXT NOT NULL  -- fixed-width RFC 3339 UTC
);
CREATE INDEX tension_alerts_pair ON tension_alerts (pair, detected);
CREATE INDEX tension_alerts_detected ON tension_alerts (detected, id);

CREATE TABLE tension_subscriptions (
	id      TEXT PRIMARY KEY,
	pair    TEXT NOT NULL, -- '' for all pairs
	url     TEXT NOT NULL,
	secret  TEXT NOT NULL,
	created TEXT NOT NULL
);

-- The outbox: one row per alert and subscription. status is 'pending'
-- (due at next_at), 'sending' (claimed until next_at), 'done' or 'failed'.
CREATE TABLE tension_deliveries (
	id              TEXT PRIMARY KEY,
	alert_id        TEXT NOT NULL REFERENCES tension_alerts (id) ON DELETE CASCADE,
	subscription_id TEXT NOT NULL REFERENCES tension_subscriptions (id) ON DELETE CASCADE,
	status          TEXT NOT NULL,
	attempts        INTEGER NOT NULL,
	next_at         TEXT NOT NULL,
	last_error      TEXT NOT NULL,
	finished        TEXT NOT NULL
);
CREATE INDEX tension_deliveries_due ON tension_deliveries (status, next_at);
CREATE INDEX tension_deliveries_subscription ON tension_deliveries (subscription_id, status);

-- Tension: the daily rollups and index of each country pair, the country
-- risk index, alerts, webhook subscriptions and the outbox of deliveries.
-- Owned by the tension package (see docs/tension.md).

-- One row per pair and day with counted events. pair is the pair's key:
-- 'IRN-USA' (undirected) or 'USA>IRN' (directed). st_* is the index state
-- at the end of the day, from which the days without events are derived.
CREATE TABLE tension_days (
	pair           TEXT COLLATE "C" NOT NULL,
	day            DATE NOT NULL,
	q1             INTEGER NOT NULL,
	q2             INTEGER NOT NULL,
	q3             INTEGER NOT NULL,
	q4             INTEGER NOT NULL,
	events         INTEGER NOT NULL,
	weighted       DOUBLE PRECISION NOT NULL,
	weighted_sq    DOUBLE PRECISION NOT NULL,
	goldstein_sum  DOUBLE PRECISION NOT NULL,
	goldstein_sq   DOUBLE PRECISION NOT NULL,
	goldstein_mean DOUBLE PRECISION NOT NULL,
	stories        INTEGER NOT NULL,
	sources        INTEGER NOT NULL,
	idx            DOUBLE PRECISION NOT NULL,
	lower          DOUBLE PRECISION NOT NULL,
	upper          DOUBLE PRECISION NOT NULL,
	change         TEXT NOT NULL, -- '', 'escalation' or 'de-escalation'
	st_sum         DOUBLE PRECISION NOT NULL,
	st_weight      DOUBLE PRECISION NOT NULL,
	st_weight_sq   DOUBLE PRECISION NOT NULL,
	st_base        DOUBLE PRECISION NOT NULL,
	st_sigma       DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (pair, day)
);
CREATE INDEX tension_days_day ON tension_days (day, pair);

-- One row per country and day with articles involving it.
CREATE TABLE tension_country_days (
	country      TEXT COLLATE "C" NOT NULL,
	day          DATE NOT NULL,
	articles     INTEGER NOT NULL,
	risk         INTEGER NOT NULL,
	risk_sum     DOUBLE PRECISION NOT NULL,
	articles_sum DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (country, day)
);

CREATE TABLE tension_alerts (
	id        TEXT COLLATE "C" PRIMARY KEY,
	pair      TEXT COLLATE "C" NOT NULL,
	direction TEXT NOT NULL,
	start     DATE NOT NULL,
	detected  DATE NOT NULL,
	magnitude DOUBLE PRECISION NOT NULL,
	before    DOUBLE PRECISION NOT NULL,
	after     DOUBLE PRECISION NOT NULL,
	event_ids TEXT NOT NULL, -- JSON array
	created   TIMESTAMPTZ NOT NULL
);
CREATE INDEX tension_alerts_pair ON tension_alerts (pair, detected);
CREATE INDEX tension_alerts_detected ON tension_alerts (detected, id);

CREATE TABLE tension_subscriptions (
	id      TEXT COLLATE "C" PRIMARY KEY,
	pair    TEXT COLLATE "C" NOT NULL, -- '' for all pairs
	url     TEXT NOT NULL,
	secret  TEXT NOT NULL,
	created TIMESTAMPTZ NOT NULL
);

-- The outbox: one row per alert and subscription. status is 'pending'
-- (due at next_at), 'sending' (claimed until next_at), 'done' or 'failed'.
CREATE TABLE tension_deliveries (
	id              TEXT COLLATE "C" PRIMARY KEY,
	alert_id        TEXT NOT NULL REFERENCES tension_alerts (id) ON DELETE CASCADE,
	subscription_id TEXT NOT NULL REFERENCES tension_subscriptions (id) ON DELETE CASCADE,
	status          TEXT NOT NULL,
	attempts        INTEGER NOT NULL,
	next_at         TIMESTAMPTZ NOT NULL,
	last_error      TEXT NOT NULL,
	finished        TIMESTAMPTZ
);
CREATE INDEX tension_deliveries_due ON tension_deliveries (status, next_at);
CREATE INDEX tension_deliveries_subscription ON tension_deliveries (subscription_id, status);

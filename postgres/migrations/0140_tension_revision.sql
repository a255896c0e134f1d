-- A number every write of the tension tables (days, country days, alerts)
-- raises in its own transaction, as its last statement: a reader that
-- finds the number unchanged knows that what it computed from those tables
-- before still holds, such as the ranking of every pair, which reads every
-- pair's recent days. One row.
CREATE TABLE tension_revision (n BIGINT NOT NULL);
INSERT INTO tension_revision (n) VALUES (0);

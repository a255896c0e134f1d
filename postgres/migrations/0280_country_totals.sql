-- Each day of a country's index carries the country's counts of articles
-- and of risk articles up to that day, so that the baseline, the share of
-- risk articles over the country's whole history, is read from its last
-- day: one row, where the reads of the index summed every day of the
-- country (40 countries' indexes for the overview map after ten years of
-- days: 232-298 ms, against 11-13 ms after 90 days; now 11-14 ms after
-- either, BenchmarkCountryHistory). Filled from the days stored.
ALTER TABLE tension_country_days
	ADD COLUMN risk_total BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN articles_total BIGINT NOT NULL DEFAULT 0;
UPDATE tension_country_days d SET risk_total = t.risk_total, articles_total = t.articles_total
FROM (SELECT country, day, SUM(risk) OVER w AS risk_total, SUM(articles) OVER w AS articles_total
	FROM tension_country_days WINDOW w AS (PARTITION BY country ORDER BY day)) t
WHERE d.country = t.country AND d.day = t.day;

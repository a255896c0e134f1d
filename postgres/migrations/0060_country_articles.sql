-- Running counts of the articles about each country and day, kept by the
-- writes so that the country index's incremental update reads one row a
-- day instead of the day's events (see sqlstore.CountryArticles). An
-- article counts once for a country-day when one of its events involves
-- the country that day, negated and hypothetical events left out; risk
-- counts those with an event of a tension.RiskRoots root. Filled here from
-- the events stored before; a tension rebuild counts afresh.
CREATE TABLE country_articles (
	country  TEXT COLLATE "C" NOT NULL,
	day      DATE NOT NULL,
	articles INTEGER NOT NULL,
	risk     INTEGER NOT NULL,
	PRIMARY KEY (country, day)
);

INSERT INTO country_articles (country, day, articles, risk)
SELECT country, day, COUNT(DISTINCT article_id),
	COUNT(DISTINCT CASE WHEN root IN ('13','15','16','17','18','19','20') THEN article_id END)
FROM (SELECT source_country AS country, day, article_id, root FROM events
		WHERE NOT negated AND NOT hypothetical AND source_country <> ''
	UNION ALL SELECT target_country, day, article_id, root FROM events
		WHERE NOT negated AND NOT hypothetical AND target_country <> '') e
GROUP BY country, day;

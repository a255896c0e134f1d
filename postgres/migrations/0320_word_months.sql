-- Full-text indexes of sentences keyed by each word with its month of
-- publication, "word@month", beside those of words and month lexemes
-- (migrations 0190, 0290), so that a search's span of months reads the
-- lists of its words in those months alone. In the present indexes a
-- month's lexeme lists every sentence of its month, which a span's
-- statement intersects with its words' lists: on bench scale's store of a
-- million events, counting 1,000 matches of two words over six months
-- took 77-127 ms that way and 9-12 ms by word@month keys, a page of the
-- search page 100-113 ms against 10-11 ms (warm). Keys of days were
-- tried too: their index was 2.7 times the present one, and a span of
-- 182 days ORed 364 keys, slower than the months' lexemes. On that
-- store the three searches' 900 requests one at a time took 4.4-4.5 s of
-- PostgreSQL's time with these indexes, 5.8-6.6 s without; the indexes
-- took 2 min 32 s to build, hold 291 and 71 MB (those of words and
-- lexemes 213 and 58 MB), and documents are written at 0.89-0.92x the
-- rate without them (BenchmarkWriteDocuments).
--
-- A search's terms are rewritten for the span (month_query), and the
-- sentence's own tsvector is still checked: phrases and exclusions stay
-- exact. A word too long for a key with its month (a lexeme holds no more
-- than 2,047 bytes) is keyed by its MD5 sum, in the index and in the
-- query alike, so that such a sentence is still written and found.

-- The keys of the words of tsv in month (publication_month). PL/pgSQL
-- plans its statement once, where an SQL function with a subquery is not
-- inlined in an index's expression and runs as a new statement for every
-- row: on bench scale's store of a million events, the keys of 200,000
-- sentences took 2.1 s this way, 9.6 s as an SQL function.
CREATE FUNCTION word_months(tsv TSVECTOR, month INTEGER) RETURNS TSVECTOR
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS
	$$BEGIN
		RETURN array_to_tsvector(ARRAY(SELECT CASE WHEN octet_length(w) > 2000 THEN md5(w) ELSE w END || '@' || month::text
			FROM unnest(tsvector_to_array(tsv)) w));
	END$$;

-- The tsquery of the keys that a sentence of one of months holds when it
-- holds every word of the text words (to_tsvector's 'simple' lexemes, as
-- phraseto_tsquery reads them): each word's keys (word_months) ORed, the
-- words ANDed, their order not kept. A text of no word is the empty
-- query. Each key is quoted as tsquery reads a lexeme, its quotes and
-- backslashes doubled.
CREATE FUNCTION month_query(words TEXT, months INTEGER[]) RETURNS TSQUERY
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
	$$SELECT coalesce(string_agg('(' || (SELECT string_agg('''' || replace(replace(k, '\', '\\'), '''', '''''') || '''', ' | ')
			FROM unnest(months) m, unnest(tsvector_to_array(word_months(array_to_tsvector(ARRAY[w]), m))) k) || ')', ' & '), '')::tsquery
		FROM unnest(tsvector_to_array(to_tsvector('simple', words))) w$$;

CREATE INDEX sentences_word_months ON sentences USING GIN (word_months(tsv, month));
CREATE INDEX sentences_event_word_months ON sentences USING GIN (word_months(tsv, month)) WHERE has_event;
-- The statistics of the new indexes' expression.
ANALYZE sentences;

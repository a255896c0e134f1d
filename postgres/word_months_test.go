package postgres_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/postgres"
	"github.com/detente-project/detente/storetest"
)

// TestSpanMatch checks the condition of a span of days of a search
// (spanMatch) against the sentences' own tsvectors: for a word, two, a
// phrase and its words in an order never found, either of two,
// exclusions, and a word too long for a key with its month, over spans of
// whole months, of a month and days, of days alone and of part of a
// month, with an event or not, it finds the same sentences; a span of
// whole months reads the word-by-month indexes (migration 0320). So it is
// once the store is written, and again once migration 0320 has run on
// the written store.
func TestSpanMatch(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t, "spanmatch")
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.WriteDocuments(ctx, storetest.BenchDocs("spanmatch", 300)); err != nil { // three articles a day from 2025-01-01
		t.Fatal(err)
	}
	// A word of 2,045 bytes is a lexeme (to_tsvector keeps up to 2,047),
	// but not with its month: it goes into a sentence with an event of
	// 2025-02-03, and another sentence of that month ends in its prefix.
	long := strings.Repeat("x", 2045)
	for _, u := range []struct{ url, word string }{
		{"https://spanmatch.example/100", long},
		{"https://spanmatch.example/110", long[:40]},
	} {
		if _, err := s.DB().ExecContext(ctx, `UPDATE sentences SET text = text || ' ' || $1
			WHERE article_id = (SELECT id FROM articles WHERE url = $2) AND idx = 2`, u.word, u.url); err != nil {
			t.Fatalf("a sentence with a word of %d bytes: %v", len(u.word), err)
		}
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	checkSpans(t, s, "written", long)
	// Migration 0320 run again on the store builds the indexes from its
	// rows, where they were written row by row.
	s = migrateAgain(t, s, url, undoWordMonths)
	checkSpans(t, s, "migrated", long)
}

// undoWordMonths takes a store back to before migration 0320.
const undoWordMonths = `DROP INDEX sentences_word_months;
	DROP INDEX sentences_event_word_months;
	DROP FUNCTION month_query(text, integer[]);
	DROP FUNCTION word_months(tsvector, integer);
	DELETE FROM schema_migrations WHERE version = 320;
	`

// checkSpans is TestSpanMatch's check of the store s (when: as it was
// made), whose sentences hold the word long.
func checkSpans(t *testing.T, s *postgres.Store, when, long string) {
	t.Helper()
	ctx := context.Background()
	day := func(m time.Month, d int) int {
		day, _ := postgres.Unit(time.Date(2025, m, d, 12, 0, 0, 0, time.UTC))
		return day
	}
	spans := []struct {
		name   string
		hi, lo int
		months bool // read by the keys of its words in its months
	}{
		{"February", day(2, 28), day(2, 1), true},
		{"January and February", day(2, 28), day(1, 1), true},
		{"February and days of March", day(3, 3), day(2, 1), true},
		{"days of March", day(3, 5), day(3, 1), false},
		{"most of February", day(2, 20), day(2, 5), true},
	}
	// The bench's sentences hold every third of its words, in order and
	// round again: "talks" and "and" follow each other, never the other
	// way round.
	queries := []string{"officials", "talks continue", `"talks and"`, `"and talks"`, "minister OR zanzibar", "talks -2",
		`talks -"sentence 2"`, long, long[:40]}
	none := map[string]bool{`"and talks"`: true}
	found := map[string]int{}
	for _, sp := range spans {
		for _, events := range []bool{false, true} {
			for _, query := range queries {
				span, args, alone, aargs, err := postgres.SpanMatch(query, events, sp.hi, sp.lo)
				if err != nil {
					t.Fatal(err)
				}
				var got, want int
				if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM sentences s WHERE `+span, args...).Scan(&got); err != nil {
					t.Fatalf("%s: %s, %.40q: %v", when, sp.name, query, err)
				}
				n := len(aargs)
				if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM sentences s WHERE `+alone+
					` AND s.day BETWEEN $`+strconv.Itoa(n+1)+` AND $`+strconv.Itoa(n+2)+` AND (s.has_event OR NOT $`+strconv.Itoa(n+3)+`)`,
					append(aargs, sp.lo, sp.hi, events)...).Scan(&want); err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s: %s, %.40q (with an event: %v): the span's condition finds %d sentences, their tsvectors %d",
						when, sp.name, query, events, got, want)
				}
				found[query] += want
			}
			index := map[bool]string{false: "sentences_word_months", true: "sentences_event_word_months"}[events]
			span, args, _, _, err := postgres.SpanMatch("officials", events, sp.hi, sp.lo)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, s, "enable_seqscan", `SELECT count(*) FROM sentences s WHERE `+span, args...)
			if strings.Contains(plan, index) != sp.months {
				t.Errorf("%s: %s (with an event: %v): reads %s: %v, want %v:\n%s", when, sp.name, events, index, !sp.months, sp.months,
					plan)
			}
		}
	}
	for _, query := range queries {
		if (found[query] == 0) != none[query] {
			t.Errorf("%s: %.40q: %d sentences in the spans, want some: %v", when, query, found[query], !none[query])
		}
	}
}

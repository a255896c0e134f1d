package storetest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

var benchCountries = []string{"USA", "IRN", "ISR", "CHN", "TWN", "RUS", "UKR", "IND", "PAK", "SAU",
	"TUR", "SYR", "IRQ", "PRK", "KOR", "JPN", "GBR", "FRA", "DEU", "EGY"}

var benchCodes = []string{"010", "020", "036", "042", "046", "057", "111", "112", "130", "163", "173", "190"}

// BenchDocs returns n articles like real ones in size (12 sentences of
// about 25 words, six events) over 2025, three articles to a story, with
// IDs that start with prefix.
func BenchDocs(prefix string, n int) []detente.Document {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	words := strings.Fields("officials said the talks on security and trade would continue next week " +
		"after the minister met his counterpart in the capital amid rising tensions over the border")
	docs := make([]detente.Document, n)
	for i := range docs {
		sentences := make([]string, 12)
		for j := range sentences {
			var b strings.Builder
			fmt.Fprintf(&b, "Report %d sentence %d:", i, j)
			for k := range 24 {
				b.WriteString(" " + words[(i+j*7+k*3)%len(words)])
			}
			sentences[j] = b.String() + "."
		}
		var evs []ev
		for k := range 6 {
			src := benchCountries[(i+k)%len(benchCountries)]
			tgt := benchCountries[(i*7+k*3+1)%len(benchCountries)]
			if tgt == src {
				tgt = benchCountries[(i*7+k*3+2)%len(benchCountries)]
			}
			evs = append(evs, ev{k * 2, src + "GOV", tgt, benchCodes[(i+k*5)%len(benchCodes)], k == 5, false})
		}
		date := start.AddDate(0, 0, (i/3)%365).Format("2006-01-02")
		docs[i] = doc(fmt.Sprintf("https://%s.example/%d", prefix, i), fmt.Sprintf("%s-story-%d", prefix, i/3),
			date, sentences, evs...)
	}
	return docs
}

// BenchmarkWrite measures WriteDocuments in batches of 100 new articles,
// reporting docs/s.
func BenchmarkWrite(b *testing.B, s Store) {
	const batch = 100
	docs := BenchDocs("write", b.N*batch)
	b.ResetTimer()
	for i := range b.N {
		if err := s.WriteDocuments(context.Background(), docs[i*batch:(i+1)*batch]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "docs/s")
}

// benchEvents is how many events BenchmarkEvents loads:
// $DETENTE_BENCH_EVENTS, one million by default.
func benchEvents() int {
	if n, err := strconv.Atoi(os.Getenv("DETENTE_BENCH_EVENTS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// BenchmarkEvents loads about benchEvents events into s (six per article)
// and measures first pages of typical reads, sentence searches and Stats.
func BenchmarkEvents(b *testing.B, s Store) {
	ctx := context.Background()
	docs := benchEvents() / 6
	loadStart := time.Now()
	for i := 0; i < docs; i += 1000 {
		if err := s.WriteDocuments(ctx, BenchDocs(fmt.Sprintf("load%d", i), min(1000, docs-i))); err != nil {
			b.Fatal(err)
		}
	}
	if o, ok := s.(interface{ Optimize(context.Context) error }); ok {
		if err := o.Optimize(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("loaded %d articles (%d events) in %v", docs, docs*6, time.Since(loadStart).Round(time.Millisecond))
	var deep string
	{
		page, err := s.Events(ctx, detente.EventFilter{Limit: 1000})
		for range 20 {
			if err != nil || page.Next == "" {
				break
			}
			deep = page.Next
			page, err = s.Events(ctx, detente.EventFilter{Limit: 1000, Cursor: deep})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	year := [2]time.Time{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	for _, bb := range []struct {
		name string
		f    detente.EventFilter
	}{
		{"newest", detente.EventFilter{}},
		{"pair-year", detente.EventFilter{Pair: [2]string{"USA", "IRN"}, From: year[0], To: year[1]}},
		{"source-root", detente.EventFilter{Source: "CHN", Root: "11"}},
		{"month", detente.EventFilter{From: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}},
		{"query", detente.EventFilter{Query: "minister counterpart"}},
		{"query-rare", detente.EventFilter{Query: "Report 777"}},
		{"query-common", detente.EventFilter{Query: "the"}},
		{"page-20k", detente.EventFilter{Cursor: deep}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Events(ctx, bb.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, q := range []string{"minister counterpart", "Report 777", "the"} {
		b.Run("search/"+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.SearchSentences(ctx, q, detente.EventFilter{}, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Stats(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

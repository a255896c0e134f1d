package sqlite_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/tension"
)

// BenchmarkTensionSeries reads a one-year daily series of a pair with
// events on most days, among 50 pairs with ten years of days each: the
// read behind the API's series endpoint.
func BenchmarkTensionSeries(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "detente.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	t0 := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	countries := []string{"USA", "IRN", "CHN", "RUS", "UKR", "ISR", "IND", "PAK", "FRA", "DEU", "JPN", "KOR", "TWN", "TUR", "SYR", "IRQ", "SAU", "EGY", "GBR", "BRA", "OMN"}
	var pairs []detente.Pair
	for i := 0; i < len(countries) && len(pairs) < 50; i++ {
		for j := i + 1; j < len(countries) && len(pairs) < 50; j++ {
			pairs = append(pairs, detente.NewPair(countries[i], countries[j], false))
		}
	}
	for _, p := range pairs {
		var days []tension.Day
		for d := range 3650 {
			if rng.IntN(10) < 3 {
				continue
			}
			g := rng.NormFloat64() * 4
			days = append(days, tension.Day{TensionPoint: detente.TensionPoint{Pair: p, Day: t0.AddDate(0, 0, d),
				Events: 1, Weighted: 1, GoldsteinSum: g}, WeightedSq: 1, GoldsteinSq: g * g})
		}
		computed, _ := tension.Compute(days, tension.DefaultParams())
		if err := s.PutPairDays(ctx, computed); err != nil {
			b.Fatal(err)
		}
	}
	f := detente.SeriesFilter{Pair: pairs[0], From: t0.AddDate(8, 0, 0), To: t0.AddDate(9, 0, -1)}
	b.ResetTimer()
	for b.Loop() {
		pts, err := s.Series(ctx, f)
		if err != nil || len(pts) < 365 {
			b.Fatal(fmt.Sprint(len(pts), err))
		}
	}
}

// BenchmarkPairUpdateHistory measures the tension update of one new day
// of a pair (four articles, one event each) after 90 days, three years
// and ten years of days of that pair, each day with four events: the
// incremental update's cost should not grow with the pair's history.
func BenchmarkPairUpdateHistory(b *testing.B) {
	ctx := context.Background()
	t0 := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	quiet := slog.New(slog.DiscardHandler)
	for _, history := range []int{90, 3 * 365, 10 * 365} {
		b.Run(fmt.Sprintf("days=%d", history), func(b *testing.B) {
			s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "detente.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			rng := rand.New(rand.NewPCG(3, 4))
			var batch []detente.Document
			for d := range history {
				batch = append(batch, pairDay(rng, t0.AddDate(0, 0, d))...)
				if len(batch) >= 400 || d == history-1 {
					if err := s.WriteDocuments(ctx, batch); err != nil {
						b.Fatal(err)
					}
					batch = batch[:0]
				}
			}
			u := tension.NewUpdater(s, nil, tension.DefaultParams(), quiet)
			if _, err := u.Rebuild(ctx, s); err != nil {
				b.Fatal(err)
			}
			day := history
			var took time.Duration
			for b.Loop() {
				docs := pairDay(rng, t0.AddDate(0, 0, day))
				day++
				if err := s.WriteDocuments(ctx, docs); err != nil {
					b.Fatal(err)
				}
				var evs []detente.Event
				for _, d := range docs {
					evs = append(evs, d.Events...)
				}
				start := time.Now()
				if err := u.Update(ctx, evs); err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
			}
			b.ReportMetric(float64(took.Microseconds())/float64(b.N), "µs/update")
		})
	}
}

// pairDay returns four articles of one day, each with one event between
// the United States and Iran, cooperative or not.
func pairDay(rng *rand.Rand, day time.Time) []detente.Document {
	codes := []struct {
		code string
		g    float64
	}{{"042", 1.9}, {"036", 4}, {"112", -2}, {"173", -5}, {"190", -10}, {"057", 8}}
	var out []detente.Document
	for a := range 4 {
		url := fmt.Sprintf("https://news.example/%s/%d", day.Format(time.DateOnly), a)
		body := "Officials spoke about " + url + "."
		art := detente.Article{ID: detente.ArticleID(url, body), URL: url, CanonicalURL: url, Site: "news.example",
			Title: url, Published: day.Add(10 * time.Hour), DateSource: detente.DateFromMetadata, Lang: "en",
			Body: body, Fetched: day.Add(11 * time.Hour), StoryID: url, ContentHash: detente.ContentHash(body)}
		c := codes[rng.IntN(len(codes))]
		src, tgt := "USAGOV", "IRNGOV"
		if a%2 == 1 {
			src, tgt = tgt, src
		}
		actor := func(code string) detente.Actor {
			return detente.Actor{Code: code, Country: code[:3], Agent: code[3:], Text: code, End: len(code), Entry: "bench"}
		}
		out = append(out, detente.Document{Article: art,
			Sentences: []detente.Sentence{{ArticleID: art.ID, Text: body, End: len(body)}},
			Events: []detente.Event{{ID: detente.EventID(art.ID, 0, src, tgt, c.code), Date: day,
				Source: actor(src), Target: actor(tgt), Code: c.code, Root: c.code[:2], Quad: detente.QuadOf(c.code),
				Goldstein: c.g, Rule: "bench", Confidence: 1, ArticleID: art.ID, StoryID: url, NumSources: 1,
				CoderVersion: "bench", DictVersion: "bench"}}})
	}
	return out
}

package source

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

// BenchmarkWalkWARC streams a WARC of 1,000 pages; B/op per page staying
// flat as the file grows is the streaming property.
func BenchmarkWalkWARC(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			var recs []warcRecord
			body := "<html><body>" + strings.Repeat("<p>Paragraph of a news story about talks.</p>", 100) + "</body></html>"
			for i := range n {
				recs = append(recs, sampleRecords()[2])
				recs[i].uri = fmt.Sprintf("https://news.example/%d", i)
				recs[i].block = httpResponse("200 OK", "text/html", "", body)
			}
			path := writeWARC(b, b.TempDir(), "bench.warc.gz", true, recs)
			pages := 0
			for b.Loop() {
				err := Walk(context.Background(), []string{path}, Options{}, func(detente.Page) error {
					pages++
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkWalkJSONL streams a JSONL file of 10,000 records.
func BenchmarkWalkJSONL(b *testing.B) {
	var sb strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&sb, `{"url":"https://news.example/%d","title":"T","published":"2026-01-02","text":"%s"}`+"\n", i, strings.Repeat("Words of a story. ", 50))
	}
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	writeFile(b, path, []byte(sb.String()))
	pages := 0
	for b.Loop() {
		if err := Walk(context.Background(), []string{path}, Options{}, func(detente.Page) error { pages++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

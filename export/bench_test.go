package export_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/export"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

// BenchmarkExport measures each format over 60,000 events (events/s) and
// reports the heap in use after the export, which stays flat in the number
// of events because exports stream.
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const docs = 10000
	for i := 0; i < docs; i += 1000 {
		if err := s.WriteDocuments(ctx, storetest.BenchDocs(fmt.Sprintf("export%d", i), 1000)); err != nil {
			b.Fatal(err)
		}
	}
	f := detente.EventFilter{Uncounted: true}
	for _, format := range []struct {
		name string
		fn   func(context.Context, io.Writer, detente.Reader, detente.EventFilter) error
	}{{"csv", export.CSV}, {"jsonl", export.JSONL}, {"gdelt", export.GDELT}, {"parquet", export.Parquet}} {
		b.Run(format.name, func(b *testing.B) {
			for b.Loop() {
				if err := format.fn(ctx, io.Discard, s, f); err != nil {
					b.Fatal(err)
				}
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(b.N*docs*6)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MiB")
		})
	}
}

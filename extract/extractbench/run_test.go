package extractbench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// benchDir returns the shared benchmark folder, skipping the test when the
// repository is checked out without ../shared beside it.
func benchDir(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "..", "shared", "data", "extraction-benchmark")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		tb.Skipf("../shared absent: no extraction benchmark at %s", dir)
	}
	return dir
}

func TestRunDetenteNotBelowTrafilatura(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two extractors over 181 pages")
	}
	dir := benchDir(t)
	var out bytes.Buffer
	rep, err := Run(context.Background(), dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", out.String())
	d, ok1 := rep.Row("detente")
	g, ok2 := rep.Row("go-trafilatura")
	if !ok1 || !ok2 {
		t.Fatalf("report lacks a row: %+v", rep)
	}
	if d.Pages != 181 || g.Pages != 181 {
		t.Errorf("pages = %d, %d; want 181", d.Pages, g.Pages)
	}
	if d.F1 < g.F1-0.001 {
		t.Errorf("detente F1 %.4f below go-trafilatura F1 %.4f", d.F1, g.F1)
	}
	if g.F1 < 0.9 {
		t.Errorf("go-trafilatura F1 %.4f: the benchmark or the metric is broken", g.F1)
	}
}

func benchmarkExtractor(b *testing.B, x Extractor) {
	pages, err := Load(benchDir(b))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	n := 0
	for b.Loop() {
		x.Extract(ctx, pages[n%len(pages)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkDetente(b *testing.B)     { benchmarkExtractor(b, Detente()) }
func BenchmarkTrafilatura(b *testing.B) { benchmarkExtractor(b, Trafilatura()) }

package http

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/sqlite"
)

// demoSentence is a sentence of the bundled demo corpus that the browser
// test searches for.
const demoSentence = "Under the framework, Iran agreed to stop seizing commercial ships and the United States agreed to ease some sanctions."

// demoStore is the demo database: the bundled demo corpus ingested into a
// real SQLite store through the real pipeline (extractor, splitter, coder,
// story index and tension updater), as "detente demo" builds it.
func demoStore(t testing.TB) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/demo.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.NewStandard(ctx, st, pipeline.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := pipeline.RunPages(ctx, p, pages)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 0 || sum.Articles != len(pages) {
		t.Fatalf("demo ingest: %+v for %d pages", sum, len(pages))
	}
	return st
}

package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/dedup/wiretest"
	"github.com/detente-project/detente/internal/pgtest"
)

// TestWorkerStories: over PostgreSQL a worker's story index is the shared
// one, backfilled with the stored articles so that a new copy joins the
// story stored before; over SQLite it is the pipeline's in-memory one.
func TestWorkerStories(t *testing.T) {
	ctx := context.Background()
	docs, err := wiretest.Corpus(filepath.Join("..", "..", "dedup", "testdata", "wire"))
	if err != nil {
		t.Fatal(err)
	}
	st := pgtest.Open(t, "cmd")
	t0 := time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)
	var stored []detente.Document
	for i, d := range docs[:2] { // two copies of story a, stored by one process
		id := d.Name
		stored = append(stored, detente.Document{Article: detente.Article{ID: id, URL: "https://example.org/" + id,
			Title: id, Published: t0.Add(time.Duration(i) * time.Hour), Fetched: t0, Lang: "en", Body: d.Body,
			StoryID: "story-a", Fingerprint: dedup.Fingerprint(d.Body)}})
	}
	if err := st.WriteDocuments(ctx, stored); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, log: newLogger(&stderr)}
	idx, err := workerStories(ctx, e, st)
	if err != nil || idx == nil {
		t.Fatalf("workerStories over PostgreSQL = %v, %v; want the shared index", idx, err)
	}
	if !strings.Contains(stderr.String(), `"backfilled":2`) {
		t.Errorf("log does not report the 2 stored articles backfilled:\n%s", stderr.String())
	}
	third := &detente.Article{ID: docs[2].Name, Published: t0.Add(3 * time.Hour), Fingerprint: idx.Fingerprint(docs[2].Body)}
	if err := idx.Assign(ctx, []*detente.Article{third}); err != nil || third.StoryID != "story-a" {
		t.Errorf("a new copy went to story %q (%v), want story-a", third.StoryID, err)
	}

	lite, err := openStore(ctx, filepath.Join(t.TempDir(), "detente.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if idx, err := workerStories(ctx, e, lite); idx != nil || err != nil {
		t.Errorf("workerStories over SQLite = %v, %v; want none (in memory)", idx, err)
	}
}

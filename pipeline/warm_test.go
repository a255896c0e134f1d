package pipeline_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/dedup"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/sqlite"
)

// fingerprintReads counts the fingerprints a warm-up reads.
type fingerprintReads struct {
	*sqlite.Store
	read int
}

func (r *fingerprintReads) EachFingerprint(ctx context.Context, since time.Time,
	fn func(articleID, storyID string, published time.Time, fp []uint64) error) error {
	return r.Store.EachFingerprint(ctx, since, func(id, story string, published time.Time, fp []uint64) error {
		r.read++
		return fn(id, story, published, fp)
	})
}

// TestStoryIndexWarmsFromItsWindow checks that a new pipeline's story
// index holds the stored articles within two windows of the newest, and
// knows that an older article's copies must be recalled from the store.
func TestStoryIndexWarmsFromItsWindow(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	newest := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	var docs []detente.Document
	for i, ago := range []int{400, 60, 10, 7, 5, 1, 0} {
		body := fmt.Sprintf("Article %d says the talks between the two countries went on for %d days.", i, ago)
		a := detente.Article{ID: fmt.Sprintf("a%d", i), URL: fmt.Sprintf("https://example.com/%d", i), Body: body,
			Published: newest.AddDate(0, 0, -ago), Fingerprint: dedup.Fingerprint(body), StoryID: fmt.Sprintf("s%d", i)}
		docs = append(docs, detente.Document{Article: a})
	}
	if err := st.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	rec := &fingerprintReads{Store: st}
	cfg, err := pipeline.StandardConfig(ctx, rec, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rec.read != 3 {
		t.Errorf("warm-up read %d stored articles, want 3 (those within two windows of the newest)", rec.read)
	}
	warm, ok := cfg.Dedup.(pipeline.LocalDedup)
	if !ok {
		t.Fatalf("story index is %T, want pipeline.LocalDedup", cfg.Dedup)
	}
	if got := warm.Len(); got != 3 {
		t.Errorf("warmed index holds %d articles, want 3 (the last six days)", got)
	}
	if !warm.Late(newest.AddDate(0, 0, -10)) || warm.Late(newest) {
		t.Errorf("Late ten days before the newest %v, at the newest %v; want true, false",
			warm.Late(newest.AddDate(0, 0, -10)), warm.Late(newest))
	}
}

func TestStoryIndexWarmsEmptyStore(t *testing.T) {
	cfg, err := pipeline.StandardConfig(context.Background(), openStore(t), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := cfg.Dedup.(pipeline.LocalDedup).Len(); n != 0 {
		t.Errorf("index over an empty store holds %d articles", n)
	}
}

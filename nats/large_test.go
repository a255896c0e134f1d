package nats

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/nats-io/nats.go/jetstream"
)

// largeArticle is an article item of about n bytes: the test corpus's
// first article followed by numbered paragraphs of its own text.
func largeArticle(t *testing.T, n int) Item {
	t.Helper()
	it := articles(t)[0]
	rec := *it.Record
	var b strings.Builder
	b.WriteString(rec.Text)
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, "\n\nParagraph %d. %s", i, rec.Text)
	}
	rec.Text = b.String()
	return Item{Kind: KindArticle, Record: &rec}
}

// TestLargeArticleByReference: an article larger than a NATS message is
// queued by reference, stored whole by a worker, and its body is deleted
// once it is settled; enqueued again afterwards it is a duplicate that
// leaves no body behind.
func TestLargeArticleByReference(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	big := largeArticle(t, 3<<19)
	producer := openQueue(t, server, cfg)
	ctx := context.Background()
	got, err := producer.Enqueue(ctx, big, articles(t)[1])
	if err != nil {
		t.Fatalf("Enqueue of a %d-byte article: %v", len(big.Record.Text), err)
	}
	if got.Added != 2 {
		t.Fatalf("Enqueue = %+v, want 2 added", got)
	}
	obs, err := producer.objectStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := obs.GetInfo(ctx, big.ID()); err != nil {
		t.Fatalf("the large article's body is not in the object store: %v", err)
	}

	w := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Log: testLogger(t)}
	stop := start(t, w)
	drained(t, producer, 60*time.Second)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if c := w.Counts(); c.Acked != 2 {
		t.Errorf("worker counts %+v, want both items acked", c)
	}
	a, _, _, err := store.Article(ctx, detente.ArticleID(big.Record.URL, ""))
	if err != nil {
		t.Fatalf("the large article was not stored: %v", err)
	}
	if !strings.HasSuffix(strings.TrimSpace(a.Body), strings.TrimSpace(big.Record.Text[len(big.Record.Text)-200:])) {
		t.Errorf("stored body (%d bytes) does not end as the article does (%d bytes)", len(a.Body), len(big.Record.Text))
	}
	if _, err := obs.GetInfo(ctx, big.ID()); !errors.Is(err, jetstream.ErrObjectNotFound) {
		t.Errorf("body of the settled item still there (GetInfo: %v)", err)
	}

	again, err := producer.Enqueue(ctx, big)
	if err != nil {
		t.Fatal(err)
	}
	if again.Duplicates != 1 {
		t.Errorf("Enqueue again = %+v, want a duplicate", again)
	}
	if _, err := obs.GetInfo(ctx, big.ID()); !errors.Is(err, jetstream.ErrObjectNotFound) {
		t.Errorf("a duplicate enqueue left a body behind (GetInfo: %v)", err)
	}
}

// TestMissingBodyTerminated: an item by reference whose body is gone can
// never be done; it is terminated with an error, not retried or panicked
// on.
func TestMissingBodyTerminated(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	producer := openQueue(t, server, cfg)
	ref := Item{Kind: KindArticle, Ref: "article-00000000000000000000000000000000"}
	if _, err := producer.js.Publish(context.Background(), cfg.Subject+".article",
		[]byte(`{"kind":"article","ref":"`+ref.Ref+`"}`)); err != nil {
		t.Fatal(err)
	}
	w := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Log: testLogger(t)}
	stop := start(t, w)
	drained(t, producer, 30*time.Second)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if c := w.Counts(); c != (Counts{Terminated: 1}) {
		t.Errorf("worker counts %+v, want the item terminated", c)
	}
}

// TestOnlyArticlesGoByReference: a page item can never be too large for a
// message in practice, but if it were it is refused by name, not sent.
func TestOnlyArticlesGoByReference(t *testing.T) {
	q := &Queue{}
	_, _, err := q.byReference(context.Background(), Item{Kind: KindPage, URL: "https://a.example/"})
	if err == nil || !strings.Contains(err.Error(), "page item is larger than a message") {
		t.Errorf("byReference(page) = %v, want a refusal naming the kind", err)
	}
}

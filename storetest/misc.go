package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

func testState(t *testing.T, s Store) {
	ctx := context.Background()
	if v, ok, err := s.GetState(ctx, "feed:https://a.example/rss"); err != nil || ok || v != nil {
		t.Errorf("GetState(absent) = %q, %v, %v; want nothing", v, ok, err)
	}
	for _, v := range [][]byte{[]byte(`{"etag":"x1"}`), []byte(`{"etag":"x2"}`), {}, {0, 255, 1}} {
		if err := s.PutState(ctx, "feed:https://a.example/rss", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.GetState(ctx, "feed:https://a.example/rss")
		if err != nil || !ok || string(got) != string(v) {
			t.Errorf("GetState after PutState(%q) = %q, %v, %v", v, got, ok, err)
		}
	}
}

func testFingerprints(t *testing.T, s Store) {
	docs := Corpus()
	docs[4].Article.Fingerprint = nil
	write(t, s, docs...)
	var got []string
	err := s.EachFingerprint(context.Background(), day("2025-03-02"),
		func(id, story string, published time.Time, fp []uint64) error {
			got = append(got, story)
			for _, d := range docs {
				if d.Article.ID == id && (!reflect.DeepEqual(fp, d.Article.Fingerprint) || !published.Equal(d.Article.Published)) {
					t.Errorf("article %s: fingerprint %v at %v, want %v at %v", id, fp, published,
						d.Article.Fingerprint, d.Article.Published)
				}
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[s2 s3 s4]" {
		t.Errorf("EachFingerprint stories = %v, want [s2 s3 s4] (oldest first, none without one)", got)
	}
	stop := errors.New("stop")
	err = s.EachFingerprint(context.Background(), time.Time{}, func(string, string, time.Time, []uint64) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("EachFingerprint error = %v, want %v", err, stop)
	}
}

// testReadersDuringWrites reads while batches are written and checks that
// readers never fail and only ever see whole batches.
func testReadersDuringWrites(t *testing.T, s Store) {
	ctx := context.Background()
	const batches, perBatch = 20, 5
	docs := manyDocs("concurrent", batches*perBatch)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for r := range 4 {
		wg.Go(func() {
			last := 0
			deadline := time.Now().Add(time.Minute)
			for i := 0; i < 100000 && time.Now().Before(deadline); i++ {
				select {
				case <-done:
					return
				default:
				}
				st, err := s.Stats(ctx)
				if err != nil {
					t.Errorf("reader %d: Stats: %v", r, err)
					return
				}
				if st.Articles%perBatch != 0 || st.Articles < last || st.Events != 2*st.Articles {
					t.Errorf("reader %d saw part of a batch: %+v after %d articles", r, st, last)
					return
				}
				last = st.Articles
				if _, err := s.Events(ctx, detente.EventFilter{Query: "agreement", Limit: 10}); err != nil {
					t.Errorf("reader %d: Events: %v", r, err)
					return
				}
			}
		})
	}
	for b := range batches {
		write(t, s, docs[b*perBatch:(b+1)*perBatch]...)
	}
	close(done)
	wg.Wait()
	if st := stats(t, s); st.Articles != batches*perBatch {
		t.Errorf("Stats after writes = %+v, want %d articles", st, batches*perBatch)
	}
}

package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/dedup"
)

// FingerprintedDocs returns BenchDocs(prefix, n) with the fingerprints of
// their bodies, but for the eighth, which has none: a store written with
// them holds the band rows of every article but that one.
func FingerprintedDocs(prefix string, n int) []detente.Document {
	docs := BenchDocs(prefix, n)
	for i := range docs {
		if i != 7 {
			docs[i].Article.Fingerprint = dedup.Fingerprint(docs[i].Article.Body)
		}
	}
	return docs
}

// bandDoc is a document published at at with a real fingerprint of its
// body, the sentences.
func bandDoc(url, story string, at time.Time, sentences []string) detente.Document {
	d := doc(url, story, at.Format("2006-01-02"), sentences)
	d.Article.Published = at
	d.Article.Fingerprint = dedup.Fingerprint(d.Article.Body)
	return d
}

// testBandFingerprints checks EachBandFingerprint, the read of a late
// article's candidates: the articles of the window, its start included
// and its end not, that share a band key with the article, each once,
// oldest first, with their stories and fingerprints, those past the band
// rows' horizon too; not an unrelated article, nor a copy outside the
// window, nor an article without a fingerprint.
func testBandFingerprints(t *testing.T, s Store) {
	ctx := context.Background()
	wire := strings.Fields("Oman hosted talks between the envoys of Iran and the United States on Sunday " +
		"after weeks of rising tension over shipping in the Strait of Hormuz and the nuclear programme")
	story := strings.Join(wire, " ")
	copyOf := func(n int) []string { // the wire story, lightly edited
		return []string{fmt.Sprintf("MUSCAT (Agency %d) -", n), story, fmt.Sprintf("Reporting by desk %d.", n)}
	}
	t0 := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	docs := []detente.Document{
		bandDoc("https://wire.example/first", "first", t0, copyOf(1)),
		bandDoc("https://wire.example/second", "first", t0.Add(5*time.Hour), copyOf(2)),
		bandDoc("https://other.example/1", "other", t0.Add(time.Hour),
			[]string{"The central bank left interest rates unchanged and said inflation was easing slowly."}),
		bandDoc("https://wire.example/at-end", "first", t0.Add(10*time.Hour), copyOf(3)),
		bandDoc("https://wire.example/old", "old", t0.Add(-30*24*time.Hour), copyOf(4)),
		bandDoc("https://wire.example/bare", "bare", t0.Add(2*time.Hour), copyOf(5)),
		// Past the band rows' horizon: found by its fingerprint.
		bandDoc("https://wire.example/ancient", "ancient", t0.Add(-200*24*time.Hour), copyOf(6)),
	}
	docs[5].Article.Fingerprint = nil
	write(t, s, docs...)
	keys := dedup.BandKeys(dedup.Options{}, dedup.Fingerprint(strings.Join(copyOf(9), " ")))
	var got []string
	err := s.EachBandFingerprint(ctx, t0, t0.Add(10*time.Hour), keys,
		func(id, story string, published time.Time, fp []uint64) error {
			got = append(got, story)
			checkFingerprint(t, docs, id, published, fp)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"first", "first"}) {
		t.Errorf("EachBandFingerprint stories = %v, want [first first] (the two copies in the window, once each)", got)
	}
	got = nil
	// Over a month of days: a store that keys its band rows by day reads
	// each, the first as the last.
	err = s.EachBandFingerprint(ctx, t0.Add(-31*24*time.Hour), t0.Add(11*time.Hour), keys,
		func(_, story string, _ time.Time, _ []uint64) error {
			got = append(got, story)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"old", "first", "first", "first"}) {
		t.Errorf("EachBandFingerprint over 32 days = %v, want the four copies of those days, oldest first", got)
	}
	for _, w := range []struct {
		from, to time.Time
		want     []string
	}{
		{t0.Add(-201 * 24 * time.Hour), t0.Add(-199 * 24 * time.Hour), []string{"ancient"}},
		{t0.Add(-201 * 24 * time.Hour), t0.Add(11 * time.Hour), []string{"ancient", "old", "first", "first", "first"}},
	} {
		got = nil
		err = s.EachBandFingerprint(ctx, w.from, w.to, keys, func(id, story string, published time.Time, fp []uint64) error {
			got = append(got, story)
			checkFingerprint(t, docs, id, published, fp)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, w.want) {
			t.Errorf("EachBandFingerprint from %s to %s, past the band rows' horizon = %v, want %v", w.from, w.to, got, w.want)
		}
	}
	got = nil
	err = s.EachBandFingerprint(ctx, t0.Add(-40*24*time.Hour), t0.Add(24*time.Hour), keys[:1],
		func(id, _ string, _ time.Time, _ []uint64) error {
			got = append(got, id)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, i := range []int{4, 0, 1, 3} { // oldest first
		if slices.Contains(dedup.BandKeys(dedup.Options{}, docs[i].Article.Fingerprint), keys[0]) {
			want = append(want, docs[i].Article.ID)
		}
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("EachBandFingerprint of one key = %v, want %v (the copies with that key, oldest first)", got, want)
	}
	stop := errors.New("stop")
	err = s.EachBandFingerprint(ctx, t0, t0.Add(time.Hour), keys, func(string, string, time.Time, []uint64) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("EachBandFingerprint error = %v, want %v", err, stop)
	}
}

// BandStore is a store whose band rows BandHorizon checks.
type BandStore interface {
	Store
	PruneBands(ctx context.Context) (bool, error)
	Close() error
}

// BandSQL is what BandHorizon needs of a dialect: Open opens the store of
// the test (a new one at its first call, then the same again), Exec runs
// a statement on its database, and BandArticles returns the article ID
// of each band row, sorted.
type BandSQL struct {
	Open         func() (BandStore, error)
	Exec         func(s BandStore, query string) error
	BandArticles func(s BandStore) ([]string, error)
}

// BandHorizon writes an article, then one published 200 days later: both
// have their band rows until PruneBands deletes the first's, past the
// horizon; an article published between them, past it when written,
// gets none. A store whose rows reach past the horizon (one made before
// it, or left while the news moved on) sheds them when opened.
func BandHorizon(t *testing.T, b BandSQL) {
	ctx := context.Background()
	var s BandStore
	open := func() {
		t.Helper()
		if s != nil {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}
		var err error
		if s, err = b.Open(); err != nil {
			t.Fatal(err)
		}
	}
	open()
	defer func() { s.Close() }()
	docs := FingerprintedDocs("horizon", 3)
	t0 := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	for i, days := range []int{0, 200, 10} {
		docs[i].Article.Published = t0.AddDate(0, 0, days)
	}
	// rowsOf checks that the band rows are those of the articles ds.
	rowsOf := func(when string, ds ...detente.Document) {
		t.Helper()
		got, err := b.BandArticles(s)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, d := range ds {
			for range dedup.DefaultBands {
				want = append(want, d.Article.ID)
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: %d band rows, want the %d of %d articles", when, len(got), len(want), len(ds))
		}
	}
	do := func(query string) {
		t.Helper()
		if err := b.Exec(s, query); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	write(t, s, docs[0])
	rowsOf("after the first article", docs[0])
	do(`CREATE TABLE first_bands AS SELECT * FROM article_bands`)
	write(t, s, docs[1])
	rowsOf("after the second", docs[0], docs[1])
	if pruned, err := s.PruneBands(ctx); err != nil || !pruned {
		t.Fatalf("PruneBands = %v, %v; want true (the first article is past the horizon)", pruned, err)
	}
	rowsOf("pruned", docs[1])
	write(t, s, docs[2])
	rowsOf("after an article past the horizon", docs[1])
	do(`INSERT INTO article_bands SELECT * FROM first_bands`)
	open()
	rowsOf("opened again", docs[1])
}

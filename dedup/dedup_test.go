package dedup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// pairScores measures a grouping: precision and recall over pairs of
// articles, against the true stories.
func pairScores(docs []doc, got []string) (precision, recall float64) {
	tp, fp, fn := 0, 0, 0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			same, grouped := docs[i].story == docs[j].story, got[i] == got[j]
			switch {
			case same && grouped:
				tp++
			case grouped:
				fp++
			case same:
				fn++
			}
		}
	}
	precision, recall = 1, 1
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	return precision, recall
}

// group assigns every document in order and returns their story IDs.
func group(docs []doc, opts Options) []string {
	x := New(opts)
	t0 := time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = x.Assign(d.name, t0.Add(time.Duration(i)*time.Hour), x.Fingerprint(d.body))
	}
	return out
}

// TestTuning prints the precision/recall table behind the defaults and
// checks that the defaults group every copy and nothing else.
func TestTuning(t *testing.T) {
	docs := wireCorpus(t)
	var b strings.Builder
	fmt.Fprintf(&b, "shingle  bands×rows  threshold  precision  recall\n")
	for _, k := range []int{2, 3, 4, 5} {
		for _, band := range [][2]int{{32, 4}, {64, 2}} {
			for _, th := range []float64{0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7} {
				p, r := pairScores(docs, group(docs, Options{Shingle: k, Hashes: band[0] * band[1], Bands: band[0], Threshold: th}))
				fmt.Fprintf(&b, "%7d  %5d×%-4d  %9.2f  %9.3f  %6.3f\n", k, band[0], band[1], th, p, r)
			}
		}
	}
	t.Log("\n" + b.String())

	// Similarity margin per shingle size: lowest between copies, highest
	// between others.
	for _, k := range []int{2, 3, 4, 5} {
		x := New(Options{Shingle: k})
		lo, hi := 1.0, 0.0
		var loPair, hiPair string
		for i := range docs {
			for j := i + 1; j < len(docs); j++ {
				s := Similarity(x.Fingerprint(docs[i].body), x.Fingerprint(docs[j].body))
				if docs[i].story == docs[j].story && s < lo {
					lo, loPair = s, docs[i].name+"~"+docs[j].name
				}
				if docs[i].story != docs[j].story && s > hi {
					hi, hiPair = s, docs[i].name+"~"+docs[j].name
				}
			}
		}
		t.Logf("shingle %d: lowest copy similarity %.3f (%s), highest unrelated %.3f (%s)", k, lo, loPair, hi, hiPair)
	}

	p, r := pairScores(docs, group(docs, Options{}))
	if p != 1 || r != 1 {
		t.Errorf("defaults: precision %.3f recall %.3f, want 1 and 1", p, r)
	}
}

func TestAssign(t *testing.T) {
	a := readWire(t, "a.txt")
	c := readWire(t, "c.txt")
	wire := strings.Join(a, "\n\n")
	copyA := dress(1, a)
	other := strings.Join(c, "\n\n")
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	x := New(Options{})
	steps := []struct {
		id    string
		at    time.Duration
		body  string
		story string
	}{
		{"first", 0, wire, "first"},
		{"copy", 5 * time.Hour, copyA, "first"},
		{"unrelated", 6 * time.Hour, other, "unrelated"},
		{"late-copy", 71 * time.Hour, copyA, "first"},            // within 3 days of "first"
		{"earlier-copy", -70 * time.Hour, copyA, "earlier-copy"}, // within 3 days before: now the first copy
		{"stale-copy", -8 * 24 * time.Hour, copyA, "stale-copy"}, // outside every window
		{"empty", time.Hour, "", "empty"},
		{"empty-2", time.Hour, " . , ", "empty-2"},
		{"copy", 0, other, "earlier-copy"}, // already assigned: its story's ID now
	}
	for _, s := range steps {
		if got := x.Assign(s.id, t0.Add(s.at), x.Fingerprint(s.body)); got != s.story {
			t.Errorf("Assign(%s) = %s, want %s", s.id, got, s.story)
		}
	}
	if x.Len() != 8 {
		t.Errorf("Len = %d, want 8", x.Len())
	}
	if id, aliases := x.AssignStory("late-copy", t0, nil); id != "earlier-copy" || !slices.Equal(aliases, []string{"first"}) {
		t.Errorf("AssignStory(late-copy) = %s, %q; want earlier-copy, [first]", id, aliases)
	}
	if id, aliases := x.AssignStory("unrelated", t0, nil); id != "unrelated" || aliases != nil {
		t.Errorf("AssignStory(unrelated) = %s, %q; want unrelated and no former IDs", id, aliases)
	}
}

// TestLateArticle evicts a story's copies, then assigns a copy published
// in their window: Late says so, and once the stored copies are added
// back the copy joins their story, as it would have in published order.
func TestLateArticle(t *testing.T) {
	a := readWire(t, "a.txt")
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	x := New(Options{Keep: 1})
	first := Fingerprint(strings.Join(a, "\n\n"))
	x.Assign("first", t0, first)
	for i := range 300 { // ten days later: "first" is evicted
		x.Assign(fmt.Sprint("later-", i), t0.Add(240*time.Hour+time.Duration(i)*time.Minute), Fingerprint(fmt.Sprint("unrelated story ", i)))
	}
	if x.Late(t0.Add(24*time.Hour)) != true || x.Late(t0.Add(240*time.Hour)) != false {
		t.Fatalf("Late: a day after the evicted copy %v, ten days after %v; want true, false",
			x.Late(t0.Add(24*time.Hour)), x.Late(t0.Add(240*time.Hour)))
	}
	x.Add("first", "first", t0, first) // recalled from the store
	if got := x.Assign("copy", t0.Add(time.Hour), Fingerprint(dress(2, a))); got != "first" {
		t.Errorf("late copy in story %s, want first", got)
	}
}

// TestGap: an index warmed with the articles from t0 on lacks, for an
// article published an hour before t0, the hours of its window before
// t0; once those are recalled, an article an hour earlier still lacks
// only the one hour its window adds.
func TestGap(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	x := New(Options{})
	x.HeldSince(t0)
	w := x.Window()
	first, last, late := x.Gap(t0.Add(-time.Hour))
	if !late || !first.Equal(t0.Add(-time.Hour-w)) || !last.Equal(t0.Add(-time.Hour)) {
		t.Fatalf("Gap(t0-1h) = %s, %s, %v; want %s, %s, true", first, last, late, t0.Add(-time.Hour-w), t0.Add(-time.Hour))
	}
	x.Recalled(first, last)
	first, last, late = x.Gap(t0.Add(-2 * time.Hour))
	if want := t0.Add(-2*time.Hour - w); !late || !first.Equal(want) || !last.Equal(want) {
		t.Errorf("Gap(t0-2h) after recalling = %s, %s, %v; want the one hour %s", first, last, late, want)
	}
	if _, _, late := x.Gap(t0.Add(w)); late {
		t.Errorf("Gap(t0+window) is late; the index holds every article from t0 on")
	}
}

// TestStoryIDsIgnoreOrder assigns the wire corpus in several orders: each
// copy gets the ID of its story's earliest published copy every time.
func TestStoryIDsIgnoreOrder(t *testing.T) {
	docs := wireCorpus(t)
	t0 := time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)
	at := func(i int) time.Time { return t0.Add(time.Duration(i) * time.Hour) }
	assign := func(order []int) map[string]string {
		x := New(Options{})
		for _, i := range order {
			x.Assign(docs[i].name, at(i), x.Fingerprint(docs[i].body))
		}
		out := map[string]string{}
		for i, d := range docs { // already held: the story's ID now
			out[d.name] = x.Assign(d.name, at(i), nil)
		}
		return out
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	want := assign(order)
	first := map[string]string{} // story → its earliest copy
	for _, d := range docs {
		if _, ok := first[want[d.name]]; !ok {
			first[want[d.name]] = d.name
		}
	}
	for story, name := range first {
		if story != name {
			t.Errorf("story %s: its earliest copy is %s", story, name)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 5 {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		if trial == 0 {
			slices.Reverse(order)
		}
		got := assign(order)
		for name := range want {
			if got[name] != want[name] {
				t.Errorf("order %v: %s in story %s, in input order %s", order, name, got[name], want[name])
			}
		}
	}
}

func TestAddWarmsUp(t *testing.T) {
	a := readWire(t, "a.txt")
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	x := New(Options{})
	x.Add("stored", "story-7", t0, Fingerprint(strings.Join(a, "\n\n")))
	x.Add("stored", "story-8", t0, Fingerprint("ignored: the ID is held"))
	if got := x.Assign("new", t0.Add(time.Hour), Fingerprint(dress(2, a))); got != "story-7" {
		t.Errorf("Assign after Add = %s, want story-7", got)
	}
}

// TestAddUnderFormerID adds stored copies as a recall that reads only a
// late article's candidates does, in no set order: a copy stored under
// the story's former ID (the store moves it only when the renaming
// article is written) joins the renamed story, not a new one; and a story
// first known from a later copy learns its first copy's time when that
// copy is added, so that an article published before it still renames it.
func TestAddUnderFormerID(t *testing.T) {
	a := readWire(t, "a.txt")
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	x := New(Options{})
	x.Assign("first", t0, Fingerprint(strings.Join(a, "\n\n")))
	if got := x.Assign("earlier", t0.Add(-time.Hour), Fingerprint(dress(1, a))); got != "earlier" {
		t.Fatalf("earlier copy in story %s, want earlier", got)
	}
	x.Add("stored-copy", "first", t0.Add(time.Hour), Fingerprint(dress(2, a)))
	if id, aliases := x.AssignStory("stored-copy", t0, nil); id != "earlier" || !slices.Equal(aliases, []string{"first"}) {
		t.Errorf("copy stored under the former ID: story %s, former IDs %q; want earlier, [first]", id, aliases)
	}

	y := New(Options{})
	y.Add("later", "story", t0.Add(2*time.Hour), Fingerprint(dress(1, a)))
	y.Add("story", "story", t0, Fingerprint(strings.Join(a, "\n\n")))
	if got := y.Assign("before", t0.Add(-time.Hour), Fingerprint(dress(2, a))); got != "before" {
		t.Errorf("copy published before the story's first: story %s, want before (it renames the story)", got)
	}
}

func TestEviction(t *testing.T) {
	x := New(Options{Window: 24 * time.Hour, Keep: 1})
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 24 * 30 { // a month of hourly articles
		body := fmt.Sprintf("article %d about event %d in place %d", i, i*7, i*13)
		x.Assign(fmt.Sprint(i), t0.Add(time.Duration(i)*time.Hour), x.Fingerprint(body))
	}
	// Held: the last two windows (48 hours) and the article on the edge.
	if n := x.Len(); n < 48 || n > 50 {
		t.Errorf("Len = %d after a month, want about 48", n)
	}
	x.mu.Lock()
	buckets := len(x.buckets)
	x.mu.Unlock()
	if buckets > 50*x.opts.Bands {
		t.Errorf("%d buckets for %d articles", buckets, x.Len())
	}
}

// TestEvictionBackwards assigns a month of hourly articles newest first,
// each story told twice an hour apart: the index holds about two windows,
// as forwards, and every second copy still finds the first.
func TestEvictionBackwards(t *testing.T) {
	x := New(Options{Window: 24 * time.Hour, Keep: 1})
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const hours = 24 * 30
	for i := hours - 1; i >= 0; i-- {
		story := i / 2
		body := fmt.Sprintf("article about event %d in place %d with talks on %d", story*7, story*13, story*11)
		got := x.Assign(fmt.Sprint(i), t0.Add(time.Duration(i)*time.Hour), x.Fingerprint(body))
		if got != fmt.Sprint(i) { // the earliest copy so far: the story is named after it
			t.Fatalf("article %d in story %s, want its own", i, got)
		}
		if i%2 == 0 {
			if later := x.Assign(fmt.Sprint(i+1), time.Time{}, nil); later != fmt.Sprint(i) {
				t.Fatalf("article %d's copy %d is in story %s, want %d", i, i+1, later, i)
			}
		}
	}
	if n := x.Len(); n < 48 || n > 50 {
		t.Errorf("Len = %d after a month backwards, want about 48", n)
	}
	if x.Late(t0.Add(time.Hour)) {
		t.Errorf("Late for the oldest hour, which nothing evicted reaches")
	}
}

func TestDeterministic(t *testing.T) {
	docs := wireCorpus(t)
	first := group(docs, Options{})
	for range 3 {
		if got := group(docs, Options{}); strings.Join(got, ",") != strings.Join(first, ",") {
			t.Fatalf("grouping changed between runs:\n%v\n%v", first, got)
		}
	}
	// Fingerprints are stored: they must not change between versions
	// without notice. This pins the first values for a fixed text.
	fp := Fingerprint("Iran and the United States began talks in Muscat on Monday.")
	if len(fp) != DefaultHashes {
		t.Fatalf("len = %d", len(fp))
	}
	if got := fmt.Sprintf("%016x %016x", fp[0], fp[1]); got != pinnedFingerprint {
		t.Errorf("fingerprint starts %s, pinned %s: stored fingerprints would no longer match", got, pinnedFingerprint)
	}
}

func TestFingerprintNormalises(t *testing.T) {
	a := Fingerprint("Iran and the U.S. began talks in Muscat, Oman's capital.")
	b := Fingerprint("IRAN and the u.s. began  talks in Muscat — Oman's capital")
	if Similarity(a, b) != 1 {
		t.Errorf("case and punctuation changed the fingerprint: %.2f", Similarity(a, b))
	}
	if Fingerprint("") != nil || Fingerprint("...") != nil {
		t.Error("a body without words has a fingerprint")
	}
	if s := Similarity(Fingerprint("Téhéran accuse Washington"), Fingerprint("téhéran ACCUSE washington")); s != 1 {
		t.Errorf("non-ASCII case folding: %.2f", s)
	}
}

func BenchmarkFingerprint(b *testing.B) {
	docs := wireCorpus(b)
	bytes := 0
	for _, d := range docs {
		bytes += len(d.body)
	}
	b.SetBytes(int64(bytes / len(docs)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Fingerprint(docs[i%len(docs)].body)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkAssign(b *testing.B) {
	docs := wireCorpus(b)
	fps := make([][]uint64, len(docs))
	for i, d := range docs {
		fps[i] = Fingerprint(d.body)
	}
	x := New(Options{})
	t0 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	for i := 0; b.Loop(); i++ {
		x.Assign(fmt.Sprint(i), t0.Add(time.Duration(i)*time.Second), fps[i%len(fps)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

const pinnedFingerprint = "0645c4a174584638 0edbd30289924bc8"

package dedup

import (
	"math"
	"slices"
	"sync"
	"time"
)

// Options configure an Index. Zero fields take the tuned defaults (see the
// package documentation).
type Options struct {
	Shingle   int           // words per shingle; default 3
	Hashes    int           // MinHash functions; default 128, at most 512
	Bands     int           // LSH bands; Hashes/Bands rows each; default 64
	Threshold float64       // estimated Jaccard to join a story; default 0.25
	Window    time.Duration // only articles published within ±Window match; default 72h
	// Keep is how many articles the index holds at least, however far
	// in time: only beyond it are articles evicted (see the package
	// documentation); default 10,000 (about 16 MB).
	Keep int
}

// Defaults tuned on the wire-copy test set (see the package doc and
// TestTuning).
const (
	DefaultShingle   = 3
	DefaultHashes    = 128
	DefaultBands     = 64
	DefaultThreshold = 0.25
	DefaultWindow    = 72 * time.Hour
	DefaultKeep      = 10000
)

func (o Options) withDefaults() Options {
	if o.Shingle <= 0 {
		o.Shingle = DefaultShingle
	}
	if o.Hashes <= 0 {
		o.Hashes = DefaultHashes
	}
	o.Hashes = min(o.Hashes, maxHashes)
	if o.Bands <= 0 || o.Bands > o.Hashes {
		o.Bands = min(DefaultBands, o.Hashes)
	}
	for o.Hashes%o.Bands != 0 { // every band gets the same number of rows
		o.Bands--
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Window <= 0 {
		o.Window = DefaultWindow
	}
	if o.Keep <= 0 {
		o.Keep = DefaultKeep
	}
	return o
}

// entry is one indexed article.
type entry struct {
	id        string
	story     *story
	published time.Time
	fp        []uint64
	keys      []uint64 // the buckets it went into, to unlink it on eviction
}

// story is a story of the index: its ID is the ID of its earliest copy
// seen, by published time and then ID, so that it does not depend on the
// order copies come in.
type story struct {
	id string
	// first is the published time of the copy id names; zero when that
	// copy is not known (a story warmed up from stored articles whose
	// first copy is older than the window), which is then earlier than
	// any copy to come.
	first time.Time
	// aliases are the IDs the story had before, oldest first.
	aliases []string
	held    int // entries that point to it
}

// before says whether an article published at published with ID id is
// earlier than the story's first copy.
func (s *story) before(id string, published time.Time) bool {
	if s.first.IsZero() || !published.Equal(s.first) {
		return !s.first.IsZero() && published.Before(s.first)
	}
	return id < s.id
}

// Index groups articles into stories by near-duplicate bodies. It is safe
// for concurrent use, and deterministic: the same calls in the same order
// give the same stories.
type Index struct {
	opts Options
	mu   sync.Mutex
	byID map[string]*entry
	// stories maps the ID and the former IDs of each story held to it:
	// articles stored under a former ID (not yet moved by the store)
	// belong to the story, as do those of its current ID.
	stories map[string]*story
	buckets map[uint64][]*entry // band key → articles
	// arrived holds the entries in the order they came, for eviction;
	// evicted entries are dropped from its front.
	arrived []*entry
	// forgot counts the articles evicted by the hour they were published
	// in, and heldSince is the time before which none was loaded (see
	// HeldSince): an article whose window reaches them may have copies
	// the index no longer holds.
	forgot    map[int64]int
	heldSince time.Time
	// recalled are the hours whose stored articles were added back
	// (Recalled) since the last eviction from them.
	recalled map[int64]bool
}

// New returns an empty Index.
func New(opts Options) *Index {
	return &Index{
		opts:     opts.withDefaults(),
		byID:     map[string]*entry{},
		stories:  map[string]*story{},
		buckets:  map[uint64][]*entry{},
		forgot:   map[int64]int{},
		recalled: map[int64]bool{},
	}
}

// Fingerprint returns the MinHash signature of body with the default
// options: what Index.Fingerprint gives for an Index made with Options{}.
func Fingerprint(body string) []uint64 {
	return signature(body, DefaultShingle, DefaultHashes)
}

// Fingerprint returns the MinHash signature of body with the resolved o's
// shingle size and number of hashes; nil for a body without words.
func (o Options) Fingerprint(body string) []uint64 {
	o = o.withDefaults()
	return signature(body, o.Shingle, o.Hashes)
}

// Fingerprint returns the MinHash signature of body with this index's
// shingle size and number of hashes; nil for a body without words.
func (x *Index) Fingerprint(body string) []uint64 {
	return signature(body, x.opts.Shingle, x.opts.Hashes)
}

// Len is the number of articles held.
func (x *Index) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.byID)
}

// Assign returns the story of an article: the story of the most similar
// article published within the window whose estimated Jaccard similarity
// reaches the threshold, else a new story whose ID is articleID. Ties go
// to the earlier published article, then the smaller ID. The article is
// then indexed. Assigning an article ID already held returns its story.
// A fingerprint of the wrong length (an empty body) is never matched.
//
// A story's ID is the ID of its earliest copy, by published time and then
// ID: an article earlier than the first copy of the story it joins gives
// the story its own ID, and the story's former ID becomes one of its
// Aliases. So the story IDs do not depend on the order copies arrive in.
func (x *Index) Assign(articleID string, published time.Time, fp []uint64) string {
	id, _ := x.AssignStory(articleID, published, fp)
	return id
}

// AssignStory is Assign that also returns the IDs the story had before,
// oldest first: articles stored under them belong to the story (see
// "Story IDs" in the package documentation).
func (x *Index) AssignStory(articleID string, published time.Time, fp []uint64) (string, []string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if e, ok := x.byID[articleID]; ok {
		return e.story.id, slices.Clone(e.story.aliases)
	}
	keys := x.bandKeys(fp)
	var best *entry
	bestSim := 0.0
	seen := map[*entry]bool{}
	for _, k := range keys {
		for _, e := range x.buckets[k] {
			if seen[e] {
				continue
			}
			seen[e] = true
			if d := e.published.Sub(published); d > x.opts.Window || d < -x.opts.Window {
				continue
			}
			sim := Similarity(fp, e.fp)
			if sim < x.opts.Threshold {
				continue
			}
			if best == nil || sim > bestSim || (sim == bestSim && earlier(e, best)) {
				best, bestSim = e, sim
			}
		}
	}
	var st *story
	switch {
	case best == nil:
		st = x.story(articleID, articleID, published)
	case best.story.before(articleID, published):
		st = best.story
		st.aliases = append(st.aliases, st.id)
		st.id, st.first = articleID, published
		x.stories[st.id] = st // and still under its former IDs
	default:
		st = best.story
	}
	x.add(articleID, st, published, fp, keys)
	aliases := slices.Clone(st.aliases)
	x.evict(published)
	return st.id, aliases
}

// Add indexes an article whose story is already known, as when warming
// the index up from stored articles (oldest first), or recalling those
// of a Late article's window. An ID already held is left as it is. A
// story ID that a held story had before names that story, and a story
// whose first copy was unknown learns its time when that copy is added,
// so that stories come out the same whichever order their stored copies
// are added in. Add evicts nothing: the next Assign does.
func (x *Index) Add(articleID, storyID string, published time.Time, fp []uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.byID[articleID]; ok {
		return
	}
	x.add(articleID, x.story(storyID, articleID, published), published, fp, x.bandKeys(fp))
}

// Late reports whether an article published at t may have copies the
// index no longer holds: an article published within its window was
// evicted, or not loaded (see HeldSince). The caller then Adds the stored
// articles of Gap(t) before assigning it.
func (x *Index) Late(t time.Time) bool {
	_, _, late := x.Gap(t)
	return late
}

// Gap returns the hours of the window of an article published at t whose
// articles the index may not all hold, as the start of the first and of
// the last of them, and whether there are any. Articles of a feed read in
// order have windows that overlap most of the one before: the gap is the
// few hours they add, not the whole window.
func (x *Index) Gap(t time.Time) (first, last time.Time, late bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	since := hour(x.heldSince)
	if x.heldSince.IsZero() {
		if len(x.forgot) == 0 {
			return first, last, false // nothing was ever left out
		}
		since = math.MinInt64
	}
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for h := hour(t.Add(-x.opts.Window)); h <= hour(t.Add(x.opts.Window)); h++ {
		if (h < since || x.forgot[h] > 0) && !x.recalled[h] {
			lo, hi = min(lo, h), max(hi, h)
		}
	}
	if lo > hi {
		return first, last, false
	}
	return time.Unix(lo*3600, 0).UTC(), time.Unix(hi*3600, 0).UTC(), true
}

// Recalled tells the index that the stored articles published from from
// to to have been added back, so that Late does not ask for them again
// until one of them is evicted anew.
func (x *Index) Recalled(from, to time.Time) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for h := hour(from); h <= hour(to); h++ {
		x.recalled[h] = true
	}
}

// HeldSince tells the index that it was warmed up with the stored
// articles published at or after t only, so that Late knows the older
// ones are not held.
func (x *Index) HeldSince(t time.Time) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if t.After(x.heldSince) {
		x.heldSince = t
	}
}

// hour numbers the hour t falls in.
func hour(t time.Time) int64 { return t.Unix() / 3600 }

// Window returns the resolved window of the index's options.
func (x *Index) Window() time.Duration { return x.opts.Window }

// Options returns the index's resolved options.
func (x *Index) Options() Options { return x.opts }

// story returns the story held under id (its ID or a former one), or a
// new one that an article with ID articleID published at published opens:
// its first copy when it is the story's own ID, else an unknown one.
func (x *Index) story(id, articleID string, published time.Time) *story {
	if st, ok := x.stories[id]; ok {
		if st.id == articleID && st.first.IsZero() {
			st.first = published // its first copy, known at last
		}
		return st
	}
	st := &story{id: id}
	if id == articleID {
		st.first = published
	}
	x.stories[id] = st
	return st
}

func earlier(a, b *entry) bool {
	if !a.published.Equal(b.published) {
		return a.published.Before(b.published)
	}
	return a.id < b.id
}

// Resolved returns o with the tuned defaults in its zero fields: the
// options an Index made with o works with.
func (o Options) Resolved() Options { return o.withDefaults() }

// BandKeys hashes each band of rows of fp into an LSH bucket key, under
// the resolved o; none when fp does not have o's number of hashes. Two
// articles are compared when they share a key.
func BandKeys(o Options, fp []uint64) []uint64 {
	o = o.withDefaults()
	if len(fp) != o.Hashes {
		return nil
	}
	rows := o.Hashes / o.Bands
	keys := make([]uint64, o.Bands)
	for b := range keys {
		k := mix(uint64(b) + 1)
		for _, v := range fp[b*rows : (b+1)*rows] {
			k = mix(k ^ v)
		}
		keys[b] = k
	}
	return keys
}

func (x *Index) bandKeys(fp []uint64) []uint64 { return BandKeys(x.opts, fp) }

// add indexes an entry.
//
// A bucket keeps at most two articles per story, the earliest and the
// latest published: any of them would lead a match to the same story, and
// so a story with thousands of copies costs two comparisons per band, not
// thousands, while its whole time span stays reachable.
func (x *Index) add(id string, st *story, published time.Time, fp []uint64, keys []uint64) {
	e := &entry{id: id, story: st, published: published, fp: fp}
	st.held++
	x.byID[id] = e
	for _, k := range keys {
		if x.link(k, e) {
			e.keys = append(e.keys, k)
		}
	}
	x.arrived = append(x.arrived, e)
}

// evict drops, while the index holds more than Keep articles, the one
// that came first if it was published more than two windows from t, the
// article just assigned: it cannot match the copies that come next. Input
// in published order, forwards or backwards, then never needs what was
// evicted; what other orders need again is recalled (Late).
func (x *Index) evict(t time.Time) {
	for len(x.byID) > x.opts.Keep {
		e := x.arrived[0]
		if d := e.published.Sub(t); d <= 2*x.opts.Window && d >= -2*x.opts.Window {
			return
		}
		x.arrived[0] = nil
		x.arrived = x.arrived[1:]
		x.forgot[hour(e.published)]++
		delete(x.recalled, hour(e.published))
		x.remove(e)
	}
}

// link puts e in bucket k (see BucketSlot) and reports whether it went in.
func (x *Index) link(k uint64, e *entry) bool {
	b := x.buckets[k]
	i, ok := BucketSlot(b, e, func(o *entry) bool { return o.story == e.story }, earlier)
	switch {
	case !ok:
		return false
	case i < 0:
		x.buckets[k] = append(b, e)
	default:
		b[i] = e
	}
	return true
}

// BucketSlot says where an article me goes in an LSH bucket b that keeps
// at most the earliest and the latest article of each story: appended
// (-1, true) while its story has fewer than two there, in place of the
// earliest or the latest (i, true) when me extends the story's span, or
// not at all (false). sameStory tells the bucket's articles of me's story;
// earlier orders articles by publication, then ID, so that what a bucket
// keeps does not depend on the order articles came in. The in-memory
// index and the shared one (dedup/pgindex) keep their buckets by it.
func BucketSlot[T any](b []T, me T, sameStory func(T) bool, earlier func(a, b T) bool) (int, bool) {
	first, last := -1, -1
	for i, o := range b {
		if !sameStory(o) {
			continue
		}
		if first < 0 || earlier(o, b[first]) {
			first = i
		}
		if last < 0 || earlier(b[last], o) {
			last = i
		}
	}
	switch {
	case first < 0 || first == last:
		return -1, true
	case earlier(b[last], me):
		return last, true
	case earlier(me, b[first]):
		return first, true
	}
	return 0, false
}

func (x *Index) remove(e *entry) {
	delete(x.byID, e.id)
	st := e.story
	if st.held--; st.held == 0 {
		delete(x.stories, st.id)
		for _, alias := range st.aliases {
			if x.stories[alias] == st {
				delete(x.stories, alias)
			}
		}
	}
	for _, k := range e.keys {
		b := x.buckets[k]
		for i, o := range b {
			if o == e {
				b = append(b[:i], b[i+1:]...)
				break
			}
		}
		if len(b) == 0 {
			delete(x.buckets, k)
		} else {
			x.buckets[k] = b
		}
	}
}

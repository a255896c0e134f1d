package detente

import (
	"context"
	"time"
)

// Page is raw input for extraction: one fetched page or read file.
type Page struct {
	URL     string    // URL or file path it came from
	Body    []byte    // raw bytes, decompressed; HTML unless IsText
	IsText  bool      // Body is plain text, not HTML
	Header  string    // Content-Type as served, "" when unknown
	Fetched time.Time // when it was read, UTC
	// Hints carried by the source (a JSONL line, a feed item); empty when none.
	Title     string
	Published time.Time
	// Origin names the input the page came from (file, feed or archive) and
	// Offset the page's position in it (a WARC record's byte offset), -1
	// when it has none; together they let a bulk ingest resume.
	Origin string
	Offset int64
}

// Extractor turns a raw page into an article: title, byline, date,
// language and body without boilerplate.
type Extractor interface {
	Extract(ctx context.Context, p Page) (Article, error)
}

// Coder codes the political events of an article's sentences. It returns
// events with ArticleID and SentenceIndex set, actor and trigger spans
// relative to the sentence text, and Date set from the article.
type Coder interface {
	Code(a *Article, sentences []Sentence) []Event
}

// Document is an article with everything derived from it: the unit a store
// writes in one transaction.
type Document struct {
	Article   Article
	Sentences []Sentence
	Events    []Event
}

// DocumentWriter stores documents. Writing a document whose article ID is
// already stored changes nothing, so re-ingesting the same input is a no-op.
// Events of an article whose StoryID already holds an event with the same
// source, target and code are recorded as further sources of that event
// (its NumSources grows) rather than as new events.
type DocumentWriter interface {
	WriteDocuments(ctx context.Context, docs []Document) error
}

// Stats counts what a store holds.
type Stats struct {
	Articles  int `json:"articles"`
	Sentences int `json:"sentences"`
	Events    int `json:"events"`
	Stories   int `json:"stories"`
}

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	Source    string    // source country or IGO code, "USA"
	Target    string    // target country or IGO code
	Pair      [2]string // either direction between two countries; both empty for none
	Agent     string    // agent on either side, "MIL"
	Code      string    // exact CAMEO code, "046"
	Root      string    // CAMEO root, "04"
	Quad      QuadClass //
	From      time.Time // inclusive day
	To        time.Time // inclusive day
	Query     string    // full-text query over the sentence
	ArticleID string    //
	StoryID   string    //
	// Uncounted includes negated and hypothetical events, and the further
	// copies of events reported by several articles of one story.
	Uncounted bool
	Cursor    string // opaque position from a previous EventPage.Next
	Limit     int    // at most this many; a store applies a default and a maximum
}

// EventPage is one page of events, newest first, and the cursor of the next.
type EventPage struct {
	Events []Event
	Next   string // "" on the last page
}

// ArticleFilter selects articles. Zero fields do not filter.
type ArticleFilter struct {
	From    time.Time
	To      time.Time
	Query   string // full-text query over titles and bodies
	StoryID string
	Cursor  string
	Limit   int
}

// ArticlePage is one page of articles, newest first.
type ArticlePage struct {
	Articles []Article
	Next     string
}

// SentenceHit is a sentence found by a text search, with its article.
type SentenceHit struct {
	Sentence Sentence
	Title    string
	URL      string
	Site     string // the article's outlet
	StoryID  string // the article's story, shared by its wire copies
	Date     time.Time
	Snippet  string // the sentence with matches marked by [[ and ]]
}

// EventSentence is the sentence an event was coded from, with the title,
// URL and outlet of its article: what a list of events shows of each; and
// the article's byline and time of publication, which an event's page
// shows besides.
type EventSentence struct {
	Text      string
	Title     string
	URL       string
	Site      string
	Byline    string
	Published time.Time
}

// Reader is what the API, exports and dashboard read from a store.
type Reader interface {
	Stats(ctx context.Context) (Stats, error)
	Article(ctx context.Context, id string) (Article, []Sentence, []Event, error)
	// Articles returns a page of the articles f selects, each without
	// its body and fingerprint.
	Articles(ctx context.Context, f ArticleFilter) (ArticlePage, error)
	Event(ctx context.Context, id string) (Event, error)
	Events(ctx context.Context, f EventFilter) (EventPage, error)
	// NewestDay returns the day of the newest counted event, the first
	// that Events lists unfiltered; zero when there is none.
	NewestDay(ctx context.Context) (time.Time, error)
	// TopEvents returns the n most reported of the newest f.Limit events
	// f selects: most sources first, then the strongest Goldstein score,
	// then the newest.
	TopEvents(ctx context.Context, f EventFilter, n int) ([]Event, error)
	// EachEvent calls fn for every event that f selects, oldest first,
	// streaming, without f.Limit; it stops at fn's first error.
	EachEvent(ctx context.Context, f EventFilter, fn func(Event) error) error
	// EventsByID returns the stored events of ids in the order of ids,
	// read at once; IDs of no stored event are left out.
	EventsByID(ctx context.Context, ids []string) ([]Event, error)
	// EventSentences returns the sentence and article of each stored
	// event of ids, by event ID, read at once; IDs of no stored event are
	// left out.
	EventSentences(ctx context.Context, ids []string) (map[string]EventSentence, error)
	SearchSentences(ctx context.Context, query string, f EventFilter, limit int) ([]SentenceHit, error)
	// CountSentences counts the sentences SearchSentences would find,
	// up to limit, without reading them.
	CountSentences(ctx context.Context, query string, f EventFilter, limit int) (int, error)
}

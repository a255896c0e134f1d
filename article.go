package detente

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// DateSource says where an article's published time came from.
type DateSource string

// The places a published time may come from, most trusted first.
const (
	DateFromInput    DateSource = "input"    // given with the input (JSONL field, feed item)
	DateFromMetadata DateSource = "metadata" // the page's own metadata (meta tags, JSON-LD, <time>)
	DateFromURL      DateSource = "url"      // a date in the URL path
	DateFromFetch    DateSource = "fetch"    // nothing better: the time the page was fetched or read
)

// Article is one news article after extraction: its metadata and its body
// text without boilerplate.
type Article struct {
	ID           string     // stable: hash of the canonical URL, or of the body when there is no URL
	URL          string     // where it was read from (URL or file path)
	CanonicalURL string     // the page's canonical URL when it declares one
	Site         string     // site name or host
	Title        string     //
	Byline       string     // author(s)
	Published    time.Time  // UTC
	DateSource   DateSource // where Published came from
	Lang         string     // ISO 639-1 code, "" when unknown
	Body         string     // article text, paragraphs separated by "\n\n"
	Fetched      time.Time  // when detente read it, UTC
	StoryID      string     // dedup cluster: articles reporting the same story share it
	// StoryAliases are IDs the story had before this article's story index
	// gave it StoryID (a copy published earlier joined it): a store moves
	// the articles and events stored under them to StoryID. Not stored.
	StoryAliases []string `json:"-"`
	ContentHash  string   // hex SHA-256 of Body
	// Fingerprint is a MinHash signature of the body's word shingles, kept
	// so that later articles can be matched against this one's story.
	Fingerprint []uint64
}

// Sentence is one sentence of an article body.
type Sentence struct {
	ArticleID string
	Index     int    // 0-based position in the article
	Text      string // the sentence as it stands in the body
	Start     int    // byte offset of Text in Article.Body
	End       int    // byte offset just past Text in Article.Body
}

// ArticleID returns the stable ID of an article: a hash of its canonical
// URL when it has one, else of its body. Re-reading the same input gives the
// same ID, which is what makes ingestion idempotent.
func ArticleID(canonicalURL, body string) string {
	key := "url:" + canonicalURL
	if canonicalURL == "" {
		key = "body:" + body
	}
	return shortHash(key)
}

// ContentHash returns the hex SHA-256 of an article body.
func ContentHash(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:])
}

// shortHash is the first 16 bytes of a SHA-256, in hex: 128 bits keep IDs
// collision-free at any corpus size detente will see while staying short
// enough for URLs.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

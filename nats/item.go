package nats

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/detente-project/detente/source"
)

// Kind says what a work item holds.
type Kind string

// The kinds of work item.
const (
	KindPage    Kind = "page"    // a web page URL, fetched by the worker
	KindFeed    Kind = "feed"    // an RSS/Atom/JSON feed URL; each item's page is fetched
	KindWARC    Kind = "warc"    // a WARC file path readable by every worker
	KindArticle Kind = "article" // an article given as data
)

// maxItemBytes bounds one encoded item: the default NATS payload limit.
const maxItemBytes = 1 << 20

// Item is one unit of work on the queue, as JSON:
//
//	{"kind":"page","url":"https://..."}
//	{"kind":"warc","path":"/data/crawl-0001.warc.gz"}
//	{"kind":"article","record":{"url":"...","title":"...","published":"2026-01-02","text":"..."}}
//	{"kind":"article","ref":"article-3f2a..."}
//
// An article too large for one message travels by reference: Enqueue puts
// its record in the queue's object store under the item's ID and queues
// only the reference; the worker reads the record back and deletes it once
// the item is settled.
type Item struct {
	Kind   Kind           `json:"kind"`
	URL    string         `json:"url,omitempty"`    // page and feed
	Path   string         `json:"path,omitempty"`   // warc
	Record *source.Record `json:"record,omitempty"` // article
	Ref    string         `json:"ref,omitempty"`    // article whose record is in the object store
}

// wireItem is Item as decoded, the record kept raw so that
// source.ParseRecord validates it as it does a JSONL line.
type wireItem struct {
	Kind   Kind            `json:"kind"`
	URL    string          `json:"url"`
	Path   string          `json:"path"`
	Record json.RawMessage `json:"record"`
	Ref    string          `json:"ref"`
}

// DecodeItem decodes and validates one queued item. Unknown fields are
// refused: a misspelt field would otherwise silently drop its value.
func DecodeItem(data []byte) (Item, error) {
	if len(data) > maxItemBytes {
		return Item{}, fmt.Errorf("item is %d bytes, the limit is %d", len(data), maxItemBytes)
	}
	if !utf8.Valid(data) {
		return Item{}, errors.New("item is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w wireItem
	if err := dec.Decode(&w); err != nil {
		return Item{}, fmt.Errorf("decode item: %w", err)
	}
	if dec.More() {
		return Item{}, errors.New("decode item: data after the JSON object")
	}
	it := Item{Kind: w.Kind, URL: w.URL, Path: w.Path, Ref: w.Ref}
	if len(w.Record) > 0 && !bytes.Equal(bytes.TrimSpace(w.Record), []byte("null")) {
		r, err := source.ParseRecord(w.Record)
		if err != nil {
			return Item{}, fmt.Errorf("item record: %w", err)
		}
		it.Record = &r
	}
	if err := it.Validate(); err != nil {
		return Item{}, err
	}
	return it, nil
}

// Validate checks that the item has the one field its kind needs and no
// other.
func (it Item) Validate() error {
	hasURL, hasPath, hasRecord := it.URL != "", it.Path != "", it.Record != nil
	if it.Ref != "" && (it.Kind != KindArticle || hasURL || hasPath || hasRecord) {
		return errors.New(`"ref" goes only on an article item, instead of "record"`)
	}
	switch it.Kind {
	case KindPage, KindFeed:
		if !hasURL || hasPath || hasRecord {
			return fmt.Errorf("%s item needs \"url\" and nothing else", it.Kind)
		}
		u, err := url.Parse(it.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%s item: %q is not an absolute http(s) URL", it.Kind, it.URL)
		}
	case KindWARC:
		if !hasPath || hasURL || hasRecord {
			return errors.New(`warc item needs "path" and nothing else`)
		}
		p := strings.ToLower(it.Path)
		if !strings.HasSuffix(p, ".warc") && !strings.HasSuffix(p, ".warc.gz") {
			return fmt.Errorf("warc item: %q is not a .warc or .warc.gz file", it.Path)
		}
	case KindArticle:
		if it.Ref != "" {
			if !strings.HasPrefix(it.Ref, string(KindArticle)+"-") {
				return fmt.Errorf("article item: ref %q is not an article item's ID", it.Ref)
			}
			return nil
		}
		if !hasRecord || hasURL || hasPath {
			return errors.New(`article item needs "record" (or "ref") and nothing else`)
		}
		if strings.TrimSpace(it.Record.Text) == "" && strings.TrimSpace(it.Record.HTML) == "" {
			return errors.New(`article item: record needs "text" or "html"`)
		}
	default:
		return fmt.Errorf("unknown item kind %q (want page, feed, warc or article)", it.Kind)
	}
	return nil
}

// ID is the item's deterministic ID, sent as the Nats-Msg-Id header: the
// same item enqueued twice within the duplicate window is stored once. An
// item by reference has the ID of the item it stands for.
func (it Item) ID() string {
	if it.Ref != "" {
		return it.Ref
	}
	h := sha256.New()
	h.Write([]byte(it.Kind))
	h.Write([]byte{0})
	switch it.Kind {
	case KindArticle:
		if it.Record != nil {
			// Marshalling a struct is deterministic: fields in order.
			b, _ := json.Marshal(it.Record)
			h.Write(b)
		}
	case KindWARC:
		h.Write([]byte(it.Path))
	default:
		h.Write([]byte(it.URL))
	}
	return string(it.Kind) + "-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// input names the item in logs and errors.
func (it Item) input() string {
	switch {
	case it.URL != "":
		return it.URL
	case it.Path != "":
		return it.Path
	case it.Record != nil && it.Record.URL != "":
		return it.Record.URL
	}
	return it.ID()
}

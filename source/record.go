package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

// Record is one article given as data rather than fetched: a JSONL line or
// an item of a pushed body. Exactly one of Text and HTML is set.
type Record struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"` // RFC 3339, or a date "2006-01-02"
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// publishedLayouts are the forms accepted for Record.Published.
var publishedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"}

// ParseRecord decodes and validates one JSON object. Unknown fields are
// ignored, so richer corpora load as they are.
func ParseRecord(data []byte) (Record, error) {
	if i := invalidUTF8(data); i >= 0 {
		return Record{}, fmt.Errorf("invalid UTF-8 at byte %d", i)
	}
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		return Record{}, fmt.Errorf("decode JSON: %w", err)
	}
	if err := r.validate(); err != nil {
		return Record{}, err
	}
	return r, nil
}

// validate checks the fields that the pipeline relies on.
func (r Record) validate() error {
	hasText, hasHTML := strings.TrimSpace(r.Text) != "", strings.TrimSpace(r.HTML) != ""
	switch {
	case !hasText && !hasHTML:
		return errors.New(`one of "text" or "html" is required`)
	case hasText && hasHTML:
		return errors.New(`give "text" or "html", not both`)
	}
	if r.URL != "" {
		u, err := url.Parse(r.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf(`"url" %q is not an absolute http(s) URL`, r.URL)
		}
	}
	if _, err := r.published(); err != nil {
		return err
	}
	return nil
}

// published parses Published; zero when empty.
func (r Record) published() (time.Time, error) {
	s := strings.TrimSpace(r.Published)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range publishedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1800 || t.Year() > 2200 {
				return time.Time{}, fmt.Errorf(`"published" %q is out of range`, s)
			}
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf(`"published" %q is not RFC 3339 or YYYY-MM-DD`, s)
}

// Page turns a validated record into a page. A record without URL is named
// by where it came from (name), so errors can point back to it.
func (r Record) Page(name, origin string, offset int64, fetched time.Time) detente.Page {
	p := detente.Page{
		URL:     r.URL,
		Title:   strings.TrimSpace(r.Title),
		Fetched: fetched.UTC(),
		Origin:  origin,
		Offset:  offset,
	}
	if p.URL == "" {
		p.URL = name
	}
	p.Published, _ = r.published()
	if strings.TrimSpace(r.Text) != "" {
		p.Body, p.IsText, p.Header = []byte(r.Text), true, "text/plain; charset=utf-8"
	} else {
		p.Body, p.Header = []byte(r.HTML), "text/html; charset=utf-8"
	}
	return p
}

// invalidUTF8 returns the offset of the first invalid UTF-8 byte, or -1.
// JSON decoding would silently turn such bytes into U+FFFD.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// parsed is what the tests read out of one page's HTML, the way an
// extractor would find it.
type parsed struct {
	Title     string
	Canonical string
	Byline    string
	Published time.Time
	DateFrom  string   // "meta", "json-ld" or "time"
	Notice    string   // text of the visible synthetic-data notice
	Paras     []string // text of every <p>, in order
	Body      []string // text of the <p> in the article body container
	Style     string   // which site template the page uses, by its markers
}

// parse reads a page and fails when it lacks a title, a canonical link or
// a date in its metadata.
func parse(b []byte) (parsed, error) {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return parsed{}, fmt.Errorf("parse html: %w", err)
	}
	var (
		p                      parsed
		meta, jsonld, timeAttr string
		markers                = map[string]bool{}
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				p.Title = text(n)
			case "link":
				if attr(n, "rel") == "canonical" {
					p.Canonical = attr(n, "href")
				}
			case "meta":
				switch {
				case attr(n, "property") == "article:published_time":
					meta = attr(n, "content")
				case attr(n, "name") == "author":
					p.Byline = attr(n, "content")
				}
			case "script":
				if attr(n, "type") == "application/ld+json" {
					jsonld = text(n)
				}
			case "time":
				if timeAttr == "" {
					timeAttr = attr(n, "datetime")
				}
			case "p":
				p.Paras = append(p.Paras, text(n))
				if n.Parent != nil && bodyClass[attr(n.Parent, "class")] {
					p.Body = append(p.Body, text(n))
				}
			}
			for _, c := range strings.Fields(attr(n, "class") + " " + attr(n, "id")) {
				markers[c] = true
			}
			if attr(n, "class") == "author" && p.Byline == "" {
				p.Byline = text(n)
			}
			if strings.Contains(attr(n, "class"), "synthetic-notice") {
				p.Notice = text(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	p.Style = style(markers)
	if p.Title == "" || p.Canonical == "" {
		return p, fmt.Errorf("title %q, canonical %q: want both", p.Title, p.Canonical)
	}
	date, from, err := pickDate(meta, jsonld, timeAttr)
	if err != nil {
		return p, err
	}
	p.Published, p.DateFrom = date, from
	if p.Byline == "" {
		p.Byline = ldAuthor(jsonld)
	}
	if p.Byline == "" {
		return p, fmt.Errorf("no byline")
	}
	return p, nil
}

// bodyClass holds the class of the element around the article's paragraphs
// in each site template.
var bodyClass = map[string]bool{"story-body": true, "entry-content": true, "body": true, "text": true}

// pickDate takes the page's date from the most explicit metadata it has.
func pickDate(meta, jsonld, timeAttr string) (time.Time, string, error) {
	from, raw := "meta", meta
	if raw == "" && jsonld != "" {
		var ld struct {
			DatePublished string `json:"datePublished"`
		}
		if err := json.Unmarshal([]byte(jsonld), &ld); err != nil {
			return time.Time{}, "", fmt.Errorf("json-ld: %w", err)
		}
		from, raw = "json-ld", ld.DatePublished
	}
	if raw == "" {
		from, raw = "time", timeAttr
	}
	if raw == "" {
		return time.Time{}, "", fmt.Errorf("no date in metadata")
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("%s date: %w", from, err)
	}
	return t.UTC(), from, nil
}

// ldAuthor returns the author's name from JSON-LD, "" when it has none.
func ldAuthor(jsonld string) string {
	var ld struct {
		Author struct {
			Name string `json:"name"`
		} `json:"author"`
	}
	if json.Unmarshal([]byte(jsonld), &ld) != nil {
		return ""
	}
	return ld.Author.Name
}

// style names the site template by the markup only it has.
func style(m map[string]bool) string {
	switch {
	case m["comment-respond"] && m["author-info"]:
		return "wordpress"
	case m["cookie-banner"] && m["share-bar"] && m["related"]:
		return "news"
	case m["magazine"]:
		return "magazine"
	case m["wire-header"]:
		return "wire"
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

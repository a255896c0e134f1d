package extract

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// pageMeta is what detente reads from a page itself, beside what
// go-trafilatura finds: the few facts it needs to know the source of.
type pageMeta struct {
	lang      string    // <html lang>
	metaLang  string    // Content-Language, og:locale, dc.language
	canonical string    // <link rel=canonical>, else og:url
	published time.Time // from meta tags, JSON-LD or <time pubdate>
	title     string    // the first <title>, as the page writes it
}

// publishedKeys are the meta names, properties and itemprops that carry a
// page's first publication time, most specific first.
var publishedKeys = map[string]int{
	"article:published_time":    1,
	"og:article:published_time": 1,
	"datepublished":             2,
	"article.published":         2,
	"parsely-pub-date":          3,
	"sailthru.date":             3,
	"pubdate":                   3,
	"publishdate":               3,
	"publish-date":              3,
	"publish_date":              3,
	"publication_date":          3,
	"original-publish-date":     3,
	"dc.date.issued":            4,
	"dcterms.issued":            4,
	"dc.date":                   5,
	"dcterms.date":              5,
	"dcterms.created":           5,
	"date":                      6,
	"datecreated":               6,
}

// scanMeta walks the document once and collects pageMeta.
func scanMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var ogURL string
	best := 1 << 10
	// consider takes value as the published time if one of keys (a
	// space-separated list, as itemprop allows) ranks above the best yet.
	consider := func(keys, value string) {
		for _, key := range strings.Fields(strings.ToLower(keys)) {
			rank, ok := publishedKeys[key]
			if !ok || rank >= best {
				continue
			}
			if t, ok := parseDate(value); ok {
				m.published, best = t, rank
			}
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				m.lang = firstNonEmpty(attr(n, "lang"), attr(n, "xml:lang"))
			case "title":
				if m.title == "" && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					m.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case "meta":
				key := firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv"))
				content := attr(n, "content")
				switch strings.ToLower(key) {
				case "content-language", "og:locale", "dc.language", "language":
					if m.metaLang == "" {
						m.metaLang = content
					}
				case "og:url":
					ogURL = content
				default:
					consider(attr(n, "property")+" "+attr(n, "name")+" "+attr(n, "itemprop"), content)
				}
			case "link":
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "time":
				if _, ok := getAttr(n, "pubdate"); ok {
					consider("pubdate", attr(n, "datetime"))
				}
			case "script":
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					if v, ok := jsonLDDate(n.FirstChild.Data); ok {
						consider("datePublished", v)
					}
				}
				return
			case "style", "noscript":
				return
			}
			if ip := attr(n, "itemprop"); ip != "" && n.Data != "meta" {
				consider(ip, firstNonEmpty(attr(n, "datetime"), attr(n, "content")))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if m.canonical == "" {
		m.canonical = strings.TrimSpace(ogURL)
	}
	return m
}

// jsonLDDate returns the first datePublished (else dateCreated) found
// anywhere in a JSON-LD script.
func jsonLDDate(src string) (string, bool) {
	if !strings.Contains(src, "datePublished") && !strings.Contains(src, "dateCreated") {
		return "", false
	}
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return "", false
	}
	for _, key := range []string{"datePublished", "dateCreated"} {
		if s, ok := findKey(v, key, 0); ok {
			return s, true
		}
	}
	return "", false
}

// findKey looks for a string value under key in nested JSON, depth-first,
// to a bounded depth so hostile input cannot recurse without end.
func findKey(v any, key string, depth int) (string, bool) {
	if depth > 16 {
		return "", false
	}
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x[key].(string); ok && s != "" {
			return s, true
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if s, ok := findKey(x[k], key, depth+1); ok {
				return s, true
			}
		}
	case []any:
		for _, c := range x {
			if s, ok := findKey(c, key, depth+1); ok {
				return s, true
			}
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string {
	v, _ := getAttr(n, key)
	return v
}

func getAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

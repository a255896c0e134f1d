package warcgen

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/detente-project/detente"
)

// canonicalLink finds the href of a page's <link rel="canonical">.
var canonicalLink = regexp.MustCompile(`(<link rel="canonical" href=")([^"]*)(")`)

// Unique returns copy n of p as a distinct article: its URL and canonical
// link both get the suffix "-copy-n", so the article ID (a hash of the
// canonical URL) differs from every other copy's. A page without a
// canonical link gets one, placed after <head>.
func Unique(p detente.Page, n int) detente.Page {
	suffix := fmt.Sprintf("-copy-%d", n)
	q := p
	q.URL = p.URL + suffix
	link := []byte(`<link rel="canonical" href="` + q.URL + `">`)
	switch {
	case canonicalLink.Match(p.Body):
		q.Body = canonicalLink.ReplaceAll(p.Body, []byte("${1}${2}"+suffix+"${3}"))
	case bytes.Contains(p.Body, []byte("<head>")):
		q.Body = bytes.Replace(p.Body, []byte("<head>"), append([]byte("<head>"), link...), 1)
	default:
		q.Body = append(append([]byte{}, link...), p.Body...)
	}
	return q
}

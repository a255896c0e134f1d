package extract

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestScanMeta(t *testing.T) {
	tests := []struct {
		name      string
		page      string
		lang      string
		metaLang  string
		canonical string
		published string // RFC 3339, "" for none
	}{
		{"itemprop list and ranks",
			`<html lang="en-US"><head><meta property="article:modified" itemprop="dateModified" content="2019-11-19T00:37:03Z"><meta name="pdate" content="20191118"><meta property="article:published" itemprop="datePublished dateCreated" content="2019-11-18T17:56:27.000Z"><link rel="canonical" href="https://news.example/a"></head></html>`,
			"en-US", "", "https://news.example/a", "2019-11-18T17:56:27Z"},
		{"json-ld graph, og:url and locale",
			`<html><head><meta property="og:locale" content="fr_FR"><meta property="og:url" content="https://news.example/b"><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-09-14T16:40:00-05:00"}]}</script></head></html>`,
			"", "fr_FR", "https://news.example/b", "2023-09-14T21:40:00Z"},
		{"time pubdate in the body",
			`<html><body><p>Posted <time pubdate datetime="2021-03-04T05:06:07+01:00">March 4</time></p></body></html>`,
			"", "", "", "2021-03-04T04:06:07Z"},
		{"broken json-ld and odd dates",
			`<html><head><script type="application/ld+json">{"datePublished": </script><meta name="date" content="not a date"></head></html>`,
			"", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			m := scanMeta(doc)
			got := ""
			if !m.published.IsZero() {
				got = m.published.Format(time.RFC3339)
			}
			if m.lang != tt.lang || m.metaLang != tt.metaLang || m.canonical != tt.canonical || got != tt.published {
				t.Errorf("scanMeta = %+v (published %q), want lang %q metaLang %q canonical %q published %q",
					m, got, tt.lang, tt.metaLang, tt.canonical, tt.published)
			}
		})
	}
}

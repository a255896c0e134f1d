package extract

import (
	"strings"
)

// titleSeparators part a page title from the site name some pages append
// to it: "Talks resume | The Harbour Times".
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " // "}

// cleanTitle drops a trailing site name from title, when the part after
// the last separator names the site or its host.
func cleanTitle(title, site, hostname string) string {
	names := []string{fold(site), fold(hostname)}
	if i := strings.LastIndexByte(hostname, '.'); i > 0 {
		names = append(names, fold(hostname[:i]))
	}
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		suffix := fold(title[i+len(sep):])
		for _, n := range names {
			if n != "" && suffix == n {
				return strings.TrimSpace(title[:i])
			}
		}
	}
	return title
}

// siteName returns the name a page gives its site: the metadata's name
// unless it is missing, a URL, the host or the headline itself, else the name the
// page's <title> appends to the headline ("Talks resume - Northwind
// Wire"), else the host.
func siteName(name, pageTitle, headline, hostname string) string {
	if name != "" && !strings.Contains(name, "://") && fold(name) != fold(headline) && fold(name) != fold(hostname) {
		return name
	}
	if s := titleSite(pageTitle, headline); s != "" {
		return s
	}
	return hostname
}

// maxSiteWords bounds the words of a site name read from a <title>.
const maxSiteWords = 5

// titleSite returns the part of a page title after its last separator
// when the part before it is the headline and the part after is short
// enough for a name; "" otherwise.
func titleSite(pageTitle, headline string) string {
	h := fold(headline)
	if h == "" {
		return ""
	}
	for _, sep := range titleSeparators {
		i := strings.LastIndex(pageTitle, sep)
		if i <= 0 {
			continue
		}
		site := strings.TrimSpace(pageTitle[i+len(sep):])
		if n := len(strings.Fields(site)); n > 0 && n <= maxSiteWords && fold(pageTitle[:i]) == h {
			return site
		}
	}
	return ""
}

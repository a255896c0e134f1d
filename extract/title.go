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

// siteName returns the name a page gives its site, or its host when the
// name is missing or is a URL.
func siteName(name, hostname string) string {
	if name == "" || strings.Contains(name, "://") {
		return hostname
	}
	return name
}

package demo

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/detente-project/detente"
)

//go:embed pages
var files embed.FS

// BaseURL is the root of every demo page's URL: a reserved .invalid name
// that never resolves, so nothing can mistake the corpus for real pages.
const BaseURL = "https://demo.detente.invalid/"

// Notice is what the dashboard says on every page while it serves the
// demo: the events are invented, though real officials' names and real
// places appear in them.
const Notice = "Synthetic sample data: the demo's outlets, articles and events are invented (dated June to September 2026); real names and places appear only to exercise the coder."

// indexPath lists every page with its publication time and story.
const indexPath = "pages/index.tsv"

// Window returns the first and last day of the storyline, UTC midnights;
// every page is published on or between them.
func Window() (from, to time.Time) {
	return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 9, 28, 0, 0, 0, 0, time.UTC)
}

// Entry is one page of the corpus as the index lists it.
type Entry struct {
	Path      string    // path under pages/, "meridian-post/2026-07-14-iran-seizes-tanker.html"
	URL       string    // BaseURL + site + "/" + slug
	Published time.Time // UTC, the same instant the page's metadata gives
	Story     string    // slug shared by the wire copies of one story
}

// Entries returns the index of the corpus, oldest first.
func Entries() ([]Entry, error) {
	b, err := files.ReadFile(indexPath)
	if err != nil {
		return nil, fmt.Errorf("demo index: %w", err)
	}
	var out []Entry
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, err := parseEntry(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", indexPath, n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", indexPath, err)
	}
	return out, nil
}

func parseEntry(line string) (Entry, error) {
	f := strings.Split(line, "\t")
	if len(f) != 3 {
		return Entry{}, fmt.Errorf("want 3 tab-separated fields, got %d", len(f))
	}
	t, err := time.Parse(time.RFC3339, f[1])
	if err != nil {
		return Entry{}, fmt.Errorf("published time %q: %w", f[1], err)
	}
	if !strings.HasSuffix(f[0], ".html") || strings.Count(f[0], "/") != 1 {
		return Entry{}, fmt.Errorf("path %q: want SITE/SLUG.html", f[0])
	}
	return Entry{
		Path:      f[0],
		URL:       BaseURL + strings.TrimSuffix(f[0], ".html"),
		Published: t.UTC(),
		Story:     f[2],
	}, nil
}

// Pages returns every page of the corpus, oldest first, ready for
// extraction: URL under BaseURL, Body the HTML, Fetched the publication
// time. Published and Title are left for the extractor to find in the
// page's own metadata, as it would for a crawled page.
func Pages() ([]detente.Page, error) {
	entries, err := Entries()
	if err != nil {
		return nil, err
	}
	pages := make([]detente.Page, 0, len(entries))
	for _, e := range entries {
		body, err := files.ReadFile("pages/" + e.Path)
		if err != nil {
			return nil, fmt.Errorf("demo page %s: %w", e.Path, err)
		}
		pages = append(pages, detente.Page{
			URL:     e.URL,
			Body:    body,
			Header:  "text/html; charset=utf-8",
			Fetched: e.Published,
			Origin:  "demo",
			Offset:  -1,
		})
	}
	return pages, nil
}

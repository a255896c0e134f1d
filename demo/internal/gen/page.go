package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"sort"
	"strings"
	"time"
)

// syntheticNote ends every article body, so that the text itself says what
// it is wherever it travels.
const syntheticNote = "This is a synthetic sample article written for the detente demo; " +
	"the events and quotes in it are fictional."

// baseURL is where the demo corpus claims to live: a reserved .invalid
// name that can never resolve.
const baseURL = "https://demo.detente.invalid/"

// page is one rendered article of one outlet.
type page struct {
	Outlet    outlet
	Story     string // story slug, shared by wire copies
	Path      string // file path under the output folder
	URL       string // canonical URL
	Title     string
	Byline    string
	Section   string
	Published time.Time
	Paras     []string
	Related   []link
	Comments  []comment
}

type link struct {
	Title, URL string
}

type comment struct {
	Author, Text string
	When         time.Time
}

// buildPages turns stories into pages: one per outlet of each story, wire
// copies lightly edited, each outlet's earlier pages linked as related.
func buildPages(stories []story) ([]page, error) {
	sorted := append([]story(nil), stories...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Published.Before(sorted[j].Published) })
	var (
		pages   []page
		history = map[string][]link{}
		paths   = map[string]bool{}
		turn    int
	)
	for _, s := range sorted {
		names := s.Outlets
		if len(names) == 0 {
			names = []string{outlets[turn%len(outlets)].Slug}
			turn++
		}
		for k, name := range names {
			o, _ := outletBySlug(name)
			p := render(s, o, k)
			if paths[p.Path] {
				return nil, fmt.Errorf("storyline:%d: page %s made twice", s.Line, p.Path)
			}
			paths[p.Path] = true
			p.Related = lastLinks(history[o.Slug], 3)
			history[o.Slug] = append(history[o.Slug], link{Title: p.Title, URL: p.URL})
			pages = append(pages, p)
		}
	}
	return pages, nil
}

// render makes the k-th copy of a story for outlet o. Copies after the
// first are published later and trimmed by one paragraph, as a subscriber
// to a wire service would edit them.
func render(s story, o outlet, k int) page {
	h := hash(s.Slug + "/" + o.Slug)
	day := s.Published.Format("2006-01-02")
	p := page{
		Outlet:    o,
		Story:     s.Slug,
		Path:      o.Slug + "/" + day + "-" + s.Slug + ".html",
		URL:       baseURL + o.Slug + "/" + day + "-" + s.Slug,
		Title:     s.Title,
		Byline:    o.Staff[h%uint32(len(o.Staff))],
		Section:   section(s.Pair),
		Published: s.Published.Add(time.Duration(k) * 47 * time.Minute),
	}
	paras := append([]string(nil), s.Paras...)
	if drop := len(paras) - k; k > 0 && len(paras) >= 5 && drop > 1 {
		paras = append(paras[:drop], paras[drop+1:]...)
	}
	if s.Dateline != "" {
		paras[0] = dateline(s.Dateline, o) + paras[0]
	}
	p.Paras = append(paras, syntheticNote)
	if o.Style == "wordpress" {
		p.Comments = pickComments(h, p.Published)
	}
	return p
}

func dateline(city string, o outlet) string {
	if o.Style == "wire" {
		return fmt.Sprintf("%s (%s) — ", city, o.Name)
	}
	return city + " — "
}

func section(pair string) string {
	switch {
	case strings.Contains(pair, "IRN"), strings.Contains(pair, "ISR"), strings.Contains(pair, "OMN"):
		return "Middle East"
	case strings.Contains(pair, "RUS"), strings.Contains(pair, "UKR"), strings.Contains(pair, "FRA"):
		return "Europe"
	default:
		return "Asia"
	}
}

func lastLinks(ls []link, n int) []link {
	var out []link
	for i := len(ls) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, ls[i])
	}
	return out
}

func hash(s string) uint32 {
	f := fnv.New32a()
	f.Write([]byte(s))
	return f.Sum32()
}

// commentPool holds reader comments for the blog template: boilerplate an
// extractor should leave out of the article body.
var commentPool = []comment{
	{Author: "harbourwatcher", Text: "Good summary, thanks. The shipping angle is what matters for us."},
	{Author: "L. Brennan", Text: "Insurance rates will tell you more than any statement."},
	{Author: "mk_analyst", Text: "Would love a map of where this happened next time."},
	{Author: "Farida", Text: "Clear and calm reporting, which is rare these days."},
	{Author: "oldsalt77", Text: "Been sailing these waters for thirty years. Nothing surprises me anymore."},
	{Author: "J. Okoro", Text: "Any word on how the crews are doing?"},
}

func pickComments(h uint32, published time.Time) []comment {
	n := int(h % 4)
	out := make([]comment, 0, n)
	for i := range n {
		c := commentPool[(int(h>>4)+i)%len(commentPool)]
		c.When = published.Add(time.Duration(i+1) * 95 * time.Minute)
		out = append(out, c)
	}
	return out
}

// ISO is the published time in the outlet's zone, RFC 3339.
func (p page) ISO() string { return p.Published.In(p.Outlet.Zone).Format(time.RFC3339) }

// Display is the published date as a reader sees it.
func (p page) Display() string { return p.Published.In(p.Outlet.Zone).Format("January 2, 2006") }

// JSONLD is the page's schema.org NewsArticle description.
func (p page) JSONLD() (template.JS, error) {
	b, err := json.Marshal(map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         p.Title,
		"datePublished":    p.ISO(),
		"author":           map[string]string{"@type": "Person", "name": p.Byline},
		"publisher":        map[string]string{"@type": "Organization", "name": p.Outlet.Name},
		"mainEntityOfPage": p.URL,
		"articleSection":   p.Section,
	})
	if err != nil {
		return "", fmt.Errorf("json-ld of %s: %w", p.Path, err)
	}
	return template.JS(b), nil
}

// Command gen writes the demo corpus: it reads the storyline table and
// renders every story as one or more HTML pages of fictional outlets, in
// four site styles, plus an index of the pages with their dates.
//
// It is run by "go generate ./demo"; the pages it writes are committed and
// embedded by package demo. It uses only the standard library: html/template
// escapes the story text into each site's markup.
package main

import (
	"embed"
	"flag"
	"fmt"
	"html/template"
	"os"
)

//go:embed templates/*.html
var templateFS embed.FS

func main() {
	in := flag.String("in", "internal/gen/storyline.txt", "storyline table to read")
	out := flag.String("out", "pages", "folder to write the pages and index.tsv into")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("open storyline: %w", err)
	}
	defer f.Close()
	stories, err := parseStoryline(f, in)
	if err != nil {
		return err
	}
	pages, err := buildPages(stories)
	if err != nil {
		return err
	}
	tmpl, err := template.ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return fmt.Errorf("parse templates: %w", err)
	}
	return write(out, tmpl, pages)
}

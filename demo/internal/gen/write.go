package main

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"time"
)

// indexName is the file listing every page with its date and story; package
// demo reads it to build its pages without parsing HTML.
const indexName = "index.tsv"

// write replaces the outlets' folders under out with the rendered pages and
// writes the index. Folders of other names are left alone.
func write(out string, tmpl *template.Template, pages []page) error {
	for _, o := range outlets {
		if err := os.RemoveAll(filepath.Join(out, o.Slug)); err != nil {
			return fmt.Errorf("clear %s: %w", o.Slug, err)
		}
	}
	var index bytes.Buffer
	index.WriteString("# path\tpublished\tstory — written by demo/internal/gen, do not edit\n")
	for _, p := range pages {
		var b bytes.Buffer
		if err := tmpl.ExecuteTemplate(&b, p.Outlet.Style+".html", p); err != nil {
			return fmt.Errorf("render %s: %w", p.Path, err)
		}
		name := filepath.Join(out, filepath.FromSlash(p.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return fmt.Errorf("create folder for %s: %w", p.Path, err)
		}
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write page: %w", err)
		}
		fmt.Fprintf(&index, "%s\t%s\t%s\n", p.Path, p.Published.UTC().Format(time.RFC3339), p.Story)
	}
	if err := os.WriteFile(filepath.Join(out, indexName), index.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	return nil
}

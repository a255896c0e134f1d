package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestPagesUpToDate renders the storyline afresh and compares it with the
// committed pages, so that an edit to the storyline, an outlet or a
// template cannot ship without its pages.
func TestPagesUpToDate(t *testing.T) {
	out := t.TempDir()
	if err := run("storyline.txt", out); err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join("..", "..", "pages")
	fresh := map[string]bool{}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(out, path)
		if err != nil {
			return err
		}
		fresh[rel] = true
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(committed, rel))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("demo/pages/%s is stale or missing; run go generate ./demo", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(committed, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(committed, path)
		if err != nil {
			return err
		}
		if !fresh[rel] {
			t.Errorf("demo/pages/%s is not made by the storyline; run go generate ./demo", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

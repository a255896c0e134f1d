package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// collect walks inputs and returns the pages and the errors reported.
func collect(t *testing.T, inputs []string, opts Options) ([]detente.Page, map[string]error) {
	t.Helper()
	errs := map[string]error{}
	opts.OnError = func(in string, err error) { errs[in] = err }
	var pages []detente.Page
	err := Walk(context.Background(), inputs, opts, func(p detente.Page) error {
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return pages, errs
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// noisy returns n bytes of HTML that compress poorly.
func noisy(n int) []byte {
	b := []byte("<html><body><p>")
	x := uint32(1)
	for len(b) < n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b = append(b, 'a'+byte(x%26))
	}
	return b
}

func truncated(b []byte) []byte { return b[: len(b)/2 : len(b)/2] }

const pageHTML = "<!doctype html><html><head><title>Talks</title></head><body><p>Iran and the United States began talks in Muscat.</p></body></html>"

func TestWalkFolder(t *testing.T) {
	dir := t.TempDir()
	big := append([]byte("<html><body>"), bytes.Repeat([]byte("<p>padding text</p>"), 50<<20/19+1)...)
	files := map[string][]byte{
		"a.html":                 []byte(pageHTML),
		"b/c.htm":                []byte(pageHTML),
		"b/d.html.gz":            gz(t, []byte(pageHTML)),
		"b/e.txt":                []byte("\xef\xbb\xbfOman hosts talks.\n\nBoth sides met."),
		"b/z/latin1-meta.html":   []byte(`<html><head><meta charset="iso-8859-1"></head><body><p>Caf` + "\xe9" + `</p></body></html>`),
		"bad/binary.html":        {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d},
		"bad/gzip-named.html":    gz(t, []byte(pageHTML)),
		"bad/truncated.html.gz":  truncated(gz(t, noisy(64<<10))),
		"bad/latin1.html":        []byte("<html><body><p>Caf\xe9</p></body></html>"),
		"bad/latin1.txt":         []byte("Caf\xe9"),
		"bad/empty.html":         []byte("  \n"),
		"bad/huge.html":          big,
		"notes.md":               []byte("# not an input"),
		".hidden/secret.html":    []byte(pageHTML),
		"lines.jsonl":            []byte(`{"url":"https://news.example/1","text":"One."}` + "\n\n" + `{"oops` + "\n" + `{"html":"<p>Three</p>","title":"Three","published":"2026-02-03"}` + "\n" + "{\"text\":\"caf\xe9\"}\n" + `{"text":"Last, no newline."}`),
		"b/z/y/deep.html":        []byte(pageHTML),
		"b/z/y/deeper/last.html": []byte(pageHTML),
	}
	for name, data := range files {
		writeFile(t, filepath.Join(dir, name), data)
	}
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	pages, errs := collect(t, []string{dir}, Options{Now: func() time.Time { return now }})

	var got []string
	for _, p := range pages {
		rel, _ := filepath.Rel(dir, OriginPath(p.Origin))
		got = append(got, fmt.Sprintf("%s@%d %s text=%v", rel, p.Offset, strings.TrimPrefix(p.URL, dir+"/"), p.IsText))
	}
	want := []string{
		"a.html@-1 a.html text=false",
		"b/c.htm@-1 b/c.htm text=false",
		"b/d.html.gz@-1 b/d.html.gz text=false",
		"b/e.txt@-1 b/e.txt text=true",
		"b/z/latin1-meta.html@-1 b/z/latin1-meta.html text=false",
		"b/z/y/deep.html@-1 b/z/y/deep.html text=false",
		"b/z/y/deeper/last.html@-1 b/z/y/deeper/last.html text=false",
		"lines.jsonl@0 https://news.example/1 text=true",
		"lines.jsonl@55 lines.jsonl:4 text=false",
		"lines.jsonl@136 lines.jsonl:6 text=true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range pages {
		if !p.Fetched.Equal(now) {
			t.Errorf("%s: Fetched = %v", p.URL, p.Fetched)
		}
	}
	if p := pages[3]; string(p.Body) != "Oman hosts talks.\n\nBoth sides met." {
		t.Errorf("txt body %q, want BOM stripped", p.Body)
	}
	if p := pages[8]; p.Title != "Three" || p.Published != time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC) {
		t.Errorf("jsonl hints: %q %v", p.Title, p.Published)
	}

	wantErrs := map[string]string{
		"bad/binary.html":       "not an HTML page",
		"bad/gzip-named.html":   "not an HTML page",
		"bad/truncated.html.gz": "truncated gzip stream",
		"bad/latin1.html":       "invalid UTF-8 at byte 18 and no other charset declared",
		"bad/latin1.txt":        "invalid UTF-8 at byte 3",
		"bad/empty.html":        "empty page",
		"bad/huge.html":         "larger than the 10485760-byte limit",
		"lines.jsonl:3":         "lines.jsonl:3: decode JSON",
		"lines.jsonl:5":         "lines.jsonl:5: invalid UTF-8",
	}
	var gotKeys []string
	for k, err := range errs {
		rel, _ := filepath.Rel(dir, k)
		gotKeys = append(gotKeys, rel)
		w, ok := wantErrs[rel]
		if !ok {
			t.Errorf("unexpected error for %s: %v", rel, err)
			continue
		}
		if !strings.Contains(err.Error(), w) || !strings.Contains(err.Error(), rel) {
			t.Errorf("%s: err = %v, want it to contain %q and name the input", rel, err, w)
		}
	}
	sort.Strings(gotKeys)
	if len(gotKeys) != len(wantErrs) {
		t.Errorf("errors for %v, want %d inputs", gotKeys, len(wantErrs))
	}
}

func TestWalkInputs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "one.html"), []byte(pageHTML))
	writeFile(t, filepath.Join(dir, "two.txt"), []byte("Plain text."))
	writeFile(t, filepath.Join(dir, "three.pdf"), []byte("%PDF-1.4"))
	inputs := []string{
		filepath.Join(dir, "missing.html"),
		filepath.Join(dir, "one.html"),
		filepath.Join(dir, "three.pdf"),
		"https://news.example/no-client",
		filepath.Join(dir, "two.txt"),
	}
	pages, errs := collect(t, inputs, Options{})
	if len(pages) != 2 || !strings.HasSuffix(pages[0].URL, "one.html") || !strings.HasSuffix(pages[1].URL, "two.txt") {
		t.Errorf("pages %+v", pages)
	}
	for _, in := range []string{inputs[0], inputs[2], inputs[3]} {
		if err := errs[in]; err == nil || !strings.Contains(err.Error(), in) {
			t.Errorf("error for %s = %v, want one naming it", in, err)
		}
	}
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("%d.html", i)), []byte(pageHTML))
	}
	writeFile(t, filepath.Join(dir, "x.jsonl"), []byte(`{"text":"a"}`+"\n"+`{"text":"b"}`+"\n"))
	errStop := errors.New("store full")
	for _, in := range []string{dir, filepath.Join(dir, "x.jsonl")} {
		n := 0
		err := Walk(context.Background(), []string{in}, Options{}, func(detente.Page) error {
			n++
			return errStop
		})
		if !errors.Is(err, errStop) || n != 1 {
			t.Errorf("%s: Walk = %v after %d pages, want errStop after 1", in, err, n)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, []string{dir}, Options{}, func(detente.Page) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Walk = %v", err)
	}
}

func TestJSONLResume(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.jsonl")
	lines := []string{`{"text":"a"}`, `{"text":"bb"}`, `{"text":"ccc"}`, `{"text":"dddd"}`}
	writeFile(t, path, []byte(strings.Join(lines, "\n")+"\n"))
	all, _ := collect(t, []string{path}, Options{})
	if len(all) != 4 {
		t.Fatalf("%d pages", len(all))
	}
	tests := []struct {
		name  string
		from  int64
		first string
	}{
		{"at a line start", all[2].Offset, "ccc"},
		{"one past the last done", all[1].Offset + 1, "ccc"},
		{"zero", 0, "a"},
		{"past the end", 1 << 20, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, _ := collect(t, []string{path}, Options{ResumeFrom: map[string]int64{path: tt.from}})
			first := ""
			if len(pages) > 0 {
				first = string(pages[0].Body)
				if pages[0].URL != all[len(all)-len(pages)].URL {
					t.Errorf("resumed page named %s, want %s", pages[0].URL, all[len(all)-len(pages)].URL)
				}
			}
			if first != tt.first {
				t.Errorf("first page %q, want %q", first, tt.first)
			}
		})
	}
}

func TestJSONLNotJSONL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dump.jsonl")
	writeFile(t, path, bytes.Repeat([]byte("id,title,text\n"), 500))
	pages, errs := collect(t, []string{path}, Options{})
	if len(pages) != 0 || len(errs) != maxBadLines+1 {
		t.Fatalf("%d pages and %d errors, want 0 and %d", len(pages), len(errs), maxBadLines+1)
	}
	if err := errs[path]; err == nil || !strings.Contains(err.Error(), "not JSONL") {
		t.Errorf("file error = %v", err)
	}
}

package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

func TestExtractBadInput(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		x    *Extractor
		page detente.Page
		want error  // errors.Is target, nil for any
		msg  string // the error message must contain it
	}{
		{"png named html", context.Background(), New(),
			detente.Page{URL: "shots/photo.html", Body: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")},
			ErrBinary, "shots/photo.html"},
		{"gzip named html", context.Background(), New(),
			detente.Page{URL: "dump/page.html", Body: []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xed\x7d\x0b")},
			ErrBinary, "dump/page.html"},
		{"over the size limit", context.Background(), New(WithMaxSize(1000)),
			detente.Page{URL: "https://big.example/a", Body: page},
			ErrTooLarge, "https://big.example/a"},
		{"no text", context.Background(), New(),
			detente.Page{URL: "https://empty.example/", Body: []byte("<html><head><title>x</title></head><body><nav><a href=/>Home</a></nav></body></html>")},
			ErrNoText, "no article text in https://empty.example/"},
		{"empty file", context.Background(), New(),
			detente.Page{URL: "empty.html", Body: nil},
			ErrNoText, "no article text in empty.html"},
		{"only boilerplate text", context.Background(), New(),
			detente.Page{URL: "notes.txt", IsText: true, Body: []byte("Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n")},
			ErrNoText, "no article text in notes.txt"},
		{"cancelled", cancelled, New(),
			detente.Page{URL: "https://late.example/", Body: page},
			context.Canceled, "https://late.example/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.x.Extract(tt.ctx, tt.page)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
		})
	}
}

func TestExtractCharsets(t *testing.T) {
	const para = "<p>%s Officials met on Tuesday to discuss the border, and said that further talks would be held in the capital next month after a long pause in relations.</p>"
	tests := []struct {
		name   string
		header string
		body   []byte
		want   string
	}{
		{"utf-8 declared windows-1252", "", []byte("<html><head><meta charset=\"windows-1252\"></head><body>" + strings.ReplaceAll(para, "%s", "Caf\u00e9 \u201cdiplomacy\u201d.") + "</body></html>"), "Café “diplomacy”."},
		{"windows-1252 declared utf-8 in header", "text/html; charset=utf-8", []byte("<html><body>" + strings.ReplaceAll(para, "%s", "Caf\xe9 \x93diplomacy\x94.") + "</body></html>"), "Café “diplomacy”."},
		{"latin-1 undeclared", "", []byte("<html><body>" + strings.ReplaceAll(para, "%s", "S\xe3o Paulo.") + "</body></html>"), "São Paulo."},
		{"koi8-r declared", "", append([]byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body><p>"), append([]byte("\xed\xcf\xd3\xcb\xd7\xc1 "), []byte(strings.ReplaceAll(para, "%s", "")[3:]+"</body></html>")...)...), "Москва"},
		{"utf-16 with bom", "", utf16le("<html><body>" + strings.ReplaceAll(para, "%s", "Zürich.") + "</body></html>"), "Zürich."},
		{"decomposed accents", "", []byte("<html><body>" + strings.ReplaceAll(para, "%s", "Cafe\u0301.") + "</body></html>"), "Café."},
	}
	x := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := x.Extract(context.Background(), detente.Page{URL: "https://charset.example/a", Header: tt.header, Body: tt.body})
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(a.Body) || !strings.Contains(a.Body, tt.want) {
				t.Errorf("body = %q, want it to contain %q", a.Body, tt.want)
			}
		})
	}
}

func utf16le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// TestExtractSeed reads the page this project started from, as text, and
// checks that the body is its article paragraphs alone: the long lines,
// without the title, counter, slug, embed card, heading or WordPress
// leftovers around them.
func TestExtractSeed(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared", "seeds")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(paths) == 0 {
		t.Skipf("../shared absent: no seed pages in %s", dir)
	}
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, line := range strings.Split(string(raw), "\n") {
			if line = strings.TrimSpace(line); len(line) > 150 {
				want = append(want, line)
			}
		}
		a, err := New().Extract(context.Background(), detente.Page{URL: path, Body: raw, IsText: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Split(a.Body, "\n\n"); strings.Join(got, "\n\n") != strings.Join(want, "\n\n") {
			t.Errorf("%s: body is not the article paragraphs alone:\ngot  %d paragraphs, first %q\nwant %d paragraphs, first %q",
				path, len(got), got[0], len(want), want[0])
		}
		if a.Title == "" || strings.Contains(a.Body, a.Title) {
			t.Errorf("%s: title %q missing or repeated in the body", path, a.Title)
		}
	}
}

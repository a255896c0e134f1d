package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/extract"
)

func init() {
	register(command{name: "extract", summary: "extract articles from HTML and text files as JSON lines", run: runExtract})
}

// extractLine is one line of "detente extract" output.
type extractLine struct {
	File      string `json:"file"`
	URL       string `json:"url"` // the page's canonical URL, "" when it declares none
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"` // RFC 3339
	Lang      string `json:"lang"`
	Body      string `json:"body"`
}

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	maxSize := fs.Int("max-size", extract.DefaultMaxSize, "largest page to read, in bytes (after decompression)")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: detente extract [--max-size N] FILE...

Extracts the article of each file and prints one JSON line per file to
stdout: {"file","url","title","byline","published","lang","body"}, with
"published" in RFC 3339 and "url" the page's canonical URL when it has one.
Files may be .html, .htm, .html.gz (or .htm.gz) and .txt (or .txt.gz).
A file that fails is named on stderr and the others are still done; the
exit status is non-zero if any failed.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("extract: no files given")
	}
	x := extract.New(extract.WithMaxSize(*maxSize))
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, name := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		a, err := extractFile(ctx, x, name, *maxSize)
		if err != nil {
			fmt.Fprintf(e.stderr, "detente extract: %v\n", err)
			failed++
			continue
		}
		line := extractLine{File: name, URL: a.CanonicalURL, Title: a.Title, Byline: a.Byline,
			Published: a.Published.Format(time.RFC3339), Lang: a.Lang, Body: a.Body}
		if err := enc.Encode(line); err != nil {
			return fmt.Errorf("extract: write: %w", err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("extract: %d of %d files failed", failed, fs.NArg())
	}
	return nil
}

// extractFile reads one file and extracts its article. Errors name the
// file.
func extractFile(ctx context.Context, x *extract.Extractor, name string, maxSize int) (detente.Article, error) {
	p, err := readPageFile(name, maxSize)
	if err != nil {
		return detente.Article{}, err
	}
	return x.Extract(ctx, p)
}

// readPageFile reads a page from a file, decompressing .gz. Its fetch time
// is the file's modification time, so that extracting the same file twice
// gives the same article. At most maxSize+1 bytes are read, enough for the
// extractor to refuse an oversized page without holding all of it.
func readPageFile(name string, maxSize int) (detente.Page, error) {
	lower := strings.ToLower(name)
	gz := strings.HasSuffix(lower, ".gz")
	lower = strings.TrimSuffix(lower, ".gz")
	var isText bool
	switch {
	case strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"):
	case strings.HasSuffix(lower, ".txt"):
		isText = true
	default:
		return detente.Page{}, fmt.Errorf("%s: unknown file type (want .html, .htm, .html.gz or .txt)", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return detente.Page{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return detente.Page{}, err
	}
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return detente.Page{}, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, io.LimitReader(r, int64(maxSize)+1)); err != nil {
		return detente.Page{}, fmt.Errorf("%s: %w", name, err)
	}
	return detente.Page{URL: name, Body: buf.Bytes(), IsText: isText, Fetched: st.ModTime().UTC(), Offset: -1, Origin: name}, nil
}

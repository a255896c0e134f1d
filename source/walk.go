package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/detente-project/detente"
)

// stop wraps an error from the caller's fn (or ctx), which ends the walk;
// every other error is reported and the walk goes on.
type stop struct{ err error }

func (s stop) Error() string { return s.err.Error() }
func (s stop) Unwrap() error { return s.err }

// walker carries the options through one Walk.
type walker struct {
	opts Options
	fn   func(detente.Page) error
}

// emit hands a page to fn; its error ends the walk.
func (w *walker) emit(ctx context.Context, p detente.Page) error {
	if err := ctx.Err(); err != nil {
		return stop{err}
	}
	if err := w.fn(p); err != nil {
		return stop{err}
	}
	return nil
}

// report passes a per-input error on to OnError, or returns it when it
// must end the walk (a stop).
func (w *walker) report(input string, err error) error {
	var s stop
	if err == nil || errors.As(err, &s) {
		return err
	}
	w.opts.OnError(input, err)
	return nil
}

// Walk reads each input in order and calls fn with every page it holds.
// An input is a file, a folder (walked recursively in lexical order), or an
// http(s) URL of a page or a feed. Errors of one input go to
// opts.OnError and the walk goes on; Walk returns only fn's first error or
// ctx's.
func Walk(ctx context.Context, inputs []string, opts Options, fn func(detente.Page) error) error {
	w := &walker{opts: opts.withDefaults(), fn: fn}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case isURL(in):
			err = w.url(ctx, in)
		default:
			err = w.path(ctx, in)
		}
		if err := w.report(in, err); err != nil {
			var s stop
			errors.As(err, &s)
			return s.err
		}
	}
	return ctx.Err()
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// path reads a file or walks a folder.
func (w *walker) path(ctx context.Context, p string) error {
	st, err := os.Stat(p)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		if kindOf(p) == kindUnknown {
			return fmt.Errorf("%s: unsupported file type (want .html, .htm, .html.gz, .txt, .jsonl, .warc or .warc.gz)", p)
		}
		return w.file(ctx, p)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return w.report(path, err)
		}
		if err := ctx.Err(); err != nil {
			return stop{err}
		}
		name := d.Name()
		if path != p && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || kindOf(name) == kindUnknown {
			return nil
		}
		// Only regular files, or links to them: a FIFO would block.
		if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
			return w.report(path, fmt.Errorf("%s: not a regular file", path))
		}
		if err := w.file(ctx, path); err != nil {
			return w.report(path, err)
		}
		return nil
	})
}

// kind is a file format, told by the file's extension.
type kind int

const (
	kindUnknown kind = iota
	kindHTML
	kindHTMLGz
	kindText
	kindJSONL
	kindWARC
)

func kindOf(name string) kind {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".html.gz"), strings.HasSuffix(n, ".htm.gz"):
		return kindHTMLGz
	case strings.HasSuffix(n, ".html"), strings.HasSuffix(n, ".htm"):
		return kindHTML
	case strings.HasSuffix(n, ".txt"):
		return kindText
	case strings.HasSuffix(n, ".jsonl"):
		return kindJSONL
	case strings.HasSuffix(n, ".warc"), strings.HasSuffix(n, ".warc.gz"):
		return kindWARC
	}
	return kindUnknown
}

// file reads one file of a known kind.
func (w *walker) file(ctx context.Context, path string) error {
	switch kindOf(path) {
	case kindJSONL:
		return w.jsonl(ctx, path)
	case kindWARC:
		return w.warc(ctx, path)
	default:
		p, err := readPageFile(path, w.opts.MaxBytes)
		if err != nil {
			return err
		}
		p.Fetched = w.opts.Now().UTC()
		return w.emit(ctx, p)
	}
}

// resume returns the checkpoint of the file at path, whose pages have
// origin: from ResumeFrom[path], else ResumeAt(origin).
func (w *walker) resume(ctx context.Context, path, origin string) (int64, error) {
	if off, ok := w.opts.ResumeFrom[path]; ok || w.opts.ResumeAt == nil {
		return off, nil
	}
	off, err := w.opts.ResumeAt(ctx, origin)
	if err != nil {
		return 0, fmt.Errorf("%s: checkpoint: %w", path, err)
	}
	return off, nil
}

package source

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"os"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/nlnwa/gowarc/v3"
)

// warc streams a WARC file and emits its HTML responses with status 200.
// Page.Offset is the record's byte offset in the file. A record that
// cannot be used is reported with file@offset; a file that cannot be read
// further ends with an error, after the pages read before.
func (w *walker) warc(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	// Resuming seeks to one byte before the checkpoint: that is a record's
	// start when the checkpoint is one past the last record done, and one
	// byte before the next record (found by scanning) when the checkpoint
	// is that record's start. Either way no record is read twice or lost.
	defer f.Close()
	origin, err := fileOrigin(f, path)
	if err != nil {
		return err
	}
	resume, err := w.resume(ctx, path, origin)
	if err != nil {
		return err
	}
	return w.warcStream(ctx, f, path, origin, resume)
}

// warcStream reads WARC records from r, which it seeks (when r is an
// io.Seeker) for resume; origin is its pages' Origin.
func (w *walker) warcStream(ctx context.Context, f io.Reader, path, origin string, resume int64) error {
	r, err := gowarc.NewWarcFileReaderFromStream(f, max(resume-1, 0))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer r.Close()
	// next is where the record after the last one read must start; -1
	// after a resume, where the reader skips to a record on purpose.
	next := int64(-1)
	if resume <= 0 {
		next = 0
	}
	for {
		if err := ctx.Err(); err != nil {
			return stop{err}
		}
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			rec.Close()
			return fmt.Errorf("%s@%d: read WARC record: %w", path, rec.Offset, err)
		}
		// The reader passes over bytes that do not start a record: a
		// record whose header is corrupt is lost, so say where.
		if next >= 0 && rec.Offset > next {
			where := fmt.Sprintf("%s@%d", path, next)
			if err := w.report(where, fmt.Errorf("%s: corrupt record: %d bytes without a WARC header skipped", where, rec.Offset-next)); err != nil {
				rec.Close()
				return err
			}
		}
		next = rec.Offset + rec.Size
		if rec.Offset < resume {
			rec.Close()
			continue
		}
		p, ok, err := w.warcPage(rec, origin)
		if err == nil && ok {
			err = damaged(rec.Validation)
		}
		rec.Close()
		if err != nil {
			where := fmt.Sprintf("%s@%d", path, rec.Offset)
			if err := w.report(where, fmt.Errorf("%s: %w", where, err)); err != nil {
				return err
			}
			continue
		}
		if ok {
			if err := w.emit(ctx, p); err != nil {
				return err
			}
		}
	}
}

// warcPage turns a response record into a page; ok is false for records
// that are not HTML pages served with status 200.
func (w *walker) warcPage(rec gowarc.Record, origin string) (detente.Page, bool, error) {
	wr := rec.WarcRecord
	if wr.Type() != gowarc.Response {
		return detente.Page{}, false, nil
	}
	block, isHTTP := wr.Block().(gowarc.HttpResponseBlock)
	if !isHTTP || block.HttpStatusCode() != http.StatusOK || block.HttpHeader() == nil {
		return detente.Page{}, false, nil
	}
	h := *block.HttpHeader()
	ct := h.Get("Content-Type")
	if !isHTMLType(ct) {
		return detente.Page{}, false, nil
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return detente.Page{}, false, fmt.Errorf("payload: %w", err)
	}
	body, err := decodePayload(payload, h, w.opts.MaxBytes)
	if err != nil {
		return detente.Page{}, false, err
	}
	if err := checkHTML(body, ct); err != nil {
		return detente.Page{}, false, err
	}
	fetched, err := wr.Date()
	if err != nil {
		fetched = w.opts.Now()
	}
	return detente.Page{
		URL:     strings.Trim(wr.WarcHeader().Get(gowarc.WarcTargetURI), "<>"),
		Body:    body,
		Header:  ct,
		Fetched: fetched.UTC().Truncate(time.Second),
		Origin:  origin,
		Offset:  rec.Offset,
	}, true, nil
}

// isHTMLType reports whether a Content-Type names an HTML page.
func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodePayload undoes the chunked transfer and gzip content encodings that
// a crawler may have recorded as served.
func decodePayload(r io.Reader, h http.Header, max int64) ([]byte, error) {
	if strings.EqualFold(strings.TrimSpace(h.Get("Transfer-Encoding")), "chunked") {
		r = httputil.NewChunkedReader(bufio.NewReader(r))
	}
	switch enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip payload: %w", err)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	body, err := readLimited(r, max)
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	return body, nil
}

// damaged returns an error when gowarc found a record cut short or its
// content not matching its digest; other findings (a record a few bytes
// off its expected offset, a missing header) do not spoil the page.
func damaged(validation []error) error {
	for _, v := range validation {
		var cl *gowarc.ContentLengthError
		var de *gowarc.DigestError
		if errors.As(v, &cl) || errors.As(v, &de) {
			return fmt.Errorf("damaged record: %w", v)
		}
	}
	return nil
}

package warcgen

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Writer appends response records to a WARC stream.
type Writer struct {
	w        io.Writer
	compress bool
	m        gowarc.Marshaler
	raw      bytes.Buffer // one record, uncompressed
	zbuf     bytes.Buffer // one gzip member
	zw       *gzip.Writer
	records  int64
	written  int64
}

// New returns a Writer to w; compress writes each record as its own gzip
// member, the .warc.gz layout.
func New(w io.Writer, compress bool) *Writer {
	x := &Writer{w: w, compress: compress, m: gowarc.NewMarshaler()}
	if compress {
		x.zw = gzip.NewWriter(&x.zbuf)
	}
	return x
}

// WriteResponse appends one HTTP 200 response record for uri, captured at
// fetched, with body served as text/html in UTF-8.
func (x *Writer) WriteResponse(uri string, fetched time.Time, body []byte) error {
	b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true))
	defer b.Close()
	head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(body))
	if _, err := b.WriteString(head); err != nil {
		return fmt.Errorf("record %d (%s): %w", x.records, uri, err)
	}
	if _, err := b.Write(body); err != nil {
		return fmt.Errorf("record %d (%s): %w", x.records, uri, err)
	}
	b.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", x.records))
	b.AddWarcHeader(gowarc.WarcDate, fetched.UTC().Format(time.RFC3339))
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	b.AddWarcHeader(gowarc.WarcTargetURI, uri)
	rec, _, err := b.Build()
	if err != nil {
		return fmt.Errorf("build record %d (%s): %w", x.records, uri, err)
	}
	defer rec.Close()
	x.raw.Reset()
	if _, _, err := x.m.Marshal(&x.raw, rec, 0); err != nil {
		return fmt.Errorf("marshal record %d (%s): %w", x.records, uri, err)
	}
	out := x.raw.Bytes()
	if x.compress {
		x.zbuf.Reset()
		x.zw.Reset(&x.zbuf)
		if _, err := x.zw.Write(out); err != nil {
			return fmt.Errorf("compress record %d (%s): %w", x.records, uri, err)
		}
		if err := x.zw.Close(); err != nil {
			return fmt.Errorf("compress record %d (%s): %w", x.records, uri, err)
		}
		out = x.zbuf.Bytes()
	}
	n, err := x.w.Write(out)
	x.written += int64(n)
	if err != nil {
		return fmt.Errorf("write record %d (%s): %w", x.records, uri, err)
	}
	x.records++
	return nil
}

// Records returns the number of records written.
func (x *Writer) Records() int64 { return x.records }

// Written returns the bytes written to the underlying writer.
func (x *Writer) Written() int64 { return x.written }

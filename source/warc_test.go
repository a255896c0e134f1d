package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// warcRecord is one record for writeWARC.
type warcRecord struct {
	typ    gowarc.RecordType
	uri    string
	ctype  string // WARC Content-Type
	block  string // the record block: HTTP message or other content
	digest bool
}

func httpResponse(status, contentType, extraHeaders, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s",
		status, contentType, extraHeaders, len(body), body)
}

// writeWARC writes records with gowarc, each in its own gzip member when
// compress is set, and returns the file's path.
func writeWARC(t testing.TB, dir, name string, compress bool, recs []warcRecord) string {
	t.Helper()
	var out bytes.Buffer
	m := gowarc.NewMarshaler()
	for i, r := range recs {
		b := gowarc.NewRecordBuilder(r.typ, gowarc.WithAddMissingDigest(true))
		if _, err := b.WriteString(r.block); err != nil {
			t.Fatal(err)
		}
		b.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", i))
		b.AddWarcHeader(gowarc.WarcDate, "2026-03-04T05:06:07Z")
		b.AddWarcHeader(gowarc.ContentType, r.ctype)
		if r.uri != "" {
			b.AddWarcHeader(gowarc.WarcTargetURI, r.uri)
		}
		rec, _, err := b.Build()
		if err != nil {
			t.Fatalf("build record %d: %v", i, err)
		}
		var w bytes.Buffer
		if _, _, err := m.Marshal(&w, rec, 0); err != nil {
			t.Fatalf("marshal record %d: %v", i, err)
		}
		if compress {
			out.Write(gz(t, w.Bytes()))
		} else {
			out.Write(w.Bytes())
		}
	}
	path := filepath.Join(dir, name)
	writeFile(t, path, out.Bytes())
	return path
}

func sampleRecords() []warcRecord {
	const resp = "application/http;msgtype=response"
	page := func(n int) string {
		return fmt.Sprintf("<html><body><p>Story number %d about talks in Oman.</p></body></html>", n)
	}
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write([]byte(page(3)))
	zw.Close()
	return []warcRecord{
		{typ: gowarc.Warcinfo, ctype: "application/warc-fields", block: "software: detente test\r\n"},
		{typ: gowarc.Request, uri: "https://news.example/1", ctype: "application/http;msgtype=request", block: "GET /1 HTTP/1.1\r\nHost: news.example\r\n\r\n"},
		{typ: gowarc.Response, uri: "https://news.example/1", ctype: resp, block: httpResponse("200 OK", "text/html; charset=utf-8", "", page(1))},
		{typ: gowarc.Response, uri: "https://news.example/missing", ctype: resp, block: httpResponse("404 Not Found", "text/html", "", "<p>gone</p>")},
		{typ: gowarc.Response, uri: "https://news.example/logo.png", ctype: resp, block: httpResponse("200 OK", "image/png", "", "\x89PNG\r\n")},
		{typ: gowarc.Response, uri: "https://news.example/2", ctype: resp, block: httpResponse("200 OK", "application/xhtml+xml", "", page(2))},
		{typ: gowarc.Response, uri: "https://news.example/3", ctype: resp, block: httpResponse("200 OK", "text/html", "Content-Encoding: gzip\r\n", zipped.String())},
		{typ: gowarc.Response, uri: "https://news.example/bin", ctype: resp, block: httpResponse("200 OK", "text/html", "", "\x00\x01\x02binary\x00")},
		{typ: gowarc.Response, uri: "https://news.example/4", ctype: resp, block: httpResponse("200 OK", "text/html", "", page(4))},
	}
}

func TestWARC(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", compress), func(t *testing.T) {
			dir := t.TempDir()
			path := writeWARC(t, dir, map[bool]string{false: "crawl.warc", true: "crawl.warc.gz"}[compress], compress, sampleRecords())
			pages, errs := collect(t, []string{path}, Options{})
			var urls []string
			for _, p := range pages {
				urls = append(urls, p.URL)
				if OriginPath(p.Origin) != path || p.Offset <= 0 || p.Fetched.Format("2006-01-02T15:04:05Z") != "2026-03-04T05:06:07Z" {
					t.Errorf("page %s: origin %s offset %d fetched %v", p.URL, p.Origin, p.Offset, p.Fetched)
				}
				if !strings.Contains(string(p.Body), "Story number") {
					t.Errorf("page %s body %q", p.URL, p.Body)
				}
			}
			want := "https://news.example/1 https://news.example/2 https://news.example/3 https://news.example/4"
			if strings.Join(urls, " ") != want {
				t.Errorf("pages %v, want %s", urls, want)
			}
			if len(errs) != 1 {
				t.Errorf("errors %v, want one for the binary page", errs)
			}
			for in, err := range errs {
				if !strings.HasPrefix(in, path+"@") || !strings.Contains(err.Error(), "not an HTML page") {
					t.Errorf("error for %s: %v", in, err)
				}
			}

			// Resuming from a checkpoint skips the pages before it,
			// whether the checkpoint is a record's start or one past the
			// start of the last record done.
			for _, from := range []int64{pages[2].Offset, pages[1].Offset + 1} {
				resumed, _ := collect(t, []string{path}, Options{ResumeFrom: map[string]int64{path: from}})
				var got []string
				for _, p := range resumed {
					got = append(got, p.URL)
				}
				if strings.Join(got, " ") != "https://news.example/3 https://news.example/4" {
					t.Errorf("resume from %d: %v", from, got)
				}
			}
			// The same through ResumeAt, as for a file found in a folder.
			at := func(_ context.Context, origin string) (int64, error) {
				if OriginPath(origin) != path {
					return 0, nil
				}
				return pages[3].Offset, nil
			}
			resumed, _ := collect(t, []string{dir}, Options{ResumeAt: at})
			if len(resumed) != 1 || resumed[0].URL != "https://news.example/4" {
				t.Errorf("ResumeAt: %d pages", len(resumed))
			}
		})
	}
}

func TestWARCTruncated(t *testing.T) {
	dir := t.TempDir()
	for _, compress := range []bool{false, true} {
		name := map[bool]string{false: "cut.warc", true: "cut.warc.gz"}[compress]
		full := writeWARC(t, dir, "full-"+name, compress, sampleRecords())
		data, err := os.ReadFile(full)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		writeFile(t, path, data[:len(data)-40])
		pages, errs := collect(t, []string{path}, Options{})
		if len(pages) != 3 {
			t.Errorf("%s: %d pages before the cut, want 3", name, len(pages))
		}
		found := false
		for in, err := range errs {
			if strings.HasPrefix(in, path) && strings.Contains(err.Error(), path+"@") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: errors %v, want one naming the file and offset", name, errs)
		}
	}
}

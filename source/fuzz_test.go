package source

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/detente-project/detente"
)

// FuzzWARC reads arbitrary bytes as a WARC file: it must end, with pages or
// errors, never a panic, and every page must point inside the file.
func FuzzWARC(f *testing.F) {
	dir := f.TempDir()
	for _, compress := range []bool{false, true} {
		name := "seed.warc"
		if compress {
			name += ".gz"
		}
		path := writeWARC(f, dir, name, compress, sampleRecords())
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\nHTTP/1.1 200 OK\r\n"))
	f.Add([]byte("\x1f\x8b\x08\x00garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "fuzz.warc"
		w := &walker{
			opts: Options{MaxBytes: 1 << 20, OnError: func(string, error) {}}.withDefaults(),
			fn: func(p detente.Page) error {
				if p.Offset < 0 || p.Offset >= int64(len(data)) || p.Origin != path {
					t.Errorf("page at offset %d of %d bytes, origin %s", p.Offset, len(data), p.Origin)
				}
				return nil
			},
		}
		err := w.warcStream(context.Background(), bytes.NewReader(data), path, path, 0)
		var s stop
		if errors.As(err, &s) {
			t.Errorf("warcStream = %v, want per-input errors only", err)
		}
	})
}

// FuzzFeed parses arbitrary bytes as a feed, as URL inputs and the watcher
// do: an error or a feed, never a panic.
func FuzzFeed(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title><link>https://x.example/1</link><guid>g</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>S</title><link href="https://x.example/3"/><id>a1</id><updated>2026-03-05T08:00:00Z</updated></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"https://x.example/1"}]}`))
	f.Add([]byte(`<?xml version="1.0"?><rss><channel><item><title>cut`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		_ = looksLikeFeed("", body)
		feed, err := parseFeed(bytes.Clone(body))
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			if it != nil {
				_, _ = itemKey(it), itemHash(it)
				_ = itemDate(it)
			}
		}
	})
}

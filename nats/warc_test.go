package nats

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// writeWARC writes an uncompressed WARC of HTML responses, one per body,
// and returns its path.
func writeWARC(t *testing.T, bodies map[string]string) string {
	t.Helper()
	var out bytes.Buffer
	m := gowarc.NewMarshaler()
	i := 0
	for uri, body := range bodies {
		b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true))
		fmt.Fprintf(b, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		b.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:6b1e0c58-0000-4000-8000-%012d>", i))
		b.AddWarcHeader(gowarc.WarcDate, "2026-03-12T10:00:00Z")
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
		rec, _, err := b.Build()
		if err != nil {
			t.Fatalf("build record %s: %v", uri, err)
		}
		if _, _, err := m.Marshal(&out, rec, 0); err != nil {
			t.Fatalf("marshal record %s: %v", uri, err)
		}
		i++
	}
	path := filepath.Join(t.TempDir(), "crawl.warc")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWARCItems(t *testing.T) {
	server := natsURL(t)
	store := openStore(t)
	cfg := testConfig(t, server)
	pages := map[string]string{}
	for _, it := range articles(t)[:3] {
		paras := strings.ReplaceAll(it.Record.Text, "\n\n", "</p>\n<p>")
		pages[it.Record.URL] = fmt.Sprintf("<!doctype html><html><head><title>%s</title>"+
			"<meta property=\"article:published_time\" content=\"%sT08:00:00Z\"></head><body><article><h1>%s</h1><p>%s</p>"+
			"</article></body></html>", it.Record.Title, it.Record.Published, it.Record.Title, paras)
	}
	path := writeWARC(t, pages)
	producer := openQueue(t, server, cfg)
	items := []Item{{Kind: KindWARC, Path: path}, {Kind: KindWARC, Path: filepath.Join(t.TempDir(), "absent.warc")}}
	if _, err := producer.Enqueue(context.Background(), items...); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	w := &Worker{Queue: openQueue(t, server, cfg), Pipeline: stages(t, store), Log: testLogger(t)}
	stop := start(t, w)
	want := Counts{Acked: 1, Terminated: 1}
	eventually(t, 30*time.Second, "both archives settled", func() (bool, string) {
		return w.Counts() == want, fmt.Sprintf("counts %+v, want %+v", w.Counts(), want)
	})
	drained(t, producer, 10*time.Second)
	if err := stop(); err != nil {
		t.Errorf("Run: %v", err)
	}
	if st := stats(t, store); st.Articles != len(pages) || st.Events == 0 {
		t.Errorf("stats %+v, want %d articles with events", st, len(pages))
	}
}

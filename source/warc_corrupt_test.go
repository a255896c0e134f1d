package source

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// A record whose header is corrupt cannot be read, and the reader skips to
// the next record: the skip is reported with the offset where the bad
// record starts, and the other records are still read.
func TestWARCCorruptHeaderReported(t *testing.T) {
	path := writeWARC(t, t.TempDir(), "c.warc", false, sampleRecords())
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	uri := bytes.Index(data, []byte("WARC-Target-URI: https://news.example/2"))
	start := bytes.LastIndex(data[:uri], []byte("WARC/1.1\r\n"))
	copy(data[start:], "WARX")
	writeFile(t, path, data)

	pages, errs := collect(t, []string{path}, Options{})
	var urls []string
	for _, p := range pages {
		urls = append(urls, p.URL)
	}
	if got := strings.Join(urls, " "); got != "https://news.example/1 https://news.example/3 https://news.example/4" {
		t.Errorf("pages %s", got)
	}
	where := path + "@" + strconv.Itoa(start)
	if err := errs[where]; err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("no report of the corrupt record at %s: %v", where, errs)
	}
}

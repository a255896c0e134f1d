package source

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// otherRecords are sampleRecords of another site: another archive.
func otherRecords() []warcRecord {
	recs := sampleRecords()
	for i := range recs {
		recs[i].uri = strings.ReplaceAll(recs[i].uri, "news.example", "other.example")
		recs[i].block = strings.ReplaceAll(recs[i].block, "Story number", "Another story, number")
	}
	return recs
}

// Checkpoints are kept per archive, not per path: the same archive
// resumes where it stopped, and another archive written to the same path
// is read from its beginning, plain or gzipped.
func TestResumeKeyedOnArchiveIdentity(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", compress), func(t *testing.T) {
			dir := t.TempDir()
			name := map[bool]string{false: "crawl.warc", true: "crawl.warc.gz"}[compress]
			path := writeWARC(t, dir, name, compress, sampleRecords())
			first, _ := collect(t, []string{path}, Options{})
			if len(first) != 4 {
				t.Fatalf("%d pages", len(first))
			}
			if OriginPath(first[0].Origin) != path {
				t.Errorf("origin %s does not name %s", first[0].Origin, path)
			}
			checkpoints := map[string]int64{first[0].Origin: first[2].Offset}
			at := func(_ context.Context, origin string) (int64, error) { return checkpoints[origin], nil }

			resumed, _ := collect(t, []string{path}, Options{ResumeAt: at})
			if len(resumed) != 2 || resumed[0].URL != first[2].URL {
				t.Errorf("the same archive resumed with %d pages, want the last 2", len(resumed))
			}

			writeWARC(t, dir, name, compress, otherRecords())
			other, errs := collect(t, []string{filepath.Join(dir, name)}, Options{ResumeAt: at})
			if len(other) != 4 || !strings.Contains(other[0].URL, "other.example") {
				t.Errorf("another archive at the same path gave %d pages (errors %v), want all 4", len(other), errs)
			}
		})
	}
	t.Run("jsonl", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a.jsonl")
		writeFile(t, path, []byte(`{"text":"one"}`+"\n"+`{"text":"two"}`+"\n"+`{"text":"three"}`+"\n"))
		first, _ := collect(t, []string{path}, Options{})
		checkpoints := map[string]int64{first[0].Origin: first[2].Offset}
		at := func(_ context.Context, origin string) (int64, error) { return checkpoints[origin], nil }
		if resumed, _ := collect(t, []string{path}, Options{ResumeAt: at}); len(resumed) != 1 {
			t.Errorf("the same file resumed with %d pages, want 1", len(resumed))
		}
		writeFile(t, path, []byte(`{"text":"uno"}`+"\n"+`{"text":"dos"}`+"\n"+`{"text":"tres"}`+"\n"))
		if other, _ := collect(t, []string{path}, Options{ResumeAt: at}); len(other) != 3 {
			t.Errorf("another file at the same path gave %d pages, want 3", len(other))
		}
	})
}

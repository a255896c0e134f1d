package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/internal/warcgen"
	"github.com/detente-project/detente/source"
	"github.com/detente-project/detente/sqlite"
)

// writeDemoWARC writes n distinct articles (demo pages with unique URLs and
// canonical links) to a WARC, gzip-compressed when compress is set.
func writeDemoWARC(t *testing.T, path string, n int, compress bool) {
	t.Helper()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := warcgen.New(f, compress)
	for i := range n {
		p := warcgen.Unique(pages[i%len(pages)], i)
		if err := w.WriteResponse(p.URL, p.Fetched, p.Body); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// checkpointIn reads the resume checkpoint an ingest stored for the
// archive at path in a SQLite file another process may be writing; 0 while
// there is none or the file cannot be read yet.
func checkpointIn(db, path string) int64 {
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	origin, err := source.FileOrigin(path)
	if err != nil {
		return 0
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return 0
	}
	defer st.Close()
	v, ok, err := st.GetState(ctx, "checkpoint:"+origin)
	if err != nil || !ok {
		return 0
	}
	off, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0
	}
	return off
}

// pairsIn returns the tension ranking of every undirected and directed
// pair in a SQLite file, without the pairs' last alerts (stamped with the
// time they were raised).
func pairsIn(t *testing.T, db string) []detente.PairSummary {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out []detente.PairSummary
	for _, directed := range []bool{false, true} {
		ps, err := st.Pairs(ctx, detente.PairFilter{Directed: directed, Limit: 1000})
		if err != nil {
			t.Fatalf("pairs of %s: %v", db, err)
		}
		for _, p := range ps {
			p.LastAlert = nil
			out = append(out, p)
		}
	}
	return out
}

// pagesRead returns the pages field of the "ingest done" line of a JSON log.
func pagesRead(t *testing.T, log []byte) int {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(log))
	for sc.Scan() {
		var line struct {
			Msg   string `json:"msg"`
			Pages int    `json:"pages"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "ingest done" {
			return line.Pages
		}
	}
	t.Fatalf("no \"ingest done\" line in the log:\n%s", log)
	return 0
}

// An ingest of a WARC killed with SIGKILL part-way resumes from its stored
// checkpoint: the rerun reads only the records after it, and ends with the
// counts and tension rankings of an uninterrupted run.
func TestWARCIngestKilledResumesFromCheckpoint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildDetente(t)
	for _, tc := range []struct {
		name     string
		file     string
		compress bool
	}{
		{"warc", "crawl.warc", false},
		{"warc.gz", "crawl.warc.gz", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const total = 150
			tmp := t.TempDir()
			archive := filepath.Join(tmp, tc.file)
			writeDemoWARC(t, archive, total, tc.compress)

			ref := filepath.Join(tmp, "ref.db")
			want := ingestUninterrupted(t, bin, ref, archive, total)

			// Kill once a first batch is stored and its checkpoint saved
			// (a later transaction).
			killed := filepath.Join(tmp, "killed.db")
			stored := ingestKilled(t, bin, killed, archive, total, func() bool { return checkpointIn(killed, archive) > 0 })
			ck := checkpointIn(killed, archive)
			if ck <= 0 {
				t.Fatalf("killed run stored %d articles but no checkpoint for %s", stored, archive)
			}
			t.Logf("killed after %d of %d articles, checkpoint at byte %d", stored, total, ck)

			out, err := exec.Command(bin, "ingest", "--db", killed, archive).CombinedOutput()
			if err != nil {
				t.Fatalf("rerun: %v\n%s", err, out)
			}
			// The rerun skips what the checkpoint covers: at most the
			// stored pages, at least the pages of the batches whose
			// checkpoint was saved.
			if n := pagesRead(t, out); n >= total || n < total-stored {
				t.Errorf("rerun read %d pages; with %d of %d stored before it, want fewer than %d and at least %d",
					n, stored, total, total, total-stored)
			}
			if got := statsOf(t, bin, killed); got != want {
				t.Errorf("after kill and rerun: %+v, uninterrupted: %+v", got, want)
			}
			wantPairs := pairsIn(t, ref)
			if len(wantPairs) == 0 {
				t.Fatal("the uninterrupted ingest ranked no pairs: nothing to compare tension with")
			}
			if got, want := pairsIn(t, killed), wantPairs; !reflect.DeepEqual(got, want) {
				t.Errorf("tension after kill and rerun:\n%+v\nuninterrupted:\n%+v", got, want)
			}
			if ck := checkpointIn(killed, archive); ck <= 0 {
				t.Errorf("after the rerun the checkpoint of %s is %d", archive, ck)
			}
		})
	}
}

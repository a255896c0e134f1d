package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// benchCmd runs "detente bench ARGS" in process and returns its stdout.
func benchCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, log: slog.New(slog.DiscardHandler)}
	err := dispatch(context.Background(), e, append([]string{"bench"}, args...))
	return out.String(), err
}

// tableRows returns the fields of the table lines: those of n fields that
// start with a number.
func tableRows(out string, n int) [][]string {
	var rows [][]string
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) == n {
			if _, err := strconv.Atoi(f[0]); err == nil {
				rows = append(rows, f)
			}
		}
	}
	return rows
}

// The pipeline bench reads every page of the archive at every worker count
// and prints positive rates, ratios and scaling.
func TestBenchPipelineOverDemoWARC(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline several times")
	}
	const n = 12
	path := filepath.Join(t.TempDir(), "demo.warc.gz")
	writeDemoWARC(t, path, n, true)
	out, err := benchCmd(t, "pipeline", "--warc", path, "--workers", "1,2", "--repeat", "1")
	if err != nil {
		t.Fatalf("bench pipeline: %v\n%s", err, out)
	}
	if !strings.Contains(out, strconv.Itoa(n)+" pages from demo.warc.gz") {
		t.Errorf("table does not name %d pages of demo.warc.gz:\n%s", n, out)
	}
	rows := tableRows(out, 11)
	if len(rows) != 2 {
		t.Fatalf("want a row for 1 and 2 workers, got %d rows:\n%s", len(rows), out)
	}
	for i, r := range rows {
		if r[0] != strconv.Itoa(i+1) || r[10] != "0" {
			t.Errorf("row %q: want workers %d and no failed page", r, i+1)
			continue
		}
		for _, c := range r[1:10] {
			if v, err := strconv.ParseFloat(strings.TrimSuffix(c, "x"), 64); err != nil || v <= 0 {
				t.Errorf("row %q: column %q is not a positive rate", r, c)
			}
		}
	}
}

func TestBenchPipelineAndRSSErrors(t *testing.T) {
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "empty.warc")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"zero workers", []string{"pipeline", "--workers", "1,0"}, `--workers: "1,0"`},
		{"workers not numbers", []string{"pipeline", "--workers", "one"}, `--workers: "one"`},
		{"no repeat", []string{"pipeline", "--repeat", "0"}, "--repeat 0"},
		{"missing benchmark", []string{"pipeline", "--dir", filepath.Join(tmp, "none")}, "ground-truth.json"},
		{"missing archive", []string{"pipeline", "--warc", filepath.Join(tmp, "none.warc")}, "none.warc"},
		{"archive without pages", []string{"pipeline", "--warc", empty}, "empty.warc: no HTML response records"},
		{"stray argument", []string{"pipeline", "extra"}, "unexpected arguments"},
		{"bad size", []string{"warc-rss", "--size", "lots"}, `--size: "lots"`},
		{"negative size", []string{"warc-rss", "--size", "-1GB"}, `--size: "-1GB"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := benchCmd(t, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("bench %q: error %v, want one containing %q", tc.args, err, tc.want)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"1GB", 1 << 30},
		{"1.5gb", 3 << 29},
		{"300MB", 300 << 20},
		{" 512 KB ", 512 << 10},
		{"100B", 100},
		{"4096", 4096},
	} {
		got, err := parseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "GB", "0MB", "-3KB", "1TB", "ten", "NaN", "infGB", "9e99GB", "0.1B"} {
		if n, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", bad, n)
		}
	}
}

func TestProcField(t *testing.T) {
	path := filepath.Join(t.TempDir(), "status")
	status := "Name:\tdetente\nVmHWM:\t  20480 kB\nVmRSS:\t   10240 kB\npos:\t77\nbroken:\tx kB\nempty:\n"
	if err := os.WriteFile(path, []byte(status), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key  string
		want int64
		ok   bool
	}{
		{"VmHWM:", 20480, true},
		{"VmRSS:", 10240, true},
		{"pos:", 77, true},
		{"broken:", 0, false},
		{"empty:", 0, false},
		{"VmSwap:", 0, false},
	} {
		if got, ok := procField(path, tc.key); got != tc.want || ok != tc.ok {
			t.Errorf("procField(%q) = %d, %t; want %d, %t", tc.key, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := procField(filepath.Join(t.TempDir(), "gone"), "VmRSS:"); ok {
		t.Error("procField of a missing file reported a value")
	}
}

// The RSS bench writes both archives, ingests every record of each as a
// distinct article in a child process and reports a peak memory for it.
func TestBenchWARCRSSSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs two ingests")
	}
	bin := buildDetente(t)
	out, err := exec.Command(bin, "bench", "warc-rss", "--size", "2MB", "--page-kb", "20", "--workers", "1", "--timeout", "5m").CombinedOutput()
	if err != nil {
		t.Fatalf("bench warc-rss: %v\n%s", err, out)
	}
	var rows [][]string
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) == 9 && strings.HasPrefix(f[0], "gen-") {
			rows = append(rows, f)
		}
	}
	if len(rows) != 2 {
		t.Fatalf("want rows for two archives:\n%s", out)
	}
	for _, r := range rows {
		records, _ := strconv.Atoi(r[2])
		articles, _ := strconv.Atoi(r[3])
		peak, _ := strconv.ParseFloat(r[8], 64)
		if records == 0 || articles != records || peak <= 0 {
			t.Errorf("row %q: want every record stored as an article and a positive peak RSS", r)
		}
	}
}

// Flag values are outside input: any string gives a positive result or an
// error naming it, never a panic.
func FuzzBenchFlags(f *testing.F) {
	for _, s := range []string{"1GB", "1.5gb", "300MB", "4096", "", "-1", "1,2,4", "0", "1,,2", "9e99GB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, err := parseSize(s); err == nil && n <= 0 {
			t.Errorf("parseSize(%q) = %d with no error", s, n)
		} else if err != nil && !strings.Contains(err.Error(), strconv.Quote(s)) {
			t.Errorf("parseSize(%q): error %q does not name the input", s, err)
		}
		ws, err := parseWorkers(s)
		if err == nil && len(ws) == 0 {
			t.Errorf("parseWorkers(%q) gave no worker count and no error", s)
		}
		for _, w := range ws {
			if w < 1 {
				t.Errorf("parseWorkers(%q) = %v", s, ws)
			}
		}
	})
}

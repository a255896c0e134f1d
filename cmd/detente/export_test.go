package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
)

func exportDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "detente.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WriteDocuments(context.Background(), storetest.Corpus()); err != nil {
		t.Fatal(err)
	}
	return path
}

func runCmd(args ...string) (string, string, error) {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, log: newLogger(&stderr)}
	err := dispatch(context.Background(), e, args)
	return stdout.String(), stderr.String(), err
}

func TestExport(t *testing.T) {
	db := exportDB(t)
	tests := []struct {
		name  string
		args  []string
		lines int    // lines written to stdout
		first string // start of the first line
	}{
		{"csv", []string{"--format", "csv"}, 9, "id,date,source_code"},
		{"csv days", []string{"--format", "csv", "--from", "2025-03-04", "--to", "2025-03-05"}, 5, "id,date"},
		{"jsonl", []string{"--format", "jsonl"}, 8, `{"id":`},
		{"jsonl all", []string{"--format", "jsonl", "--all"}, 10, `{"id":`},
		{"jsonl pair", []string{"--format", "jsonl", "--pair", "usa,irn"}, 2, `{"id":`},
		{"jsonl pair key", []string{"--format", "jsonl", "--pair", "IRN-USA"}, 2, `{"id":`},
		{"jsonl pair key either order", []string{"--format", "jsonl", "--pair", "usa-irn"}, 2, `{"id":`},
		{"gdelt", []string{"--format", "gdelt", "--to", "2025-03-01"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, err := runCmd(append([]string{"export", "--db", db}, tt.args...)...)
			if err != nil {
				t.Fatalf("export: %v (%s)", err, stderr)
			}
			if n := strings.Count(out, "\n"); n != tt.lines {
				t.Errorf("%d lines, want %d:\n%s", n, tt.lines, out)
			}
			if !strings.HasPrefix(out, tt.first) {
				t.Errorf("output starts %.40q, want %q", out, tt.first)
			}
		})
	}
	out := filepath.Join(t.TempDir(), "events.parquet")
	if _, stderr, err := runCmd("export", "--db", db, "--format", "parquet", "--out", out); err != nil {
		t.Fatalf("parquet export: %v (%s)", err, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("PAR1")) || !bytes.HasSuffix(b, []byte("PAR1")) {
		t.Errorf("parquet file: %d bytes, %v; want PAR1 magic at both ends", len(b), err)
	}
}

func TestExportErrors(t *testing.T) {
	db := exportDB(t)
	missing := filepath.Join(t.TempDir(), "none.db")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no format", []string{"--db", db}, `unknown --format ""`},
		{"bad format", []string{"--db", db, "--format", "xml"}, `unknown --format "xml"`},
		{"bad date", []string{"--db", db, "--format", "csv", "--from", "03/01/2025"}, `--from "03/01/2025" is not a date`},
		{"reversed dates", []string{"--db", db, "--format", "csv", "--from", "2025-03-02", "--to", "2025-03-01"}, "before --from"},
		{"half pair", []string{"--db", db, "--format", "csv", "--pair", "USA"}, `--pair "USA"`},
		{"missing db", []string{"--db", missing, "--format", "csv"}, "none.db"},
		{"bad pair code", []string{"--db", db, "--format", "csv", "--pair", "U S,IRN"}, "not an actor code"},
		{"pair key with itself", []string{"--db", db, "--format", "csv", "--pair", "IRN-IRN"}, "itself"},
		{"argument", []string{"--db", db, "--format", "csv", "extra"}, `unexpected argument "extra"`},
		{"unwritable out", []string{"--db", db, "--format", "csv", "--out", filepath.Join(t.TempDir(), "no", "such", "dir", "x.csv")}, "export"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCmd(append([]string{"export"}, tt.args...)...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("export created a database")
	}
}

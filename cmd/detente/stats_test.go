package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Commands that only read a database say that it is missing rather than
// create an empty one.
func TestReadersCreateNoDatabase(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "detente.db")
	for _, args := range [][]string{{"stats", "--db", missing}, {"rebuild", "--db", missing}} {
		_, _, err := runCmd(args...)
		if err == nil || !strings.Contains(err.Error(), missing) {
			t.Errorf("%s: error %v, want one naming %s", args[0], err, missing)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("%s created %s", args[0], missing)
		}
	}
	db := exportDB(t)
	out, _, err := runCmd("stats", "--db", db)
	if err != nil || !strings.Contains(out, "articles") {
		t.Errorf("stats of a database: %q, %v", out, err)
	}
}

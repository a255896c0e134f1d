package coder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDictVersion checks that every kind of dictionary file changes the
// version recorded on events: actors, verbs and the gazetteer.
func TestDictVersion(t *testing.T) {
	base, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if parts := strings.Split(base.DictVersion(), "-"); len(parts) != 3 {
		t.Fatalf("DictVersion %q: want actor, verb and gazetteer hashes", base.DictVersion())
	}
	files := []struct{ name, data string }{
		{"mine.txt", "FRA : Gaul\n"},
		{"verbs-mine.txt", "111 : scold +\n"},
		{"places-mine.txt", "FRA | Lutetia | 48.86 | 2.35\n"},
		{"blocks-mine.txt", "--- : Gallic Sea\n"},
	}
	seen := map[string]string{base.DictVersion(): "embedded"}
	for _, f := range files {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := New(WithDictDir(dir))
		if err != nil {
			t.Fatal(err)
		}
		v := c.DictVersion()
		if prev, dup := seen[v]; dup {
			t.Errorf("%s: version %q same as with %s", f.name, v, prev)
		}
		seen[v] = f.name
		evs := c.CodeText("Iran accused Israel of lying.", day2015)
		if len(evs) == 0 || evs[0].DictVersion != v {
			t.Errorf("%s: events %s do not carry %q", f.name, render(evs), v)
		}
	}
}

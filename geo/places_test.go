package geo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	g, err := Parse("p.txt", strings.NewReader("# c\nOMN | Muscat | 23.588 | 58.383\n\nOMN | Muscat | 1 | 1\nIRN | Tehran | 35.69 | 51.39\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := g.Lookup("MUSCAT")
	if !ok || p.Country != "OMN" || p.Lat != 23.588 || p.Source != "p.txt:2" {
		t.Errorf("Muscat = %+v, %v", p, ok)
	}
	if _, ok := g.Lookup("Paris"); ok || g.Len() != 2 {
		t.Errorf("unexpected places: %d", g.Len())
	}
	other, err := Parse("p.txt", strings.NewReader("OMN | Muscat | 23.6 | 58.4\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Version()) != 16 || other.Version() == g.Version() {
		t.Errorf("versions %q and %q", g.Version(), other.Version())
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"OMN | Muscat | 23\n", "p.txt:1: want ISO3"},
		{"om | Muscat | 1 | 2\n", "country"},
		{"OMN |  | 1 | 2\n", "empty place"},
		{"OMN | X | 91 | 2\n", "latitude"},
		{"OMN | X | 1 | east\n", "longitude"},
	}
	for _, tt := range tests {
		if _, err := Parse("p.txt", strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("OMN | Muscat | 23.588 | 58.383\n")
	f.Add("X|Y|Z|W\n# c\n")
	f.Fuzz(func(t *testing.T, in string) {
		g, err := Parse("f.txt", strings.NewReader(in))
		if err != nil {
			if !strings.Contains(err.Error(), "f.txt") {
				t.Fatalf("error without file: %v", err)
			}
			return
		}
		for k, p := range g.byName {
			if k == "" || len(p.Country) != 3 && p.Country != "" {
				t.Fatalf("bad place %q %+v", k, p)
			}
		}
	})
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "places-mine.txt"), []byte("FRA | Muscat | 1 | 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	p, ok := base.Lookup("Muscat")
	if !ok || p.Country != "OMN" {
		t.Errorf("embedded Muscat = %+v", p)
	}
	mine, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := mine.Lookup("muscat"); p.Country != "FRA" || p.Source != "places-mine.txt:1" {
		t.Errorf("override Muscat = %+v", p)
	}
	if len(base.Version()) != 16 || mine.Version() == base.Version() {
		t.Errorf("versions %q and %q: want a 16-digit hash that a gazetteer file changes", base.Version(), mine.Version())
	}
	if again, err := Load(""); err != nil || again.Version() != base.Version() {
		t.Errorf("version of the same files changed: %q, %q (%v)", again.Version(), base.Version(), err)
	}
	var none *Gazetteer
	if none.Version() != "" {
		t.Error("nil gazetteer has a version")
	}
	text := "golan heights on saturday"
	if p, n, ok := base.Longest(text, []int{5, 13, 16, 25}); !ok || n != 2 || p.Country != "SYR" {
		t.Errorf("Longest = %+v, %d, %v", p, n, ok)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(""); err != nil {
			b.Fatal(err)
		}
	}
}

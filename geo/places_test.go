package geo

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/detente-project/detente/actor"
)

func TestParse(t *testing.T) {
	g, rep, err := Parse("p.txt", strings.NewReader("# c\nOMN | Muscat | 23.588 | 58.383\n\nOMN | Muscat | 1 | 1\nIRN | Tehran | 35.69 | 51.39\n"))
	if err != nil || rep.Entries != 2 || len(rep.Warnings) != 0 || rep.File != "p.txt" || rep.Format != actor.FormatPlaces {
		t.Fatalf("error %v, report %+v", err, rep)
	}
	p, ok := g.Lookup("MUSCAT")
	if !ok || p.Country != "OMN" || p.Lat != 23.588 || p.Source != "p.txt:2" {
		t.Errorf("Muscat = %+v, %v", p, ok)
	}
	if _, ok := g.Lookup("Paris"); ok || g.Len() != 2 {
		t.Errorf("unexpected places: %d", g.Len())
	}
	other, _, err := Parse("p.txt", strings.NewReader("OMN | Muscat | 23.6 | 58.4\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Version()) != 16 || other.Version() == g.Version() {
		t.Errorf("versions %q and %q", g.Version(), other.Version())
	}
}

// TestParseWarnings feeds malformed lines: each is skipped with a warning
// naming its file, line and fault, and the good line after it still loads.
func TestParseWarnings(t *testing.T) {
	tests := []struct{ in, warning string }{
		{"OMN | Muscat | 23\n", "p.txt:1: want ISO3 | Place | lat | lon, got 3 fields; skipped"},
		{"# c\nom | Muscat | 1 | 2\n", `p.txt:2: country "om": want an ISO 3166-1 alpha-3 code or ---; skipped`},
		{"OMN |  | 1 | 2\n", "p.txt:1: empty place name; skipped"},
		{"OMN | X | 91 | 2\n", `p.txt:1: latitude "91": want a number in -90..90; skipped`},
		{"OMN | X | NaN | 2\n", `p.txt:1: latitude "NaN": want a number in -90..90; skipped`},
		{"OMN | X | 1 | east\n", `p.txt:1: longitude "east": want a number in -180..180; skipped`},
		{"OMN | " + strings.Repeat("X", actor.MaxLine) + " | 1 | 2\n", "p.txt:1: line longer than 4194304 bytes; skipped"},
	}
	for _, tt := range tests {
		in := tt.in + "IRN | Tehran | 35.69 | 51.39\n"
		g, rep, err := Parse("p.txt", strings.NewReader(in))
		if err != nil {
			t.Fatalf("Parse(%q) error %v", in, err)
		}
		if len(rep.Warnings) != 1 || rep.Warnings[0].String() != tt.warning || rep.Skipped != 1 {
			t.Errorf("Parse(%q) warnings %v (%d skipped), want %q", tt.in, rep.Warnings, rep.Skipped, tt.warning)
		}
		if _, ok := g.Lookup("tehran"); !ok || g.Len() != 1 || rep.Entries != 1 {
			t.Errorf("Parse(%q): %d places (%d reported), want Tehran of the next line only", in, g.Len(), rep.Entries)
		}
	}
}

// TestEmbeddedNoWarnings reads the embedded gazetteer: a line of ours that
// Parse skips is a mistake to fix, not a warning to ship.
func TestEmbeddedNoWarnings(t *testing.T) {
	g, rep, err := Parse("places.txt", bytes.NewReader(placesFile))
	if err != nil || len(rep.Warnings) != 0 || rep.Skipped != 0 || g.Len() == 0 {
		t.Errorf("places.txt: %d places, error %v, warnings %v", g.Len(), err, rep.Warnings)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("OMN | Muscat | 23.588 | 58.383\n")
	f.Add("X|Y|Z|W\n# c\n")
	f.Add("OMN | Muscat | 23\nom | M | 1 | 2\r\nOMN |  | 1 | 2\nOMN | X | nan | 2\nOMN | X | 1 | -Inf\nIRN | Tehran | 35.69 | 51.39")
	f.Fuzz(func(t *testing.T, in string) {
		g, rep, err := Parse("f.txt", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "read f.txt") {
				t.Fatalf("error other than reading: %v", err)
			}
			return
		}
		lines := strings.Count(in, "\n") + 1
		for _, w := range rep.Warnings {
			if w.File != "f.txt" || w.Line < 1 || w.Line > lines || !strings.HasPrefix(w.String(), "f.txt:"+strconv.Itoa(w.Line)+": ") {
				t.Fatalf("warning without file:line: %+v", w)
			}
		}
		if rep.Entries != g.Len() || rep.Skipped != len(rep.Warnings) {
			t.Fatalf("report %+v for %d places", rep, g.Len())
		}
		for k, p := range g.byName {
			if k == "" || len(p.Country) != 3 && p.Country != "" || !(p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180) {
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
	base, reps, err := Load("")
	if err != nil || len(reps) != 0 {
		t.Fatalf("error %v, reports %+v without a folder", err, reps)
	}
	p, ok := base.Lookup("Muscat")
	if !ok || p.Country != "OMN" {
		t.Errorf("embedded Muscat = %+v", p)
	}
	mine, reps, err := Load(dir)
	if err != nil || len(reps) != 1 || reps[0].File != "places-mine.txt" || reps[0].Entries != 1 {
		t.Fatalf("error %v, reports %+v", err, reps)
	}
	if p, _ := mine.Lookup("muscat"); p.Country != "FRA" || p.Source != "places-mine.txt:1" {
		t.Errorf("override Muscat = %+v", p)
	}
	if len(base.Version()) != 16 || mine.Version() == base.Version() {
		t.Errorf("versions %q and %q: want a 16-digit hash that a gazetteer file changes", base.Version(), mine.Version())
	}
	if again, _, err := Load(""); err != nil || again.Version() != base.Version() {
		t.Errorf("version of the same files changed: %q, %q (%v)", again.Version(), base.Version(), err)
	}
	// A typo in a gazetteer of the folder costs its line only.
	if err := os.WriteFile(filepath.Join(dir, "places-typo.txt"), []byte("GBR | Atlantis | 1\nGBR | Lyonesse | 50 | -6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	typo, reps, err := Load(dir)
	if err != nil || len(reps) != 2 || reps[1].File != "places-typo.txt" || reps[1].Entries != 1 || len(reps[1].Warnings) != 1 ||
		reps[1].Warnings[0].String() != "places-typo.txt:1: want ISO3 | Place | lat | lon, got 3 fields; skipped" {
		t.Fatalf("with a typo: error %v, reports %+v", err, reps)
	}
	if p, _ := typo.Lookup("lyonesse"); p.Country != "GBR" {
		t.Errorf("the line after the typo: Lyonesse = %+v", p)
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
		if _, _, err := Load(""); err != nil {
			b.Fatal(err)
		}
	}
}

package actor

import (
	"io/fs"
	"path"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParse(t *testing.T) {
	in := "# comment\n\nUSA : United States | U.S. | US\nUSAGOV 2009-01-20..2017-01-20 : Barack Obama\n"
	es, rep, err := Parse("x.txt", strings.NewReader(in), false)
	if err != nil || len(rep.Warnings) != 0 || rep.Entries != 4 || rep.Format != FormatActors {
		t.Fatalf("error %v, report %+v", err, rep)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 4 {
		t.Fatalf("got %d entries, want 4", len(es))
	}
	tests := []struct {
		i                         int
		code, country, agent, src string
		exact                     bool
	}{
		{0, "USA", "USA", "", "x.txt:3", false},
		{1, "USA", "USA", "", "x.txt:3", false},
		{2, "USA", "USA", "", "x.txt:3", true},
		{3, "USAGOV", "USA", "GOV", "x.txt:4", false},
	}
	for _, tt := range tests {
		e := es[tt.i]
		if e.Code != tt.code || e.Country != tt.country || e.Agent != tt.agent || e.Source != tt.src || e.exact != tt.exact {
			t.Errorf("entry %d = %+v, want %+v", tt.i, e, tt)
		}
	}
	if !es[3].From.Equal(day("2009-01-20")) || !es[3].To.Equal(day("2017-01-20")) {
		t.Errorf("dates = %v..%v", es[3].From, es[3].To)
	}
}

// TestParseWarnings feeds malformed lines: each is skipped with a warning
// naming its file, line and fault, and the good line after it still loads.
func TestParseWarnings(t *testing.T) {
	tests := []struct {
		in      string
		agents  bool
		warning string
	}{
		{"USA United States\n", false, "x.txt:1: missing ':' between code and phrases; skipped"},
		{"# c\nusa : America\n", false, `x.txt:2: code "usa": want upper-case letters (and digits after the third); skipped`},
		{"USA 2009-13-01.. : America\n", false, `x.txt:1: date range "2009-13-01..": parsing time "2009-13-01": month out of range; skipped`},
		{"USA 2010-01-01..2009-01-01 : America\n", false, `x.txt:1: date range "2010-01-01..2009-01-01": FROM must be before TO; skipped`},
		{"USA .. : America\n", false, `x.txt:1: date range "..": want FROM..TO; skipped`},
		{"USA : America | ''\n", false, `x.txt:1: phrase "''" has no words; skipped`},
		{"USA GOV 2001-01-01.. : America\n", false, `x.txt:1: want CODE or CODE FROM..TO before ':', got "USA GOV 2001-01-01.."; skipped`},
		{"-- : Red Sea\n", false, `x.txt:1: code "--": want upper-case letters (and digits after the third); skipped`},
		{"---- : Red Sea\n", false, `x.txt:1: code "----": want upper-case letters (and digits after the third); skipped`},
		{"--X : Red Sea\n", false, `x.txt:1: code "--X": want upper-case letters (and digits after the third); skipped`},
		{"XYZ : things\n", true, `x.txt:1: unknown agent code "XYZ"; skipped`},
		{"--- : things\n", true, `x.txt:1: blocking code "---" in an agent dictionary; skipped`},
		{"USA : " + strings.Repeat("America ", MaxLine/8) + "\n", false, "x.txt:1: line longer than 4194304 bytes; skipped"},
	}
	for _, tt := range tests {
		good, want := "IRN : Iran\n", "IRN"
		if tt.agents {
			good, want = "GOV : officials\n", "GOV"
		}
		in := tt.in + good
		es, rep, err := Parse("x.txt", strings.NewReader(in), tt.agents)
		if err != nil {
			t.Fatalf("Parse(%q) error %v", in, err)
		}
		if len(rep.Warnings) != 1 || rep.Warnings[0].String() != tt.warning || rep.Skipped != 1 {
			t.Errorf("Parse(%q) warnings %v (%d skipped), want %q", tt.in, rep.Warnings, rep.Skipped, tt.warning)
		}
		if len(es) != 1 || es[0].Code != want || rep.Entries != 1 {
			t.Errorf("Parse(%q) = %+v (%d entries reported), want the one %s entry of the next line", in, es, rep.Entries, want)
		}
	}
}

// TestEmbeddedNoWarnings reads every embedded dictionary as Load does: a
// line of ours that Parse skips is a mistake to fix, not a warning to ship.
func TestEmbeddedNoWarnings(t *testing.T) {
	names, err := fs.Glob(embedded, "dict/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("embedded dictionaries %v: %v", names, err)
	}
	for _, n := range names {
		b, err := embedded.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		base := path.Base(n)
		es, rep, err := parseFile(base, Classify(base, nil), b)
		if err != nil || len(rep.Warnings) != 0 || rep.Skipped != 0 || len(es) == 0 {
			t.Errorf("%s: %d entries, error %v, warnings %v", n, len(es), err, rep.Warnings)
		}
	}
}

func TestParseBlock(t *testing.T) {
	es, _, err := Parse("x.txt", strings.NewReader("--- : South China Sea | Latin American\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("got %d entries, want 2", len(es))
	}
	for _, e := range es {
		if !e.Block || e.Code != BlockCode || e.Country != "" || e.Agent != "" || e.IsAgent {
			t.Errorf("entry %+v: want a blocking entry without country or agent", e)
		}
	}
	if got := strings.Join(es[0].words, " "); got != "south china sea" {
		t.Errorf("words = %q", got)
	}
}

func TestIsExact(t *testing.T) {
	for p, want := range map[string]bool{"US": true, "UK": true, "IS": true, "NATO": true, "U.S.": false, "Iran": false, "UNHCR": false, "us": false} {
		if got := isExact(p); got != want {
			t.Errorf("isExact(%q) = %v, want %v", p, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("USA : United States | U.S.\n", false)
	f.Add("USAGOV 2009-01-20.. : Obama\n# x\n", false)
	f.Add("GOV : officials | minister\n", true)
	f.Add("X :\n:\n..\n", false)
	f.Add("--- : Red Sea | the West\n", false)
	f.Add("USA United States\nusa : x\nUSA 2010-01-01..2009-01-01 : y\nIRN : Iran | ''\nGBR : UK", false)
	f.Add("XYZ : things\n--- : things\r\nGOV : minister\n", true)
	f.Fuzz(func(t *testing.T, in string, agents bool) {
		es, rep, err := Parse("f.txt", strings.NewReader(in), agents)
		if err != nil && !strings.HasPrefix(err.Error(), "read f.txt") {
			t.Fatalf("error other than reading: %v", err)
		}
		checkWarnings(t, "f.txt", in, rep)
		if rep.Entries != len(es) {
			t.Fatalf("report says %d entries, got %d", rep.Entries, len(es))
		}
		for _, e := range es {
			if len(e.words) == 0 || e.Code == "" || e.Block && (agents || e.Country != "") {
				t.Fatalf("empty entry %+v", e)
			}
		}
	})
}

package coder

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/detente-project/detente/actor"
)

func TestReadPetrarchVerbs(t *testing.T) {
	f, err := os.Open("testdata/sample.verbs")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, rep, err := ReadPetrarchVerbs("sample.verbs", f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.Source[len("sample.verbs:"):]+" "+r.Code+" "+r.Text)
	}
	want := []string{
		"8 112 accuse +",
		"9 112 blame +",
		"10 1123 accuse + of aggression",
		"10 1123 blame + of aggression",
		"11 112 accuse by $",
		"11 112 blame by $",
		"16 1123 ignore soldier/soldiers/troops",
		"16 1123 ignore armed unit",
		"16 1123 ignore armed units",
		"18 0874 pull out +",
		"20 0874 pull out from +",
	}
	if g := strings.Join(got, "\n"); g != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", g, strings.Join(want, "\n"))
	}
	if !contains(rs[0].Forms, "accusing") || !contains(rs[9].Forms, "pulled") {
		t.Errorf("forms %v, %v", rs[0].Forms, rs[9].Forms)
	}
	// Unused: "* (TO) [---]", "HOTLY * +", "RE_+PULL" and the transformation.
	if rep.Entries != len(rs) || rep.Skipped != 0 || rep.Unused != 4 || len(rep.Warnings) != 0 {
		t.Errorf("report %+v", rep)
	}
}

// TestReadPetrarchVerbsWarnings feeds odd lines: each gives a warning
// naming its line, the rules around it are kept, and nothing is an error.
func TestReadPetrarchVerbsWarnings(t *testing.T) {
	const block = "--- ACCUSE [112] ---\nACCUSE\n"
	tests := []struct {
		in, warning string
		skipped     int
	}{
		{"- * + [112]\n" + block, "s.verbs:1: pattern before any verb; skipped", 1},
		{block + "- * + 112\n", `s.verbs:3: pattern "* + 112" has no [CODE]; skipped`, 1},
		{block + "- + OF [112]\n", `s.verbs:3: pattern "+ OF [112]" has 0 '*' for the verb, want one; skipped`, 1},
		{block + "- * * [112]\n", `s.verbs:3: pattern "* * [112]" has 2 '*' for the verb, want one; skipped`, 1},
		{block + "- * + [112] X\n", `s.verbs:3: text after the code of pattern "* + [112] X"; skipped`, 1},
		{block + "- * + [999]\n", "s.verbs:3: code [999] is not in the CAMEO codebook; skipped", 1},
		{block + "- * + [11\n", `s.verbs:3: unclosed '[' in "[11"; skipped`, 1},
		{block + "- * (OF + [1123]\n", `s.verbs:3: pattern "* (OF + [1123]": unbalanced brackets; skipped`, 1},
		{block + "- * &NONE [1123]\n", `s.verbs:3: pattern "* &NONE [1123]": set &NONE is not defined before; skipped`, 1},
		{block + "- * A=B [1123]\n", `s.verbs:3: pattern "* A=B [1123]": "A=B" is not a word; skipped`, 1},
		{block + "- *OF + [1123]\n", `s.verbs:3: '*' joined to "OF"; read as "* OF +", as PETRARCH2 does`, 0},
		{block + "BLAME {BLAMED\n", `s.verbs:3: unclosed '{' in "BLAME {BLAMED"; skipped`, 1},
		{block + "BLAME [12x]\n", "s.verbs:3: code [12x] is not in the CAMEO codebook; skipped", 1},
		{block + "&\n", "s.verbs:3: set without a name; skipped", 1},
		{"&SET\n+_\n" + block, `s.verbs:2: set member "_" has no word; skipped`, 1},
		{block + "*?\n", `s.verbs:3: verb "*?" is not a word; skipped`, 1},
	}
	for _, tt := range tests {
		rs, rep, err := ReadPetrarchVerbs("s.verbs", strings.NewReader(tt.in))
		if err != nil {
			t.Errorf("ReadPetrarchVerbs(%q) error %v", tt.in, err)
			continue
		}
		if len(rep.Warnings) != 1 || rep.Warnings[0].String() != tt.warning || rep.Skipped != tt.skipped {
			t.Errorf("ReadPetrarchVerbs(%q) warnings %v (%d skipped), want %q", tt.in, rep.Warnings, rep.Skipped, tt.warning)
		}
		if len(rs) == 0 || rs[0].Text != "accuse +" {
			t.Errorf("ReadPetrarchVerbs(%q) lost the verb: %v", tt.in, rs)
		}
	}
}

func TestPetrarchVerbsCode(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/sample.verbs")
	if err != nil {
		t.Fatal(err)
	}
	// Named like PETRARCH2's own file, the verb dictionary is known by its
	// blocks.
	if err := os.WriteFile(dir+"/CAMEO.test.txt", b, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := New(WithDictDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if got := render(c.CodeText("Iran pulled out from Iraq.", day2015)); got != "IRN>IRQ 0874" {
		t.Errorf("got %q", got)
	}
	if got := render(c.CodeText("Iran blamed Iraq of aggression.", day2015)); got != "IRN>IRQ 1123" {
		t.Errorf("got %q", got)
	}
	reps := c.Reports()
	if len(reps) != 1 || reps[0].File != "CAMEO.test.txt" || reps[0].Format != actor.FormatPetrarchVerbs || reps[0].Entries != 11 {
		t.Errorf("reports %+v", reps)
	}
}

func FuzzReadPetrarchVerbs(f *testing.F) {
	b, err := os.ReadFile("testdata/sample.verbs")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Fuzz(func(t *testing.T, in string) {
		rs, rep, err := ReadPetrarchVerbs("f.verbs", strings.NewReader(in))
		if err != nil {
			t.Fatalf("error on a string: %v", err)
		}
		lines := strings.Count(in, "\n") + 1
		for _, w := range rep.Warnings {
			if w.File != "f.verbs" || w.Line < 1 || w.Line > lines || !strings.HasPrefix(w.String(), "f.verbs:"+strconv.Itoa(w.Line)+": ") {
				t.Fatalf("warning without file:line: %+v", w)
			}
		}
		if rep.Skipped > len(rep.Warnings) || rep.Entries != len(rs) {
			t.Fatalf("report %+v for %d rules", rep, len(rs))
		}
		for _, r := range rs {
			if r.Verb == "" {
				t.Fatalf("rule without verb: %+v", r)
			}
		}
	})
}

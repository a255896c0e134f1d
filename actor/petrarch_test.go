package actor

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// render gives each phrase of es its codes: "CODE FROM..TO", "~" before
// an agent's.
func render(es []Entry) map[string]string {
	got := map[string]string{}
	for _, e := range es {
		k := strings.Join(e.words, " ")
		v := e.Code
		if e.Dated() {
			v += " " + e.From.Format("2006-01-02") + ".." + e.To.Format("2006-01-02")
		}
		if e.IsAgent {
			v = "~" + v
		}
		if got[k] != "" {
			v = got[k] + "," + v
		}
		got[k] = v
	}
	return got
}

func TestReadPetrarch(t *testing.T) {
	f, err := os.Open("testdata/sample.actors")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, rep, err := ReadPetrarch("sample.actors", f)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Block != (e.Code == BlockCode) || e.Block && e.Country != "" {
			t.Errorf("%q: code %q, Block %v, country %q", e.Phrase, e.Code, e.Block, e.Country)
		}
	}
	want := map[string]string{
		"united states":    "USA",
		"america":          "USA",
		"u.s.":             "USA",
		"barack obama":     "USAELI 2008-01-01..2009-01-19,USAGOV 2009-01-20..2017-01-19",
		"obama":            "USAELI 2008-01-01..2009-01-19,USAGOV 2009-01-20..2017-01-19",
		"john kerry":       "USALEG 1985-01-01..2013-01-31,USAGOV 2013-02-01..2017-01-20",
		"secretary kerry":  "USALEG 1985-01-01..2013-01-31,USAGOV 2013-02-01..2017-01-20",
		"minister":         "~GOV",
		"ministers":        "~GOV",
		"latin american":   "---",
		"old union":        "OUN 0001-01-01..2030-01-01,NEW 2030-01-01..0001-01-01",
		"first name only":  "ABC",
		"second name only": "ABC",
	}
	got := render(es)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%q → %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got phrases %v", got)
	}
	if rep.Entries != len(es) || rep.Skipped != 0 || rep.Format != FormatPetrarchActors {
		t.Errorf("report %+v", rep)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].String() != `sample.actors:18: actor "FIRST NAME ONLY" has no code; read as a synonym of the actor at line 19 that follows it` {
		t.Errorf("warnings %v", rep.Warnings)
	}
}

// TestReadPetrarchWarnings feeds odd lines: each gives a warning naming its
// line, the good lines around it are kept, and nothing is an error.
func TestReadPetrarchWarnings(t *testing.T) {
	tests := []struct {
		in      string
		warning string // the warning, with its file:line
		skipped int
		kept    string // a phrase still coded, "" for none
	}{
		{"+AMERICA\nIRAN [IRN]\n", `s.actors:1: synonym "+AMERICA" before any actor; skipped`, 1, "iran"},
		{"[USA]\nIRAN [IRN]\n", `s.actors:1: codes "[USA]" before any actor; skipped`, 1, "iran"},
		{"IRAN [IRN\n", `s.actors:1: unclosed '[' in "[IRN"; code dropped`, 1, ""},
		{"IRAN [IRN 0101]\nIRAQ [IRQ]\n", `s.actors:1: code [IRN 0101]: want FROM-TO, >FROM or <TO dates; code dropped`, 1, "iraq"},
		{"IRAN [IRN 990101-zz]\n", `s.actors:1: code [IRN 990101-zz]: date "zz": want digits; code dropped`, 1, ""},
		{"IRAN [IRN 990231-991231]\n", `s.actors:1: code [IRN 990231-991231]: date "990231": not a day; code dropped`, 1, ""},
		{"IRAN [IRN 991231-990101]\n", `s.actors:1: code [IRN 991231-990101]: 991231 is not before 990101; code dropped`, 1, ""},
		{"IRAN [irn]\n", `s.actors:1: code [irn]: want capitals and digits; code dropped`, 1, ""},
		{"IRAN [IRN] x\n", `s.actors:1: text "x" after the codes ignored`, 0, "iran"},
		{"IRAN [~---]\n", `s.actors:1: code [~---]: empty; code dropped`, 1, ""},
		{"IRAN {IRANS [IRN]\n", `s.actors:1: unbalanced braces in "IRAN {IRANS [IRN]"; skipped`, 1, ""},
		{"___ [IRN]\n+PERSIA\n\t[IRQ]\nIRAQ [IRQ]\n", `s.actors:1: no phrase in "___ [IRN]"; skipped`, 3, "iraq"},
		{"IRAN\n\nIRAQ [IRQ]\n", `s.actors:1: actor "IRAN" has no code; skipped`, 1, "iraq"},
		{"IRAN [IRN 9001011-991231]\n", `s.actors:1: code [IRN 9001011-991231]: date "9001011" has seven digits; read as 900101, as PETRARCH2 does`, 0, "iran"},
		{"IRAN [IRN > 900101]\n", `s.actors:1: code [IRN > 900101]: read "> 900101" as ">900101"`, 0, "iran"},
	}
	for _, tt := range tests {
		es, rep, err := ReadPetrarch("s.actors", strings.NewReader(tt.in))
		if err != nil {
			t.Errorf("ReadPetrarch(%q) error %v", tt.in, err)
			continue
		}
		if len(rep.Warnings) == 0 || rep.Warnings[0].String() != tt.warning {
			t.Errorf("ReadPetrarch(%q) warnings %v, want %q", tt.in, rep.Warnings, tt.warning)
		}
		if rep.Skipped != tt.skipped {
			t.Errorf("ReadPetrarch(%q) skipped %d, want %d", tt.in, rep.Skipped, tt.skipped)
		}
		if got := render(es); tt.kept != "" && got[tt.kept] == "" || tt.kept == "" && len(got) > 0 {
			t.Errorf("ReadPetrarch(%q) = %v, want %q kept", tt.in, got, tt.kept)
		}
	}
}

func TestReadPetrarchAgents(t *testing.T) {
	f, err := os.Open("testdata/sample.agents")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, rep, err := ReadPetrarchAgents("sample.agents", f)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"farmhand": "~AGR", "farmhands": "~AGR", "farmworker": "~AGR", "farmworkers": "~AGR",
		"spy": "~SPY", "spies": "~SPY",
		"police": "~COP",
		"boss":   "~BUS", "bosses": "~BUS",
		"attorney general": "~JUD", "attorneys general": "~JUD",
		"truce watcher": "~IGO", "truce watchers": "~IGO",
	}
	got := render(es)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%q → %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got phrases %v", got)
	}
	if rep.Entries != len(es) || rep.Skipped != 0 || len(rep.Warnings) != 0 {
		t.Errorf("report %+v", rep)
	}
}

func TestReadPetrarchAgentsWarnings(t *testing.T) {
	tests := []struct{ in, warning string }{
		{"SPY\nBOSS [~BUS]\n", `s.agents:1: no [~CODE] in "SPY"; skipped`},
		{"SPY [~SPY}\nBOSS [~BUS]\n", `s.agents:1: unclosed '[' in "SPY [~SPY}"; skipped`},
		{"SPY {SPIES [~SPY]\nBOSS [~BUS]\n", `s.agents:1: unclosed '{' in "SPY {SPIES "; skipped`},
		{"FARM!HAND! [~AGR]\nBOSS [~BUS]\n", `s.agents:1: substitution set !HAND! not defined before; skipped`},
		{"FARM!HAND [~AGR]\nBOSS [~BUS]\n", `s.agents:1: unclosed substitution mark in "FARM!HAND "; skipped`},
		{"!HAND = A, B\nBOSS [~BUS]\n", `s.agents:1: substitution set "!HAND = A, B": want !MARK! = A, B, C; skipped`},
		{"!HAND! =\nBOSS [~BUS]\n", `s.agents:1: substitution set "!HAND!" has no members; skipped`},
		{"SPY [---]\nBOSS [~BUS]\n", `s.agents:1: null code [---] in an agent dictionary; skipped`},
		{"SPY [~SPY >990101]\nBOSS [~BUS]\n", `s.agents:1: dated code [~SPY >990101] in an agent dictionary; skipped`},
		{"__ [~SPY]\nBOSS [~BUS]\n", `s.agents:1: no phrase before the code in "__ [~SPY]"; skipped`},
	}
	for _, tt := range tests {
		es, rep, err := ReadPetrarchAgents("s.agents", strings.NewReader(tt.in))
		if err != nil {
			t.Errorf("ReadPetrarchAgents(%q) error %v", tt.in, err)
			continue
		}
		if len(rep.Warnings) != 1 || rep.Warnings[0].String() != tt.warning || rep.Skipped != 1 {
			t.Errorf("ReadPetrarchAgents(%q) warnings %v (%d skipped), want %q", tt.in, rep.Warnings, rep.Skipped, tt.warning)
		}
		if got := render(es); got["boss"] != "~BUS" {
			t.Errorf("ReadPetrarchAgents(%q) = %v, lost the next line", tt.in, got)
		}
	}
}

func TestPetrarchLines(t *testing.T) {
	in := "# comment\nA # tail\n\nB ; tail\n<!-- one --> C\n<!-- open\nD\n--> E\n<SECTION>\n\tF\t\n"
	var got []string
	lines := NewPetrarchLines(strings.NewReader(in))
	for lines.Scan() {
		got = append(got, lines.Text()+"@"+strconv.Itoa(lines.Line()))
	}
	if g := strings.Join(got, " "); g != "A@2 B@4 C@5 E@8 F@10" {
		t.Errorf("got %s", g)
	}
}

func TestClassify(t *testing.T) {
	verbs := []byte("# c\n---  ACCUSE   [112]  ---\nACCUSE\n")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"Phoenix.Countries.actors.txt", nil, FormatPetrarchActors},
		{"Phoenix.agents.txt", nil, FormatPetrarchAgents},
		{"mine.verbs", nil, FormatPetrarchVerbs},
		{"Phoenix.discards.txt", nil, FormatPetrarchDiscards},
		{"Phoenix.IssueCoding.txt", nil, FormatPetrarchIssues},
		{"CAMEO.2.0.txt", verbs, FormatPetrarchVerbs},
		{"blocks.txt", []byte("--- : South Sea\n"), FormatActors},
		{"countries.txt", []byte("IRN : Iran\n"), FormatActors},
		{"verbs_extra.txt", nil, FormatVerbs},
		{"agents.txt", nil, FormatAgents},
		{"places.txt", nil, FormatPlaces},
		{"README.md", verbs, ""},
		{"LICENSE", nil, ""},
	}
	for _, tt := range tests {
		if got := Classify(tt.name, tt.data); got != tt.want {
			t.Errorf("Classify(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// checkWarnings fails when a warning lacks its file or a line of the input.
func checkWarnings(t *testing.T, name, in string, rep Report) {
	lines := strings.Count(in, "\n") + 1
	for _, w := range rep.Warnings {
		if w.File != name || w.Line < 1 || w.Line > lines || !strings.HasPrefix(w.String(), name+":"+strconv.Itoa(w.Line)+": ") {
			t.Fatalf("warning without file:line: %+v", w)
		}
	}
	if rep.Skipped > len(rep.Warnings) {
		t.Fatalf("%d skipped, %d warnings", rep.Skipped, len(rep.Warnings))
	}
}

func FuzzReadPetrarch(f *testing.F) {
	b, err := os.ReadFile("testdata/sample.actors")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Fuzz(func(t *testing.T, in string) {
		es, rep, err := ReadPetrarch("f.actors", strings.NewReader(in))
		if err != nil {
			t.Fatalf("error on a string: %v", err)
		}
		checkWarnings(t, "f.actors", in, rep)
		for _, e := range es {
			if len(e.words) == 0 || !e.From.IsZero() && !e.To.IsZero() && !e.From.Before(e.To) {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}

func FuzzReadPetrarchAgents(f *testing.F) {
	b, err := os.ReadFile("testdata/sample.agents")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Fuzz(func(t *testing.T, in string) {
		es, rep, err := ReadPetrarchAgents("f.agents", strings.NewReader(in))
		if err != nil {
			t.Fatalf("error on a string: %v", err)
		}
		checkWarnings(t, "f.agents", in, rep)
		for _, e := range es {
			if len(e.words) == 0 || !e.IsAgent {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}

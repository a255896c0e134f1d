package actor

import (
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
	es, err := Parse("x.txt", strings.NewReader(in), false)
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

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"USA United States\n", "x.txt:1: missing ':'"},
		{"# c\nusa : America\n", "x.txt:2: code \"usa\""},
		{"USA 2009-13-01.. : America\n", "x.txt:1: date range"},
		{"USA 2010-01-01..2009-01-01 : America\n", "FROM must be before TO"},
		{"USA .. : America\n", "want FROM..TO"},
		{"USA : ''\n", "has no words"},
	}
	for _, tt := range tests {
		_, err := Parse("x.txt", strings.NewReader(tt.in), false)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
	if _, err := Parse("agents.txt", strings.NewReader("XYZ : things\n"), true); err == nil {
		t.Error("unknown agent code accepted")
	}
	if _, err := Parse("agents.txt", strings.NewReader("--- : things\n"), true); err == nil || !strings.Contains(err.Error(), "agents.txt:1: blocking code") {
		t.Errorf("blocking code in an agent dictionary: error %v", err)
	}
	for _, in := range []string{"-- : Red Sea\n", "---- : Red Sea\n", "--X : Red Sea\n"} {
		if _, err := Parse("x.txt", strings.NewReader(in), false); err == nil {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
}

func TestParseBlock(t *testing.T) {
	es, err := Parse("x.txt", strings.NewReader("--- : South China Sea | Latin American\n"), false)
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
	f.Fuzz(func(t *testing.T, in string, agents bool) {
		es, err := Parse("f.txt", strings.NewReader(in), agents)
		if err != nil && !strings.HasPrefix(err.Error(), "f.txt:") && !strings.HasPrefix(err.Error(), "read f.txt") {
			t.Fatalf("error without file and line: %v", err)
		}
		for _, e := range es {
			if len(e.words) == 0 || e.Code == "" || e.Block && (agents || e.Country != "") {
				t.Fatalf("empty entry %+v", e)
			}
		}
	})
}

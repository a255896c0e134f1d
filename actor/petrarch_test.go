package actor

import (
	"os"
	"strings"
	"testing"
)

func TestReadPetrarch(t *testing.T) {
	f, err := os.Open("testdata/sample.actors")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, err := ReadPetrarch("sample.actors", f)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, e := range es {
		k := strings.Join(e.words, " ")
		v := e.Code
		if e.Dated() {
			v += " " + e.From.Format("2006-01-02") + ".." + e.To.Format("2006-01-02")
		}
		if e.IsAgent {
			v = "~" + v
		}
		if e.Block != (e.Code == BlockCode) || e.Block && e.Country != "" {
			t.Errorf("%q: code %q, Block %v, country %q", k, e.Code, e.Block, e.Country)
		}
		got[k] = append(got[k], v)
	}
	want := map[string]string{
		"united states":   "USA",
		"america":         "USA",
		"u.s.":            "USA",
		"barack obama":    "USAELI 2008-01-01..2009-01-19,USAGOV 2009-01-20..2017-01-19",
		"obama":           "USAELI 2008-01-01..2009-01-19,USAGOV 2009-01-20..2017-01-19",
		"secretary kerry": "USALEG 1985-01-01..2013-01-31,USAGOV 2013-02-01..2017-01-20",
		"minister":        "~GOV",
		"ministers":       "~GOV",
		"latin american":  "---",
	}
	for k, w := range want {
		if g := strings.Join(got[k], ","); g != w {
			t.Errorf("%q → %q, want %q", k, g, w)
		}
	}
	if len(got) != len(want)+1 { // + "john kerry"
		t.Errorf("got phrases %v", got)
	}
}

func TestReadPetrarchErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+AMERICA\n", "s.actors:1: synonym"},
		{"[USA]\n", "s.actors:1: codes"},
		{"IRAN [IRN\n", "unclosed"},
		{"IRAN [IRN 0101]\n", "want FROM-TO"},
		{"IRAN [IRN 990101-zz]\n", "date"},
		{"IRAN [irn]\n", "capitals"},
		{"IRAN [IRN] x\n", "unexpected"},
		{"IRAN [~---]\n", "empty"},
	}
	for _, tt := range tests {
		_, err := ReadPetrarch("s.actors", strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadPetrarch(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func FuzzReadPetrarch(f *testing.F) {
	b, err := os.ReadFile("testdata/sample.actors")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("X [Y >0101]\n+Z {A B\n[W <991231]")
	f.Fuzz(func(t *testing.T, in string) {
		es, err := ReadPetrarch("f.actors", strings.NewReader(in))
		if err != nil && !strings.Contains(err.Error(), "f.actors") {
			t.Fatalf("error without file: %v", err)
		}
		for _, e := range es {
			if len(e.words) == 0 {
				t.Fatalf("empty entry %+v", e)
			}
		}
	})
}

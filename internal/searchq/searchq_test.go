package searchq

import (
	"fmt"
	"strings"
	"testing"
)

// render writes a query as a readable expression for the tests.
func render(q Query) string {
	var parts []string
	for _, g := range q.All {
		var alts []string
		for _, t := range g {
			alts = append(alts, fmt.Sprintf("%q", t.Text))
		}
		parts = append(parts, strings.Join(alts, "|"))
	}
	for _, t := range q.Not {
		parts = append(parts, fmt.Sprintf("-%q", t.Text))
	}
	return strings.Join(parts, " ")
}

func TestParse(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"talks Iran", `"talks" "Iran"`},
		{"talks -Iran", `"talks" -"Iran"`},
		{"Oman OR Qatar talks", `"Oman"|"Qatar" "talks"`},
		{`"technical talks" -"United States"`, `"technical talks" -"United States"`},
		{"U.S. sanctions", `"U.S." "sanctions"`},
		{"talks - Iran", `"talks" "Iran"`},        // a lone minus is no exclusion
		{"OR talks OR", `"talks"`},                // OR with nothing on a side is dropped
		{"talks or Iran", `"talks" "or" "Iran"`},  // only upper-case OR is the operator
		{`"unclosed phrase`, `"unclosed phrase"`}, // an open quote runs to the end
		{"talks -- ! Iran", `"talks" "Iran"`},     // tokens without a word are dropped
		{"a OR b OR c -d", `"a"|"b"|"c" -"d"`},
	} {
		q, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := render(q); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{"", "  ", "-Iran", "-- !!", strings.Repeat("w ", MaxTerms+1)} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q): no error", bad)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"talks -Iran", `"a b" OR c`, "-", `"`, "OR", "a OR -b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if len(q.All) == 0 || q.Terms() > MaxTerms {
			t.Fatalf("Parse(%q) = %+v without error", s, q)
		}
		for _, g := range q.All {
			for _, term := range g {
				if !hasWord(term.Text) {
					t.Fatalf("Parse(%q): term %q has no word", s, term.Text)
				}
			}
		}
	})
}

package http

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHighlight(t *testing.T) {
	const s = "Iran warned Israel on Monday."
	for _, tc := range []struct {
		name  string
		spans []markSpan
		want  []segment
	}{
		{"source, trigger, target", []markSpan{{12, 18, "tgt", ""}, {0, 4, "src", ""}, {5, 11, "trg", ""}},
			[]segment{{"Iran", "src", ""}, {" ", "", ""}, {"warned", "trg", ""}, {" ", "", ""}, {"Israel", "tgt", ""}, {" on Monday.", "", ""}}},
		{"no spans", nil, []segment{{s, "", ""}}},
		{"out of range and empty spans are dropped", []markSpan{{20, 99, "src", ""}, {3, 3, "tgt", ""}, {-1, 2, "trg", ""}},
			[]segment{{s, "", ""}}},
		{"overlap: the earlier span wins", []markSpan{{0, 11, "src", ""}, {5, 18, "trg", ""}},
			[]segment{{"Iran warned", "src", ""}, {" Israel", "trg", ""}, {" on Monday.", "", ""}}},
		{"an actor inside the trigger stays marked", []markSpan{{12, 18, "tgt", ""}, {5, 18, "trg", ""}},
			[]segment{{"Iran ", "", ""}, {"warned ", "trg", ""}, {"Israel", "tgt", ""}, {" on Monday.", "", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := highlight(s, tc.spans); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
	// A span that would split a UTF-8 sequence is not marked.
	if got := highlight("Ümit spoke", []markSpan{{1, 4, "src", ""}}); len(got) != 1 || got[0].Text != "Ümit spoke" {
		t.Errorf("split rune: %q", got)
	}
}

func TestSnippet(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []segment
	}{
		{"talks in [[Oman]] on [[Saturday]]", []segment{{"talks in ", "", ""}, {"Oman", "hit", ""}, {" on ", "", ""}, {"Saturday", "hit", ""}}},
		{"[[Oman]]", []segment{{"Oman", "hit", ""}}},
		{"unclosed [[mark", []segment{{"unclosed mark", "", ""}}},
		{"", nil},
	} {
		if got := snippet(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("snippet(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzHighlight checks that whatever spans a store holds, the segments
// put back together are the sentence, and each is valid UTF-8 when the
// sentence is.
func FuzzHighlight(f *testing.F) {
	f.Add("Iran warned Israel on Monday.", 0, 4, 12, 18, 5, 11)
	f.Add("Ümit spoke", 1, 4, -3, 2, 0, 99)
	f.Fuzz(func(t *testing.T, s string, a, b, c, d, e, g int) {
		segs := highlight(s, []markSpan{{a, b, "src", ""}, {c, d, "tgt", ""}, {e, g, "trg", ""}})
		var joined strings.Builder
		for _, sg := range segs {
			if sg.Text == "" {
				t.Fatalf("empty segment in %q", segs)
			}
			if utf8.ValidString(s) && !utf8.ValidString(sg.Text) {
				t.Fatalf("segment %q splits a rune", sg.Text)
			}
			joined.WriteString(sg.Text)
		}
		if joined.String() != s {
			t.Fatalf("segments %q do not make %q", segs, s)
		}
	})
}

func TestFixed(t *testing.T) {
	for _, tc := range []struct {
		v      float64
		prec   int
		signed bool
		want   string
	}{
		{-0.0001, 2, false, "0.00"},
		{-0.04, 1, false, "0.0"},
		{0.001, 2, true, "0.00"},
		{-0.001, 2, true, "0.00"},
		{0.5, 2, true, "+0.50"},
		{-1.234, 2, true, "-1.23"},
		{148.46, 1, false, "148.5"},
	} {
		if got := fixed(tc.v, tc.prec, tc.signed); got != tc.want {
			t.Errorf("fixed(%v, %d, %v) = %q, want %q", tc.v, tc.prec, tc.signed, got, tc.want)
		}
	}
}

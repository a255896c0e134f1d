package http

import (
	"reflect"
	"testing"
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
		{"overlap keeps the first", []markSpan{{0, 11, "src", ""}, {5, 18, "trg", ""}},
			[]segment{{"Iran warned", "src", ""}, {" Israel on Monday.", "", ""}}},
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

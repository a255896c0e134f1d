package coder

import (
	"strings"
	"testing"
)

// TestExplain checks that explanations show blocking phrases and the doer
// of a noun event.
func TestExplain(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		in   string
		want []string // substrings of the explanation's mentions and triggers
	}{
		{"Vietnam accused China of militarising the South China Sea.", []string{"South China Sea=--- (blocks.txt:", "China=CHN", `subject="Vietnam"`}},
		{"Israeli strikes on Gaza killed 30 people.", []string{`[~strikes on +] subject="Israeli"`, `slot="Gaza"`}},
	}
	for _, tt := range tests {
		x := c.Explain(tt.in, day2015)
		all := strings.Join(append(x.Mentions, x.Triggers...), "\n")
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: explanation lacks %q:\n%s", tt.in, w, all)
			}
		}
	}
}

package coder

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestPassesGolden records what each pass of the coder makes of the
// sentences of testdata/passes.txt: the tokens, the dictionary mentions,
// the actor phrases, the triggers with their clauses (subject, voice,
// negation, modality, control) and the events. A change in any pass shows
// as a diff of testdata/passes.golden.
func TestPassesGolden(t *testing.T) {
	c := testCoder(t)
	f, err := os.Open(filepath.Join("testdata", "passes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		x := c.Explain(s, day2015)
		fmt.Fprintf(&b, "== %s\n", s)
		fmt.Fprintf(&b, "tokens:   %s\n", strings.Join(x.Tokens, " | "))
		tagged := make([]string, len(x.Tokens))
		for i := range x.Tokens {
			tagged[i] = x.Tokens[i] + "/" + x.Tags[i]
		}
		fmt.Fprintf(&b, "tags:     %s\n", strings.Join(tagged, " "))
		for _, sec := range []struct {
			name  string
			lines []string
		}{{"mention:  ", x.Mentions}, {"phrase:   ", x.Phrases}, {"trigger:  ", x.Triggers}} {
			for _, l := range sec.lines {
				b.WriteString(sec.name + l + "\n")
			}
		}
		for _, e := range c.CodeText(s, day2015) {
			fmt.Fprintf(&b, "event:    %s>%s %s neg=%v hyp=%v rule=%s trigger=%q\n", e.Source.Code, e.Target.Code, e.Code, e.Negated, e.Hypothetical, e.Rule, e.Trigger.Text)
		}
		b.WriteString("\n")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "passes.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("the passes read testdata/passes.txt differently from %s; diff it after go test ./coder -run TestPassesGolden -update:\n%s", golden, firstDiff(got, string(want)))
	}
}

// firstDiff returns the first differing line of two texts, with its
// sentence.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	head := ""
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if strings.HasPrefix(a, "== ") {
			head = a
		}
		if a != b {
			return fmt.Sprintf("%s\n got:  %s\n want: %s", head, a, b)
		}
	}
	return ""
}

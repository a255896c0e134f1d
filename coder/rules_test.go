package coder

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/detente-project/detente/actor"
)

func TestParseRules(t *testing.T) {
	in := "# c\n046 : hold talks with + | begin/launch talks\n100 : face pressure from $\n046 : ~talks between +\n190 : ~attack/attacks on +\n"
	rs, rep, err := ParseRules("v.txt", strings.NewReader(in))
	if err != nil || len(rep.Warnings) != 0 || rep.Entries != len(rs) || rep.Format != actor.FormatVerbs {
		t.Fatalf("error %v, report %+v", err, rep)
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.Code+" "+r.Verb+" "+r.Source+" slot="+map[bool]string{true: "y", false: "n"}[r.hasSlot()]+" lit="+map[bool]string{true: "y", false: "n"}[r.Literal])
	}
	want := "046 hold v.txt:2 slot=y lit=n|046 begin v.txt:2 slot=n lit=n|046 launch v.txt:2 slot=n lit=n|100 face v.txt:3 slot=y lit=n|046 talks v.txt:4 slot=y lit=y|190 attack v.txt:5 slot=y lit=y|190 attacks v.txt:5 slot=y lit=y"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
	if k := rs[3].elems[rs[3].firstSlot()].kind; k != elemSource {
		t.Errorf("face pressure from $: slot kind %d", k)
	}
}

// TestParseRulesWarnings feeds malformed lines and patterns: each is
// skipped with a warning naming its file, line and fault, and the good
// patterns around it still load.
func TestParseRulesWarnings(t *testing.T) {
	tests := []struct {
		in, warning string
		rules       int // rules of in read
	}{
		{"046 hold talks\n", "v.txt:1: missing ':' after the code; skipped", 0},
		{"999 : hold talks\n", `v.txt:1: "999" is not a CAMEO code; skipped`, 0},
		{"# x\n046 : + hold | hold talks\n", `v.txt:2: pattern "+ hold": must start with a word; pattern skipped`, 1},
		{"046 : meet + $\n", `v.txt:1: pattern "meet + $": at most one of + and $; pattern skipped`, 0},
		{"046 : meet with/ + | meet\n", `v.txt:1: pattern "meet with/ +": empty alternative in "with/"; pattern skipped`, 1},
		{"046 : begin//launch talks\n", `v.txt:1: pattern "begin//launch talks": empty alternative in "begin//launch"; pattern skipped`, 0},
		{"046 : ~ talks\n", `v.txt:1: pattern "~ talks": empty alternative in "~"; pattern skipped`, 0},
		{"046 : meet " + strings.Repeat("+", actor.MaxLine) + "\n", "v.txt:1: line longer than 4194304 bytes; skipped", 0},
	}
	for _, tt := range tests {
		in := tt.in + "042 : visit +\n"
		rs, rep, err := ParseRules("v.txt", strings.NewReader(in))
		if err != nil {
			t.Fatalf("ParseRules(%q) error %v", in, err)
		}
		if len(rep.Warnings) != 1 || rep.Warnings[0].String() != tt.warning || rep.Skipped != 1 {
			t.Errorf("ParseRules(%q) warnings %v (%d skipped), want %q", tt.in, rep.Warnings, rep.Skipped, tt.warning)
		}
		if len(rs) != tt.rules+1 || rs[len(rs)-1].Verb != "visit" || rep.Entries != len(rs) {
			t.Errorf("ParseRules(%q) = %d rules (%d reported), want %d and the visit of the next line", in, len(rs), rep.Entries, tt.rules+1)
		}
	}
}

// TestEmbeddedRulesNoWarnings reads every embedded verb dictionary: a line
// of ours that ParseRules skips is a mistake to fix, not a warning to ship.
func TestEmbeddedRulesNoWarnings(t *testing.T) {
	names, err := fs.Glob(embedded, "dict/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("embedded verb dictionaries %v: %v", names, err)
	}
	for _, n := range names {
		b, err := embedded.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		rs, rep, err := ParseRules(path.Base(n), bytes.NewReader(b))
		if err != nil || len(rep.Warnings) != 0 || rep.Skipped != 0 || len(rs) == 0 {
			t.Errorf("%s: %d rules, error %v, warnings %v", n, len(rs), err, rep.Warnings)
		}
	}
}

func TestEmbeddedRulesCoverEveryRoot(t *testing.T) {
	c := testCoder(t)
	roots := map[string]bool{}
	for _, r := range c.rules {
		roots[r.Code[:2]] = true
	}
	for i := 1; i <= 20; i++ {
		root := string(rune('0'+i/10)) + string(rune('0'+i%10))
		if !roots[root] {
			t.Errorf("no pattern for root %s", root)
		}
	}
}

func TestInflect(t *testing.T) {
	tests := []struct {
		base string
		want []string
	}{
		{"accuse", []string{"accuse", "accuses", "accused", "accusing"}},
		{"meet", []string{"meet", "met", "meets", "meeting"}},
		{"ban", []string{"bans", "banned", "banning"}},
		{"deny", []string{"denies", "denied", "denying"}},
		{"visit", []string{"visits", "visited", "visiting"}},
		{"seize", []string{"seizes", "seized", "seizing"}},
		{"hold", []string{"held", "holds", "holding"}},
		{"strike", []string{"struck", "strikes", "striking"}},
		{"push", []string{"pushes", "pushed"}},
	}
	for _, tt := range tests {
		forms := Inflect(tt.base)
		for _, w := range tt.want {
			if !contains(forms, w) {
				t.Errorf("Inflect(%q) = %v, lacks %q", tt.base, forms, w)
			}
		}
	}
}

func FuzzParseRules(f *testing.F) {
	b, err := os.ReadFile("dict/verbs.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b[:2000]))
	f.Add("046 : ~talks between + | a/b/c + d\n")
	f.Add(":\n0 : /\n")
	f.Add("046 hold talks\n999 : x\n046 : + hold | meet + $ | a//b c\r\n042 : visit +")
	f.Fuzz(func(t *testing.T, in string) {
		rs, rep, err := ParseRules("f.txt", strings.NewReader(in))
		if err != nil && !strings.HasPrefix(err.Error(), "read f.txt") {
			t.Fatalf("error other than reading: %v", err)
		}
		lines := strings.Count(in, "\n") + 1
		for _, w := range rep.Warnings {
			if w.File != "f.txt" || w.Line < 1 || w.Line > lines || !strings.HasPrefix(w.String(), "f.txt:"+strconv.Itoa(w.Line)+": ") {
				t.Fatalf("warning without file:line: %+v", w)
			}
		}
		if rep.Entries != len(rs) || rep.Skipped > len(rep.Warnings) {
			t.Fatalf("report %+v for %d rules", rep, len(rs))
		}
		for _, r := range rs {
			if r.Verb == "" {
				t.Fatalf("rule without verb: %+v", r)
			}
		}
	})
}

func FuzzCodeText(f *testing.F) {
	for _, s := range []string{"Iran, Russia and Syria have been pressuring the U.S. to leave.", "The talks, hosted by Oman, began.", "it said it , , and who", "Iran's's 'n't by by",
		"Allegations by Rwanda that it had, as", "held by the Taliban were released", ", seeking to mend ties with", "pledged $ to", "South China Sea by"} {
		f.Add(s)
	}
	c := testCoder(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range c.CodeText(s, day2015) {
			if e.Source.End > len(s) || e.Target.End > len(s) || e.Trigger.End > len(s) || e.Source.Start > e.Source.End {
				t.Fatalf("span outside the sentence: %+v", e)
			}
			if e.Source.Code == "" || e.Target.Code == "" || e.Root != e.Code[:2] {
				t.Fatalf("incomplete event %+v", e)
			}
		}
	})
}

// TestRuleVerbsAreVerbs guards against patterns whose first word is not a
// verb ("strongly oppose"), which would make that word a trigger.
func TestRuleVerbsAreVerbs(t *testing.T) {
	c := testCoder(t)
	for _, r := range c.rules {
		if r.Literal {
			continue
		}
		v := r.Verb
		if hasSuffix(v, "ly") && !contains(notAdverbs, v) || determiners[v] || prepositions[v] || beForms[v] || v == "be" || haveForms[v] || adverbs[v] {
			t.Errorf("%s: pattern %q starts with %q, not a verb", r.Source, r.Text, v)
		}
	}
}

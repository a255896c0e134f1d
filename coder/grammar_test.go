package coder

import (
	"strings"
	"testing"
)

func TestParseWordClasses(t *testing.T) {
	got, err := ParseWordClasses("w.txt", strings.NewReader("# note\n\nverbs : agree | vow\nverbs : pledge\nnouns : talks\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v := strings.Join(got["verbs"], ","); v != "agree,vow,pledge" {
		t.Errorf("verbs = %s, want agree,vow,pledge (lines of one class join in order)", v)
	}
	if len(got["nouns"]) != 1 {
		t.Errorf("nouns = %v", got["nouns"])
	}
	for _, bad := range []struct{ in, where string }{
		{"verbs agree | vow\n", "w.txt:1:"},
		{"# c\nverbs : agree || vow\n", "w.txt:2:"},
		{"two words : agree\n", "w.txt:1:"},
		{" : agree\n", "w.txt:1:"},
	} {
		_, err := ParseWordClasses("w.txt", strings.NewReader(bad.in))
		if err == nil || !strings.HasPrefix(err.Error(), bad.where) {
			t.Errorf("%q: error %v, want one starting %q", bad.in, err, bad.where)
		}
	}
}

// TestGrammarFileClasses checks that every class the Go code asks for is
// in the embedded grammar file and that the file has no class nobody reads.
func TestGrammarFileClasses(t *testing.T) {
	used := map[string]bool{}
	for _, c := range grammarClassesUsed {
		used[c] = true
		if len(grammarWords[c]) == 0 {
			t.Errorf("grammar/words.txt: class %s is missing or empty", c)
		}
	}
	for c := range grammarWords {
		if !used[c] {
			t.Errorf("grammar/words.txt: class %s is read by no code", c)
		}
	}
}

func FuzzParseWordClasses(f *testing.F) {
	f.Add("verbs : agree | vow\n")
	f.Add("# comment\n\nx : y\n")
	f.Add(" : \n|||\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseWordClasses("f.txt", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.txt:") && !strings.HasPrefix(err.Error(), "read f.txt") {
				t.Errorf("error %q names no file and line", err)
			}
			return
		}
		for c, ws := range got {
			for _, w := range ws {
				if w == "" || strings.TrimSpace(w) != w {
					t.Errorf("class %s: word %q", c, w)
				}
			}
		}
	})
}

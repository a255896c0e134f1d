package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by "|"
	}{
		{"Iran's foreign minister", "Iran|'s|foreign|minister"},
		{"Iran’s navy", "Iran|’s|navy"},
		{"The U.S. and the U.N. met.", "The|U.S.|and|the|U.N.|met|."},
		{"a UK-based group", "a|UK-based|group"},
		{"it didn't attack", "it|did|n't|attack"},
		{"1.4 million, 20,000 troops; 25th", "1.4|million|,|20,000|troops|;|25th"},
		{"“bandit formations”", "“|bandit|formations|”"},
		{"as`` unacceptable''", "as|`|`|unacceptable|'|'"},
		{"O'Brien said", "O'Brien|said"},
		{"end.", "end|."},
		{"U.S.-Iran talks", "U.S.|-|Iran|talks"},
		{"", ""},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in, nil)
		got := make([]string, len(toks))
		for i, tk := range toks {
			got[i] = tk.Text
			if tt.in[tk.Start:tk.End] != tk.Text {
				t.Errorf("%q: token %q has offsets %d:%d", tt.in, tk.Text, tk.Start, tk.End)
			}
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestTokenizeKinds(t *testing.T) {
	toks := Tokenize("Iran fired 3 missiles.", nil)
	want := []Kind{Word, Word, Number, Word, Punct}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, k := range want {
		if toks[i].Kind != k {
			t.Errorf("token %q kind %d, want %d", toks[i].Text, toks[i].Kind, k)
		}
	}
}

func TestLowerASCII(t *testing.T) {
	for in, want := range map[string]string{"U.S. Army": "u.s. army", "already": "already", "ÉTAT Über": "État Über"} {
		if got := LowerASCII(in); got != want || len(got) != len(in) {
			t.Errorf("LowerASCII(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Iran's U.S.-backed forces didn't 1,000.5", "“x”", "a.b.c", "\xff\xfe", "n't's"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tk := range Tokenize(s, nil) {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) || s[tk.Start:tk.End] != tk.Text {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			if strings.TrimSpace(tk.Text) == "" && utf8.ValidString(tk.Text) {
				t.Fatalf("blank token %+v in %q", tk, s)
			}
			prev = tk.End
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	s := "U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion and intimidation against smaller Asian nations to impose its will in the South China Sea, officials said."
	var toks []Token
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		toks = Tokenize(s, toks[:0])
	}
}

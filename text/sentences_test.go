package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"plain", "Iran fired a missile. Israel said it intercepted it.", []string{"Iran fired a missile.", "Israel said it intercepted it."}},
		{"question and exclamation", "Will talks resume? Nobody knows! The envoy left.", []string{"Will talks resume?", "Nobody knows!", "The envoy left."}},
		{"paragraphs always end sentences", "Headline without a period\n\nFirst paragraph here\nSecond line", []string{"Headline without a period", "First paragraph here", "Second line"}},
		{"U.S. inside a sentence", "The U.S. military said the U.N. envoy met U.K. officials.", []string{"The U.S. military said the U.N. envoy met U.K. officials."}},
		{"U.S. ending a sentence", "Sanctions were imposed by the U.S. The talks collapsed.", []string{"Sanctions were imposed by the U.S.", "The talks collapsed."}},
		{"titles", "Mr. Smith met Mrs. Jones, Dr. Lee, Gen. Milley, Col. Ray, Lt. Cole, Sen. Graham, Rep. Ocasio and Gov. Newsom.", []string{"Mr. Smith met Mrs. Jones, Dr. Lee, Gen. Milley, Col. Ray, Lt. Cole, Sen. Graham, Rep. Ocasio and Gov. Newsom."}},
		{"months before days", "They met on Jan. 6, Feb. 2, Aug. 9 and Sept. 11 in St. Petersburg.", []string{"They met on Jan. 6, Feb. 2, Aug. 9 and Sept. 11 in St. Petersburg."}},
		{"companies", "Acme Inc. and Beta Ltd. signed with Gamma Co. on Monday. Shares rose.", []string{"Acme Inc. and Beta Ltd. signed with Gamma Co. on Monday.", "Shares rose."}},
		{"company ending a sentence", "The deal went to Acme Inc. The rival bid failed.", []string{"The deal went to Acme Inc.", "The rival bid failed."}},
		{"No. before a number", "He lives at No. 10 Downing Street. He said no. Then he left.", []string{"He lives at No. 10 Downing Street.", "He said no.", "Then he left."}},
		{"vs. e.g. i.e.", "It was Iran vs. Iraq, e.g. the 1980s war, i.e. a long one.", []string{"It was Iran vs. Iraq, e.g. the 1980s war, i.e. a long one."}},
		{"initials", "George W. Bush met J. R. R. Tolkien fans. They talked.", []string{"George W. Bush met J. R. R. Tolkien fans.", "They talked."}},
		{"decimals and numbers", "Growth was 3.5 percent in 2019. It fell to 1.2 percent.", []string{"Growth was 3.5 percent in 2019.", "It fell to 1.2 percent."}},
		{"ellipsis", "He paused... Then he spoke. She waited … and waited… Nothing came.", []string{"He paused...", "Then he spoke.", "She waited … and waited…", "Nothing came."}},
		{"quote after the period", `"We will respond," he said. "It is over." Next came silence.`, []string{`"We will respond," he said.`, `"It is over."`, "Next came silence."}},
		{"curly quotes and brackets", "He said “enough.” (The crowd cheered.) Then he left.", []string{"He said “enough.”", "(The crowd cheered.)", "Then he left."}},
		{"question in a quote", `"Why now?" he asked. "Because."`, []string{`"Why now?" he asked.`, `"Because."`}},
		{"lower case after a period", "The approx. figure is ten. Fine.", []string{"The approx. figure is ten.", "Fine."}},
		{"urls and domains", "Visit example.com for details. Thanks.", []string{"Visit example.com for details.", "Thanks."}},
		{"hyphenated after U.S.", "A U.S.-led coalition struck. Iran protested.", []string{"A U.S.-led coalition struck.", "Iran protested."}},
		{"chinese", "伊朗发射导弹。以色列拦截。", []string{"伊朗发射导弹。", "以色列拦截。"}},
		{"white space only", " \n\n \t", nil},
		{"no terminal", "  Breaking news  ", []string{"Breaking news"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range Split(tt.body) {
				got = append(got, tt.body[r.Start:r.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	body := "Iran and the U.S. began talks in Oman.\n\nThe talks, hosted by Oman, focus on security. Both sides spoke."
	got := Sentences("a1", body)
	want := []string{"Iran and the U.S. began talks in Oman.", "The talks, hosted by Oman, focus on security.", "Both sides spoke."}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d: %+v", len(got), len(want), got)
	}
	for i, s := range got {
		if s.ArticleID != "a1" || s.Index != i || s.Text != want[i] || body[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d = %+v, want text %q at its offsets", i, s, want[i])
		}
	}
}

// checkRanges asserts the invariants of Split on any body: spans in order,
// not overlapping, trimmed, not empty, within one line, and together
// covering every character that is not white space.
func checkRanges(t *testing.T, body string, rs []Range) {
	t.Helper()
	prev := 0
	for _, r := range rs {
		if r.Start < prev || r.End <= r.Start || r.End > len(body) {
			t.Fatalf("bad span %+v after %d in %q", r, prev, body)
		}
		s := body[r.Start:r.End]
		if strings.TrimFunc(s, unicode.IsSpace) != s {
			t.Errorf("span %+v not trimmed: %q", r, s)
		}
		if strings.Contains(s, "\n") {
			t.Errorf("span %+v crosses a line: %q", r, s)
		}
		if between := body[prev:r.Start]; strings.TrimFunc(between, unicode.IsSpace) != "" {
			t.Errorf("text %q between sentences is lost", between)
		}
		prev = r.End
	}
	if rest := body[prev:]; strings.TrimFunc(rest, unicode.IsSpace) != "" {
		t.Errorf("text %q after the last sentence is lost", rest)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"Iran fired a missile. Israel said it intercepted it.",
		"Mr. Smith met the U.S. envoy on Jan. 6. He left.\n\nNext paragraph",
		`"Why?" he asked... (Nobody knew.) “Fine.” 3.5 e.g. x`,
		"伊朗发射导弹。以色列拦截。",
		"\xff\xfe. .\n.\r\n!?",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		rs := Split(body)
		checkRanges(t, body, rs)
		if utf8.ValidString(body) {
			for _, s := range Sentences("x", body) {
				if !utf8.ValidString(s.Text) || body[s.Start:s.End] != s.Text {
					t.Errorf("sentence %+v not at its offsets or not valid UTF-8", s)
				}
			}
		}
	})
}

func BenchmarkSentences(b *testing.B) {
	para := "The United States and Iran have launched technical discussions in Oman aimed at improving regional security, according to U.S. officials. Mr. Rubio said on Jan. 6 that the talks were \"technical.\" Analysts say even limited talks could help (a rare step). "
	body := strings.Repeat(para+"\n\n", 20)
	b.SetBytes(int64(len(body)))
	n := 0
	for b.Loop() {
		n += len(Sentences("a", body))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

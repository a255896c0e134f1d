package eval

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// codebookCSV is a codebook in the reference file's shape: a leading
// unnamed column, quoted fields with commas, NA for no example.
const codebookCSV = "\ufeff" + `"","name","code","example","root_code"
"1","MAKE PUBLIC STATEMENT","01",NA,"01"
"2","Make statement","010","Ruritania said, at length, that it was ready. ","01"
"3","Consult","04","","04"
"4","Negotiate","046","Ruritania and Elbonia held talks.","04"
"5","Reject judicial cooperation","1213","Elbonia refused to hand over a suspect.","12"
`

func TestReadCodebookExamples(t *testing.T) {
	got, err := ReadCodebookExamples("cb.csv", strings.NewReader(codebookCSV))
	if err != nil {
		t.Fatal(err)
	}
	want := []Example{
		{Line: 3, Code: "010", Name: "Make statement", Text: "Ruritania said, at length, that it was ready."},
		{Line: 5, Code: "046", Name: "Negotiate", Text: "Ruritania and Elbonia held talks."},
		{Line: 6, Code: "1213", Name: "Reject judicial cooperation", Text: "Elbonia refused to hand over a suspect."},
	}
	if len(got) != len(want) {
		t.Fatalf("ReadCodebookExamples = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("example %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if text, day := got[0].Input(); text != want[0].Text || !day.IsZero() {
		t.Errorf("Input() = %q, %v", text, day)
	}
	// No name column: the names stay empty; a multi-line quoted field
	// moves the next row's line.
	got, err = ReadCodebookExamples("cb.csv", strings.NewReader("example,code\n\"one\ntwo\",0211\nthree,20\n"))
	if err != nil || len(got) != 2 || got[0].Text != "one\ntwo" || got[0].Name != "" || got[1].Line != 4 {
		t.Errorf("two columns: %+v, %v", got, err)
	}
	head := "code,example\n010,x\n"
	bad := []struct{ in, want string }{
		{"", "cb.csv: empty"},
		{"name,example\n", "cb.csv:1: header"},
		{head + "21,x\n", `cb.csv:3: code "21"`},
		{head + "1,x\n", `cb.csv:3: code "1"`},
		{head + "01234,x\n", `cb.csv:3: code "01234"`},
		{head + "0a1,x\n", `cb.csv:3: code "0a1"`},
		{head + ",x\n", `cb.csv:3: code ""`},
		{head + "012\n", "cb.csv:3: wrong number of fields"},
		{head + "\"012,x\n", "cb.csv:3:"},
	}
	for _, b := range bad {
		_, err := ReadCodebookExamples("cb.csv", strings.NewReader(b.in))
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ReadCodebookExamples(%q) error %v, want %q", b.in, err, b.want)
		}
	}
}

// codebookSet is five examples, one of each outcome: exact, right root
// only, other root, nothing, and a code the project's codebook lacks.
func codebookSet() ([]Example, [][]Pred) {
	exs := []Example{
		{Line: 2, Code: "046", Text: "A and B talked."},
		{Line: 3, Code: "0233", Text: "A asked B for aid."},
		{Line: 4, Code: "0234", Text: "A asked B for protection."},
		{Line: 5, Code: "190", Text: "A fought B."},
		{Line: 6, Code: "1213", Text: "A would not extradite."},
	}
	preds := [][]Pred{
		{{"AAA", "BBB", "036"}, {"AAA", "BBB", "046"}},
		{{"AAA", "BBB", "020"}},
		{{"AAA", "BBB", "112"}},
		nil,
		nil,
	}
	return exs, preds
}

func TestScoreCodebook(t *testing.T) {
	r := ScoreCodebook(codebookSet())
	if r.Examples != 5 || r.Coded != 3 || r.RightRoot != 2 || r.RightCode != 1 {
		t.Errorf("tally %+v", r.Tally)
	}
	if r.CodedRate != 0.6 || r.RootRate != 0.4 || r.CodeRate != 0.2 {
		t.Errorf("shares %+v", r.Tally)
	}
	if len(r.Roots) != 4 {
		t.Fatalf("roots %+v", r.Roots)
	}
	wantRoots := []struct {
		root                   string
		n, coded, inRoot, code int
	}{{"02", 2, 2, 1, 0}, {"04", 1, 1, 1, 1}, {"12", 1, 0, 0, 0}, {"19", 1, 0, 0, 0}}
	for i, w := range wantRoots {
		g := r.Roots[i]
		if g.Root != w.root || g.Examples != w.n || g.Coded != w.coded || g.RightRoot != w.inRoot || g.RightCode != w.code {
			t.Errorf("root %d = %+v, want %+v", i, g, w)
		}
	}
	if r.Roots[1].Name != "consult" || r.Roots[1].CodeRate != 1 || r.Roots[0].RootRate != 0.5 {
		t.Errorf("root 04 name or shares: %+v", r.Roots[:2])
	}
	if len(r.Unknown) != 1 || r.Unknown[0] != "1213" {
		t.Errorf("unknown %v", r.Unknown)
	}
	kinds := ""
	for _, m := range r.Errors {
		kinds += m.Code + map[bool]string{true: "R", false: "-"}[m.RightRoot] + " "
	}
	if kinds != "0233R 0234- 190- 1213- " {
		t.Errorf("errors %q", kinds)
	}
}

func TestCodebookReportWrite(t *testing.T) {
	r := ScoreCodebook(codebookSet())
	var b bytes.Buffer
	if err := r.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, w := range []string{
		"right root", "right code",
		"consult", "codes not in detente's codebook (never right at code level): 1213",
		"ROOT  0233  (line 3), coded AAA→BBB 020\n      A asked B for aid.",
		"WRONG 0234  (line 4), coded AAA→BBB 112",
		"NONE  190  (line 5)\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("text lacks %q:\n%s", w, out)
		}
	}
	if !strings.Contains(out, "all") || !strings.Contains(out, "0.600") || !strings.Contains(out, "0.200") {
		t.Errorf("text lacks the overall row:\n%s", out)
	}
	b.Reset()
	if err := r.WriteJSON(&b, false); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, b.String())
	}
	if got["examples"] != 5.0 || got["right_code_share"] != 0.2 || got["errors"] != nil || len(got["roots"].([]any)) != 4 {
		t.Errorf("json %s", b.String())
	}
}

// FuzzReadCodebookExamples feeds any text to the reader: it returns an
// error naming the file, or well-formed examples the scorer takes.
func FuzzReadCodebookExamples(f *testing.F) {
	f.Add(codebookCSV)
	f.Fuzz(func(t *testing.T, in string) {
		exs, err := ReadCodebookExamples("f.csv", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv:") && !strings.HasPrefix(err.Error(), "read f.csv:") {
				t.Fatalf("error without file: %v", err)
			}
			return
		}
		for _, e := range exs {
			if !wellFormed(e.Code) || e.Text == "" || e.Text == "NA" || e.Line < 2 {
				t.Fatalf("accepted %+v", e)
			}
		}
		r := ScoreCodebook(exs, nil)
		if r.Examples != len(exs) || r.Coded != 0 || len(r.Errors) != len(exs) {
			t.Fatalf("score without predictions: %+v", r.Tally)
		}
		if err := r.WriteText(&bytes.Buffer{}, true); err != nil {
			t.Fatal(err)
		}
	})
}

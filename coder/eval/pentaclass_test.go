package eval

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestClassOf(t *testing.T) {
	tests := map[string]int{
		"01": 0, "010": 0, "0234": 0,
		"03": 1, "046": 1, "057": 1,
		"06": 2, "073": 2, "0871": 2,
		"09": 3, "112": 3, "138": 3, "16": 3, "1622": 3,
		"14": 4, "154": 4, "17": 4, "190": 4, "20": 4, "204": 4,
		"": -1, "0": -1, "00": -1, "21": -1, "99": -1, "-1": -1, "+5": -1, "a1": -1, "1a": -1,
	}
	for code, want := range tests {
		if got := ClassOf(code); got != want {
			t.Errorf("ClassOf(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestReadPentaclass(t *testing.T) {
	in := "\ufeff" + `{"id":"p1","date":"2018-03-02","text":"Ruritania thanked Elbonia.","class":1}` + "\n\n" +
		`{"id":"p2","text":"Elbonia shelled Ruritania.","class":4,"extra":true}` + "\n"
	got, err := ReadPentaclass("p.jsonl", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "p1" || got[0].Class != 1 || got[1].Class != 4 || got[1].Date != "" {
		t.Fatalf("ReadPentaclass = %+v", got)
	}
	if text, day := got[0].Input(); text != "Ruritania thanked Elbonia." || day.Year() != 2018 {
		t.Errorf("Input() = %q, %v", text, day)
	}
	if _, day := got[1].Input(); !day.IsZero() {
		t.Errorf("no date, but day %v", day)
	}
	ok := `{"id":"a","text":"t","class":0}` + "\n"
	bad := []struct {
		in, want string
	}{
		{`{"id":"a","text":"t","class":5}`, "p.jsonl:1: class 5"},
		{`{"id":"a","text":"t","class":-1}`, "p.jsonl:1: class -1"},
		{ok + `{"id":"b","text":"t"}`, "p.jsonl:2: want id, text and class"},
		{`{"text":"t","class":1}`, "p.jsonl:1: want id"},
		{`{"id":"a","class":1}`, "p.jsonl:1: want id"},
		{`{"id":"a","text":"t","class":"1"}`, "p.jsonl:1: json"},
		{`{"id":"a","text":"t","class":1.5}`, "p.jsonl:1: json"},
		{`{"id":"a","text":"t","class":1,"date":"15/01/2018"}`, `p.jsonl:1: date "15/01/2018"`},
		{ok + "\n" + ok, `p.jsonl:3: id "a" already used on line 1`},
		{ok + "{", "p.jsonl:2:"},
	}
	for _, b := range bad {
		_, err := ReadPentaclass("p.jsonl", strings.NewReader(b.in))
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ReadPentaclass(%q) error %v, want %q", b.in, err, b.want)
		}
	}
}

// pentaSet is four sentences, one of each outcome: found, found among
// events of other classes, coded with another class only, not coded.
func pentaSet() ([]PentaSentence, [][]Pred) {
	sents := []PentaSentence{
		{ID: "found", Text: "A met B.", Class: 1},
		{ID: "mixed", Text: "A shelled B and accused it.", Class: 4},
		{ID: "wrong", Text: "A praised B.", Class: 3},
		{ID: "none", Text: "A said something.", Class: 0},
	}
	preds := [][]Pred{
		{{"AAA", "BBB", "046"}},
		{{"AAA", "BBB", "112"}, {"AAA", "BBB", "195"}},
		{{"AAA", "BBB", "051"}},
		nil,
	}
	return sents, preds
}

func TestScorePentaclass(t *testing.T) {
	sents, preds := pentaSet()
	r, err := ScorePentaclass(sents, preds)
	if err != nil {
		t.Fatal(err)
	}
	if r.Sentences != 4 || r.Coded != 3 || r.Found != 2 {
		t.Errorf("sentences/coded/found = %d/%d/%d, want 4/3/2", r.Sentences, r.Coded, r.Found)
	}
	if r.Precision != 2.0/3 || r.Recall != 0.5 || r.CodedRate != 0.75 {
		t.Errorf("P %v R %v coded %v", r.Precision, r.Recall, r.CodedRate)
	}
	if want := 4.0 / 7; math.Abs(r.F1-want) > 1e-12 {
		t.Errorf("F1 %v, want %v", r.F1, want)
	}
	wantClass := [Classes]struct{ n, coded, found int }{{1, 0, 0}, {1, 1, 1}, {0, 0, 0}, {1, 1, 0}, {1, 1, 1}}
	for c, w := range wantClass {
		got := r.Classes[c]
		if got.Class != c || got.Sentences != w.n || got.Coded != w.coded || got.Found != w.found {
			t.Errorf("class %d = %+v, want %+v", c, got, w)
		}
	}
	if r.Classes[2].CodedRate != 0 || r.Classes[1].FoundRate != 1 || r.Classes[3].Roots != "09–13, 16" {
		t.Errorf("class shares or roots: %+v", r.Classes)
	}
	if len(r.Errors) != 2 || r.Errors[0].ID != "wrong" || len(r.Errors[0].Coded) != 1 || r.Errors[1].ID != "none" || r.Errors[1].Coded != nil {
		t.Errorf("errors %+v", r.Errors)
	}
	// Fewer predictions than sentences: the rest count as not coded.
	if r, _ := ScorePentaclass(sents, preds[:1]); r.Coded != 1 || r.Found != 1 {
		t.Errorf("short preds: coded %d found %d", r.Coded, r.Found)
	}
	if r, _ := ScorePentaclass(nil, nil); r.Precision != 0 || r.Recall != 0 || r.F1 != 0 {
		t.Errorf("empty set scores %+v", r)
	}
	if _, err := ScorePentaclass([]PentaSentence{{ID: "x", Class: 7}}, nil); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Errorf("class 7: error %v", err)
	}
}

func TestPentaReportWrite(t *testing.T) {
	sents, preds := pentaSet()
	r, err := ScorePentaclass(sents, preds)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b, false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, w := range []string{"class", "sentences", "coded", "found", "14–15, 17–20", "precision 0.667  recall 0.500  f1 0.571"} {
		if !strings.Contains(out, w) {
			t.Errorf("text lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "WRONG") {
		t.Errorf("errors listed without asking:\n%s", out)
	}
	b.Reset()
	if err := r.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"WRONG wrong class 3, coded AAA→BBB 051 (1)", "NONE  none class 0\n      A said something."} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("errors lack %q:\n%s", w, b.String())
		}
	}
	for _, errs := range []bool{false, true} {
		b.Reset()
		if err := r.WriteJSON(&b, errs); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Sentences int     `json:"sentences"`
			Precision float64 `json:"precision"`
			Classes   []struct {
				Class     int     `json:"class"`
				FoundRate float64 `json:"found_share"`
			} `json:"classes"`
			Errors []PentaMiss `json:"errors"`
		}
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("%v: %s", err, b.String())
		}
		if got.Sentences != 4 || got.Precision != r.Precision || len(got.Classes) != Classes || got.Classes[4].FoundRate != 1 {
			t.Errorf("json %s", b.String())
		}
		if want := map[bool]int{false: 0, true: 2}[errs]; len(got.Errors) != want {
			t.Errorf("errors=%v: %d errors in json, want %d", errs, len(got.Errors), want)
		}
	}
}

// FuzzReadPentaclass feeds any text to the reader: it returns an error
// naming the file, or sentences the scorer takes as they are.
func FuzzReadPentaclass(f *testing.F) {
	f.Add(`{"id":"a","date":"2018-01-15","text":"t","class":2}`)
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadPentaclass("f.jsonl", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.jsonl:") {
				t.Fatalf("error without file and line: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range sents {
			if s.ID == "" || s.Text == "" || s.Class < 0 || s.Class >= Classes || seen[s.ID] {
				t.Fatalf("accepted %+v", s)
			}
			seen[s.ID] = true
		}
		r, err := ScorePentaclass(sents, nil)
		if err != nil || r.Sentences != len(sents) || r.Coded != 0 || r.Found != 0 {
			t.Fatalf("score without predictions: %+v, %v", r, err)
		}
		if err := r.WriteText(&bytes.Buffer{}, true); err != nil {
			t.Fatal(err)
		}
	})
}

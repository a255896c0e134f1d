package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTemp writes a file under t.TempDir and returns its path.
func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEvalPentaclassCommand(t *testing.T) {
	p := writeTemp(t, "penta.jsonl", `{"id":"found","date":"2019-11-19","text":"Iran accused Israel of lying.","class":3}
{"id":"wrong","date":"2019-11-19","text":"Israel accused Iran of lying.","class":1}
{"id":"none","date":"2019-11-19","text":"Nothing happened.","class":0}
`)
	for _, args := range [][]string{{"--gold", p, "--json"}, {"--gold", p, "--json", "--format", "pentaclass"}} {
		out, err := codeCmd(t, "", append([]string{"eval"}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Sentences, Coded, Found int
			Precision, Recall       float64
			Classes                 []struct{ Sentences, Coded, Found int }
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if r.Sentences != 3 || r.Coded != 2 || r.Found != 1 || r.Precision != 0.5 || len(r.Classes) != 5 || r.Classes[3].Found != 1 || r.Classes[1].Coded != 1 || r.Classes[1].Found != 0 {
			t.Errorf("%v: %s", args, out)
		}
	}
	out, err := codeCmd(t, "", "eval", "--gold", p, "--errors")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"sentences", "precision 0.500  recall 0.333", "WRONG wrong class 1, coded ISR→IRN 112 (3)", "NONE  none class 0"} {
		if !strings.Contains(out, w) {
			t.Errorf("text report lacks %q:\n%s", w, out)
		}
	}
	if _, err := codeCmd(t, "", "eval", "--gold", p, "--format", "gold"); err == nil || !strings.Contains(err.Error(), "penta.jsonl:1: want id, text and events") {
		t.Errorf("pentaclass read as gold: error %v", err)
	}
	if _, err := codeCmd(t, "", "eval", "--gold", p, "--format", "tsv"); err == nil || !strings.Contains(err.Error(), `unknown format "tsv"`) {
		t.Errorf("unknown format: error %v", err)
	}
	bad := writeTemp(t, "bad.jsonl", `{"id":"a","text":"Iran accused Israel.","class":2}
{"id":"b","text":"Iran accused Israel.","class":9}
`)
	if _, err := codeCmd(t, "", "eval", "--gold", bad); err == nil || !strings.Contains(err.Error(), "bad.jsonl:2: class 9") {
		t.Errorf("class 9: error %v", err)
	}
}

func TestEvalCodebookCommand(t *testing.T) {
	p := writeTemp(t, "codebook.csv", `"","name","code","example"
"1","Accuse","112","Iran accused Israel of lying."
"2","Criticize or denounce","111","Iran accused Israel of lying."
"3","Fight","190","Nothing happened."
"4","Make statement","010",NA
`)
	out, err := codeCmd(t, "", "eval", "--gold", p, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Examples  int     `json:"examples"`
		Coded     int     `json:"coded"`
		RightRoot int     `json:"right_root"`
		RightCode int     `json:"right_code"`
		CodeRate  float64 `json:"right_code_share"`
		Roots     []struct {
			Root     string `json:"root"`
			Examples int    `json:"examples"`
		} `json:"roots"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Examples != 3 || r.Coded != 2 || r.RightRoot != 2 || r.RightCode != 1 || len(r.Roots) != 2 || r.Roots[0].Root != "11" || r.Roots[0].Examples != 2 {
		t.Errorf("json %s", out)
	}
	out, err = codeCmd(t, "", "eval", "--gold", p, "--errors", "--format", "codebook")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"right root", "disapprove", "ROOT  111 Criticize or denounce (line 3), coded IRN→ISR 112", "NONE  190 Fight (line 4)"} {
		if !strings.Contains(out, w) {
			t.Errorf("text report lacks %q:\n%s", w, out)
		}
	}
	bad := writeTemp(t, "bad.csv", "code,example\n112,Iran accused Israel.\n1x2,Iran accused Israel.\n")
	if _, err := codeCmd(t, "", "eval", "--gold", bad); err == nil || !strings.Contains(err.Error(), `bad.csv:3: code "1x2"`) {
		t.Errorf("bad code: error %v", err)
	}
	other := writeTemp(t, "other.csv", "code,text\n112,Iran accused Israel.\n")
	if _, err := codeCmd(t, "", "eval", "--gold", other); err == nil || !strings.Contains(err.Error(), "other.csv:1:") {
		t.Errorf("unknown CSV: error %v", err)
	}
}

// evalShared returns the path of a file under ../shared, skipping the test
// when it is absent.
func evalShared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s absent: the real evaluation sets are scored only where ../shared exists", p)
	}
	return p
}

// nonBlankLines counts the lines of a file with something on them.
func nonBlankLines(t *testing.T, p string) int {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) != "" {
			n++
		}
	}
	return n
}

// inUnit fails the test unless v is a share, 0 to 1.
func inUnit(t *testing.T, what string, v float64) {
	t.Helper()
	if v < 0 || v > 1 {
		t.Errorf("%s = %v, outside 0–1", what, v)
	}
}

// TestEvalSharedPentaclass scores the real pentaclass dev set: the table is
// printed and its figures are consistent; accuracy floors are the coder's
// own tests' business.
func TestEvalSharedPentaclass(t *testing.T) {
	p := evalShared(t, "data/pentaclass/dev.jsonl")
	out, err := codeCmd(t, "", "eval", "--gold", p, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Sentences, Coded, Found int
		CodedShare              float64 `json:"coded_share"`
		Precision, Recall, F1   float64
		Classes                 []struct {
			Sentences, Coded, Found int
			CodedShare              float64 `json:"coded_share"`
			FoundShare              float64 `json:"found_share"`
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if want := nonBlankLines(t, p); r.Sentences != want {
		t.Errorf("%d sentences scored, the file has %d", r.Sentences, want)
	}
	if len(r.Classes) != 5 {
		t.Fatalf("classes %+v", r.Classes)
	}
	n, coded, found := 0, 0, 0
	for i, c := range r.Classes {
		if c.Sentences == 0 || c.Found > c.Coded || c.Coded > c.Sentences {
			t.Errorf("class %d: %+v", i, c)
		}
		inUnit(t, "coded share", c.CodedShare)
		inUnit(t, "found share", c.FoundShare)
		n, coded, found = n+c.Sentences, coded+c.Coded, found+c.Found
	}
	if n != r.Sentences || coded != r.Coded || found != r.Found {
		t.Errorf("classes sum to %d/%d/%d, totals %d/%d/%d", n, coded, found, r.Sentences, r.Coded, r.Found)
	}
	for what, v := range map[string]float64{"coded": r.CodedShare, "precision": r.Precision, "recall": r.Recall, "f1": r.F1} {
		inUnit(t, what, v)
	}
	text, err := codeCmd(t, "", "eval", "--gold", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"class", "roots", "sentences", "coded", "found", "09–13, 16", "all", "precision"} {
		if !strings.Contains(text, w) {
			t.Errorf("table lacks %q:\n%s", w, text)
		}
	}
	t.Logf("\n%s", text)
}

// TestEvalSharedCodebook scores the real codebook examples: the table is
// printed and its figures are consistent.
func TestEvalSharedCodebook(t *testing.T) {
	p := evalShared(t, "reference/cameo-codebook.csv")
	out, err := codeCmd(t, "", "eval", "--gold", p, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Examples  int     `json:"examples"`
		Coded     int     `json:"coded"`
		RightRoot int     `json:"right_root"`
		RightCode int     `json:"right_code"`
		CodedRate float64 `json:"coded_share"`
		RootRate  float64 `json:"right_root_share"`
		CodeRate  float64 `json:"right_code_share"`
		Roots     []struct {
			Root     string `json:"root"`
			Examples int    `json:"examples"`
		} `json:"roots"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Examples == 0 || r.Examples >= nonBlankLines(t, p) {
		t.Errorf("%d examples of a file of %d lines", r.Examples, nonBlankLines(t, p))
	}
	if r.RightCode > r.RightRoot || r.RightRoot > r.Coded || r.Coded > r.Examples {
		t.Errorf("right code %d > right root %d > coded %d > examples %d broken", r.RightCode, r.RightRoot, r.Coded, r.Examples)
	}
	for what, v := range map[string]float64{"coded": r.CodedRate, "right root": r.RootRate, "right code": r.CodeRate} {
		inUnit(t, what, v)
	}
	sum := 0
	for _, rt := range r.Roots {
		sum += rt.Examples
	}
	if len(r.Roots) == 0 || len(r.Roots) > 20 || sum != r.Examples {
		t.Errorf("%d roots with %d examples, of %d", len(r.Roots), sum, r.Examples)
	}
	text, err := codeCmd(t, "", "eval", "--gold", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"root", "examples", "right root", "right code", "all"} {
		if !strings.Contains(text, w) {
			t.Errorf("table lacks %q:\n%s", w, text)
		}
	}
	t.Logf("\n%s", text)
}

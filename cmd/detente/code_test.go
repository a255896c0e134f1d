package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// codeCmd runs one subcommand with the given stdin and returns its stdout.
func codeCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	err := dispatch(context.Background(), e, args)
	return out.String(), err
}

func TestCodeCommand(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  []string // "id:SRC>TGT CODE" per line, events joined by ","
	}{
		{"args", "", []string{"code", "--date", "2019-11-19", "Iran accused Israel of lying.", "Nothing happened."},
			[]string{"1:IRN>ISR 112", "2:"}},
		{"plain stdin", "Russia did not attack Ukraine.\n\nIran and Iraq signed an agreement.\n", []string{"code"},
			[]string{"1:RUSMIL>UKR 190 neg", "3:IRN>IRQ 057,IRQ>IRN 057"}},
		{"jsonl stdin", `{"id":"x","date":"2019-11-19","text":"Iran threatened to strike Israel."}` + "\n", []string{"code"},
			[]string{"x:IRN>ISR 138"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := codeCmd(t, tt.stdin, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(tt.want), out)
			}
			for i, l := range lines {
				var o codeOutput
				if err := json.Unmarshal([]byte(l), &o); err != nil {
					t.Fatalf("line %d: %v", i+1, err)
				}
				var evs []string
				for _, e := range o.Events {
					s := e.Source + ">" + e.Target + " " + e.Code
					if e.Negated {
						s += " neg"
					}
					evs = append(evs, s)
				}
				if got := o.ID + ":" + strings.Join(evs, ","); got != tt.want[i] {
					t.Errorf("line %d = %q, want %q", i+1, got, tt.want[i])
				}
			}
		})
	}
}

func TestCodeCommandExplainAndErrors(t *testing.T) {
	out, err := codeCmd(t, "", "code", "--explain", "Iran accused Israel of lying.")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"explain":{"tokens":["Iran","accused"`) || !strings.Contains(out, `"triggers":["\"accused Israel of\" 112`) {
		t.Errorf("explain output: %s", out)
	}
	if _, err := codeCmd(t, "{bad json\n", "code"); err == nil || !strings.Contains(err.Error(), "stdin:1") {
		t.Errorf("bad JSONL: error %v", err)
	}
	if _, err := codeCmd(t, "", "code", "--date", "yesterday", "x"); err == nil || !strings.Contains(err.Error(), "--date") {
		t.Errorf("bad date: error %v", err)
	}
	if _, err := codeCmd(t, "", "code", "--dict", t.TempDir()+"/missing-but-empty", "Iran accused Israel."); err != nil {
		t.Errorf("empty dict dir: %v", err)
	}
}

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	gold := `{"id":"a","date":"2019-11-19","text":"Iran accused Israel of lying.","events":[{"source":"IRN","target":"ISR","code":"112"}]}
{"id":"b","date":"2019-11-19","text":"Iran and Iraq signed an agreement.","events":[]}
{"id":"c","date":"2019-11-19","text":"Nothing happened.","events":[{"source":"USA","target":"CHN","code":"010"}]}
`
	p := filepath.Join(dir, "gold.jsonl")
	if err := os.WriteFile(p, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := codeCmd(t, "", "eval", "--gold", p, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var r map[string]struct{ Precision, Recall, F1 float64 }
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// 1 true positive, 2 false (the symmetric agreement), 1 missed.
	if got := r["root"]; got.Precision < 0.33 || got.Precision > 0.34 || got.Recall != 0.5 {
		t.Errorf("root = %+v", got)
	}
	out, err = codeCmd(t, "", "eval", "--gold", p, "--errors")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"root", "MISS  USA→CHN 010", "FALSE IRN→IRQ 057"} {
		if !strings.Contains(out, w) {
			t.Errorf("text report lacks %q:\n%s", w, out)
		}
	}
	if _, err := codeCmd(t, "", "eval"); err == nil {
		t.Error("eval without --gold: no error")
	}
	if _, err := codeCmd(t, "", "eval", "--gold", filepath.Join(dir, "none.jsonl")); err == nil {
		t.Error("missing gold file: no error")
	}
}

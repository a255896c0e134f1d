package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runStderr runs one subcommand and returns its stdout and stderr.
func runStderr(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := dispatch(context.Background(), e, args); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return out.String(), errb.String()
}

// TestDictReports points code and eval at a folder of PETRARCH-style files
// with odd lines: each file's counts and first warnings, with file:line,
// go to stderr, and the good lines still code.
func TestDictReports(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"Test.agents.txt":   "ENVOY [~GOV]\nMEDIC [~HLH}\nPILOT\nBAKER [~BUS]\nSAILOR [~MIL\nDRIVER [~]\nCLERK [~BUS]\n",
		"Test.verbs.txt":    "--- SCOLD [111] ---\nSCOLD\n- * + [999]\n",
		"Test.discards.txt": "SOME SPORT\n",
		"README.md":         "not a dictionary\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr := runStderr(t, "code", "--dict", dir, "--date", "2019-11-19", "Iran scolded Iraq.")
	if !strings.Contains(out, `"code":"111"`) {
		t.Errorf("the verb file's rule did not code: %s", out)
	}
	for _, want := range []string{
		"dict Test.agents.txt (petrarch agents): 6 entries loaded, 4 lines skipped, 0 unused\n",
		"  warning: Test.agents.txt:2: unclosed '[' in \"MEDIC [~HLH}\"; skipped\n",
		"  warning: Test.agents.txt:5: unclosed '[' in \"SAILOR [~MIL\"; skipped\n",
		"  … 1 more warnings (--dict-warnings prints them all)\n",
		"dict Test.verbs.txt (petrarch verbs): 1 entries loaded, 1 lines skipped, 0 unused\n",
		"  warning: Test.verbs.txt:3: code [999] is not in the CAMEO codebook; skipped\n",
		"dict Test.discards.txt (petrarch discards): 0 entries loaded, 0 lines skipped, 1 unused; not used",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "README") || strings.Contains(stderr, "Test.agents.txt:6") {
		t.Errorf("stderr says too much:\n%s", stderr)
	}
	_, stderr = runStderr(t, "code", "--dict", dir, "--dict-warnings", "Iran scolded Iraq.")
	if !strings.Contains(stderr, "Test.agents.txt:6: code [~]: empty; skipped") || strings.Contains(stderr, "more warnings") {
		t.Errorf("--dict-warnings did not print them all:\n%s", stderr)
	}
	gold := filepath.Join(dir, "gold.jsonl")
	if err := os.WriteFile(gold, []byte(`{"id":"1","date":"2019-11-19","text":"Iran scolded Iraq.","events":[{"source":"IRN","target":"IRQ","code":"111"}]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr = runStderr(t, "eval", "--gold", gold, "--dict", dir)
	if !strings.Contains(stderr, "dict Test.verbs.txt (petrarch verbs): 1 entries loaded, 1 lines skipped") {
		t.Errorf("eval did not report the dictionaries:\n%s", stderr)
	}
}

// TestDictReportsDetente points code at a folder of files in detente's own
// formats, each with a good line and a malformed one: the good lines code
// ("Ruritania" from the actor file, "upbraid" from the verb file, the place
// from the gazetteer) and each bad line is a warning on stderr with its
// file:line, not a failure.
func TestDictReportsDetente(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"verbs-mine.txt":  "111 : upbraid +\n046 hold talks\n",
		"mine.txt":        "RUR : Ruritania\nRUR Ruritanians\n",
		"places-mine.txt": "GBR | Lyonesse | 50 | -6\nGBR | Atlantis | 1\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr := runStderr(t, "code", "--dict", dir, "--date", "2019-11-19", "Ruritania upbraided Iraq in Lyonesse.")
	for _, want := range []string{`"source":"RUR"`, `"code":"111"`, `"rule":"verbs-mine.txt:1"`, `"location":"GBR"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the good lines did not code: %s lacks %s", out, want)
		}
	}
	for _, want := range []string{
		"dict mine.txt (detente actors): 1 entries loaded, 1 lines skipped, 0 unused\n",
		"  warning: mine.txt:2: missing ':' between code and phrases; skipped\n",
		"dict places-mine.txt (gazetteer): 1 entries loaded, 1 lines skipped, 0 unused\n",
		"  warning: places-mine.txt:2: want ISO3 | Place | lat | lon, got 3 fields; skipped\n",
		"dict verbs-mine.txt (detente verbs): 1 entries loaded, 1 lines skipped, 0 unused\n",
		"  warning: verbs-mine.txt:2: missing ':' after the code; skipped\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

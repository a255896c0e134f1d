package eval

import (
	"bytes"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

func TestEvaluate(t *testing.T) {
	gold := []Sentence{
		{ID: "a", Events: []GoldEvent{{Source: "USAGOV", Target: "IRN", Code: "046"}, {Source: "IRN", Target: "USA", Code: "046"}}},
		{ID: "b", Events: []GoldEvent{{Source: "FRA", Target: "RWA", Code: "112", Alt: []string{"111"}}}},
		{ID: "c"},
		{ID: "d", Events: []GoldEvent{{Source: "RUSMIL", Target: "UKR", Code: "194"}}},
	}
	preds := [][]Pred{
		// both directions; the repeated triple counts once
		{{"USAMIL", "IRN", "040"}, {"USAGOV", "IRN", "046"}, {"IRN", "USAGOV", "046"}},
		// an alternative code matches at root and code level
		{{"FRA", "RWA", "111"}},
		// no gold: a false positive
		{{"CHN", "TWN", "190"}},
		// wrong agent: root yes, agent no; wrong code: code no
		{{"RUSGOV", "UKR", "190"}},
	}
	r := Evaluate(gold, preds)
	tests := []struct {
		name       string
		s          Score
		tp, fp, fn int
	}{
		{"root", r.Root, 4, 1, 0},
		{"code", r.Code, 3, 3, 1},
		{"agent", r.Agent, 3, 3, 1},
	}
	for _, tt := range tests {
		if tt.s.TP != tt.tp || tt.s.FP != tt.fp || tt.s.FN != tt.fn {
			t.Errorf("%s: tp/fp/fn = %d/%d/%d, want %d/%d/%d", tt.name, tt.s.TP, tt.s.FP, tt.s.FN, tt.tp, tt.fp, tt.fn)
		}
	}
	if r.Root.Precision != 0.8 || r.Root.Recall != 1 {
		t.Errorf("root precision %v recall %v", r.Root.Precision, r.Root.Recall)
	}
	if r.Confusion["--"]["19"] != 1 || r.Confusion["04"]["04"] != 2 || r.Confusion["19"]["19"] != 1 {
		t.Errorf("confusion %v", r.Confusion)
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "FALSE CHN→TWN 190") {
		t.Errorf("errors list lacks the false positive:\n%s", buf.String())
	}
	buf.Reset()
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"root":{"precision":0.8,"recall":1,"f1":0.888`) {
		t.Errorf("json %s", buf.String())
	}
}

func TestMatchOneToOne(t *testing.T) {
	// Two gold events, one prediction: only one may match.
	gold := []Sentence{{Events: []GoldEvent{{Source: "USA", Target: "IRN", Code: "010"}, {Source: "USA", Target: "IRN", Code: "011"}}}}
	r := Evaluate(gold, [][]Pred{{{"USA", "IRN", "010"}}})
	if r.Root.TP != 1 || r.Root.FN != 1 {
		t.Errorf("tp %d fn %d", r.Root.TP, r.Root.FN)
	}
}

func TestCountry(t *testing.T) {
	for in, want := range map[string]string{"USAGOV": "USA", "IGOUNO": "IGOUNO", "IGOUNOGOV": "IGOUNO", "IRN": "IRN", "AFGREB": "AFG"} {
		if got := Country(in); got != want {
			t.Errorf("Country(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadGold(t *testing.T) {
	in := `{"id":"x","date":"2015-06-09","text":"t","events":[{"source":"USA","target":"IRN","code":"046","alt":["040"]}]}` + "\n\n"
	g, err := ReadGold("g.jsonl", strings.NewReader(in))
	if err != nil || len(g) != 1 || g[0].Events[0].Alt[0] != "040" || g[0].Day().Year() != 2015 {
		t.Fatalf("ReadGold = %+v, %v", g, err)
	}
	ok := `{"id":"x","text":"t","events":[]}` + "\n"
	bad := []struct{ in, want string }{
		{"{", "g.jsonl:1: "},
		{`{"id":"x","text":"t","events":[],"date":"x"}`, `g.jsonl:1: date "x"`},
		{`{"events":[{"source":"USA"}]}`, "g.jsonl:1: want id, text and events"},
		{ok + `{"id":"y","text":"t"}`, "g.jsonl:2: want id, text and events"},
		{`{"id":"x","events":[]}`, "g.jsonl:1: want id, text and events"},
		{ok + `{"id":"y","text":"t","events":[{"source":"USA","target":"IRN"}]}`, "g.jsonl:2: event 1: want source, target and code"},
		{`{"id":"x","text":"t","events":[{"source":"USA","target":"IRN","code":"999"}]}`, `g.jsonl:1: event 1: "999" is not a CAMEO code`},
		{`{"id":"x","text":"t","events":[{"source":"USA","target":"IRN","code":"04x"}]}`, `g.jsonl:1: event 1: "04x" is not a CAMEO code`},
		{`{"id":"x","text":"t","events":[{"source":"USA","target":"IRN","code":"046"},{"source":"IRN","target":"USA","code":"046","alt":["0469"]}]}`, `g.jsonl:1: event 2: "0469" is not a CAMEO code`},
		{ok + ok, `g.jsonl:2: id "x" already used on line 1`},
	}
	for _, b := range bad {
		if _, err := ReadGold("g.jsonl", strings.NewReader(b.in)); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ReadGold(%q) error %v, want %q", b.in, err, b.want)
		}
	}
}

func FuzzReadGold(f *testing.F) {
	f.Add(`{"id":"x","date":"2015-06-09","text":"t","events":[{"source":"USA","target":"IRN","code":"046"}]}`)
	f.Add(`{"events":[{}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		g, err := ReadGold("f.jsonl", strings.NewReader(in))
		if err != nil && !strings.Contains(err.Error(), "f.jsonl") {
			t.Fatalf("error without file: %v", err)
		}
		preds := make([][]Pred, len(g))
		r := Evaluate(g, preds)
		if r.Root.TP != 0 || r.Root.FP != 0 {
			t.Fatalf("no predictions but tp/fp %d/%d", r.Root.TP, r.Root.FP)
		}
	})
}

func TestCounted(t *testing.T) {
	ev := func(code string, neg, hyp bool) detente.Event {
		return detente.Event{Source: detente.Actor{Code: "AAAGOV"}, Target: detente.Actor{Code: "BBB"}, Code: code, Negated: neg, Hypothetical: hyp}
	}
	got := Counted([]detente.Event{ev("046", false, false), ev("112", true, false), ev("138", false, true), ev("190", true, true)})
	if len(got) != 1 || got[0] != (Pred{"AAAGOV", "BBB", "046"}) || got[0].String() != "AAAGOV→BBB 046" {
		t.Errorf("Counted = %v", got)
	}
}

// TestEvaluateLeavesOneSidedOut checks that a prediction without a target
// is neither a hit nor a false event against two-sided gold, and is counted.
func TestEvaluateLeavesOneSidedOut(t *testing.T) {
	gold := []Sentence{{ID: "a", Events: []GoldEvent{{Source: "IRN", Target: "USA", Code: "112"}}}}
	preds := [][]Pred{{{Source: "IRN", Target: "USA", Code: "112"}, {Source: "IRN", Target: "", Code: "016"}}}
	r := Evaluate(gold, preds)
	if r.Root.TP != 1 || r.Root.FP != 0 || r.OneSided != 1 {
		t.Errorf("TP %d FP %d one-sided %d, want 1 0 1", r.Root.TP, r.Root.FP, r.OneSided)
	}
}

// TestEvaluateLeavesAgentOnlyOut checks that an event whose source is an
// agent alone is left out of the gold scores like a one-sided one.
func TestEvaluateLeavesAgentOnlyOut(t *testing.T) {
	gold := []Sentence{{ID: "a"}}
	r := Evaluate(gold, [][]Pred{{{Source: "CVL", Target: "ISR", Code: "111"}, {Source: "IRNGOV", Target: "ISR", Code: "111"}}})
	if r.Root.FP != 1 || r.OneSided != 1 {
		t.Errorf("FP %d one-sided %d, want 1 1", r.Root.FP, r.OneSided)
	}
}

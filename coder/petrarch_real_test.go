package coder

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/actor"
)

// petrarchDir holds PETRARCH2's own dictionaries (see its README), for
// measuring only.
const petrarchDir = "../../shared/data/petrarch-dictionaries"

func petrarchCoder(tb testing.TB) *Coder {
	tb.Helper()
	if _, err := os.Stat(petrarchDir + "/CAMEO.2.0.txt"); err != nil {
		tb.Skipf("PETRARCH2 dictionaries not found in %s (../shared is absent): %v", petrarchDir, err)
	}
	c, err := New(WithDictDir(petrarchDir))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestPetrarchVerbsReal loads PETRARCH2's CAMEO.2.0.txt through --dict.
// The floor on rules is a regression guard about 5 % below the 57,509
// measured, the ceiling on skips a few above the 11 measured.
func TestPetrarchVerbsReal(t *testing.T) {
	c := petrarchCoder(t)
	var rep *actor.Report
	for _, r := range c.Reports() {
		if r.File == "CAMEO.2.0.txt" {
			rep = &r
		}
	}
	if rep == nil {
		t.Fatalf("CAMEO.2.0.txt not read as a verb dictionary: %+v", c.Reports())
	}
	t.Logf("CAMEO.2.0.txt: %d rules, %d skipped, %d unused, %d warnings", rep.Entries, rep.Skipped, rep.Unused, len(rep.Warnings))
	if rep.Format != actor.FormatPetrarchVerbs || rep.Entries < 54600 || rep.Skipped > 15 {
		t.Errorf("CAMEO.2.0.txt: %s, %d rules, %d skipped", rep.Format, rep.Entries, rep.Skipped)
	}
	quirk := `CAMEO.2.0.txt:1735: '*' joined to "SCEPTICAL"`
	found := false
	for _, w := range rep.Warnings {
		found = found || strings.HasPrefix(w.String(), quirk)
	}
	if !found {
		t.Errorf("no warning %q in %v", quirk, rep.Warnings)
	}
	if c.Rules() < rep.Entries {
		t.Errorf("%d rules in the coder, fewer than the file's %d", c.Rules(), rep.Entries)
	}
}

// TestPetrarchCode codes sentences written for this test with PETRARCH2's
// dictionaries added: actors only those files know (a spelling of a
// country, leaders on a date, an agent) and verbs only CAMEO.2.0.txt
// codes, traced to the file that gave them (rules of the folder come
// before the embedded ones; the agent's file is checked in package actor).
func TestPetrarchCode(t *testing.T) {
	c := petrarchCoder(t)
	tests := []struct {
		day, text, want string // want: the events as render prints them
		actorFrom       string // the file of the source actor's entry, or ""
		ruleFrom        string // the file of the rule, or ""
	}{
		{"2018-01-15", "Afghanestan accused Pakistan of aggression.", "AFG>PAK 1123", "Phoenix.Countries.actors.txt", ""},
		{"1975-06-01", "Leonid Brezhnev accused China of aggression.", "RUSGOV>CHN 1123", "Phoenix.Countries.actors.txt", ""},
		{"2012-06-01", "Ivo Josipovic accused Serbia of aggression.", "HRVGOV>SRB 1123", "Phoenix.Countries.actors.txt", ""},
		{"2018-01-15", "German ecologists accused France of lying.", "DEUENV>FRA 112", "", ""},
		{"2018-01-15", "Kenya castigated Uganda.", "KEN>UGA 111", "", "CAMEO.2.0.txt"},
		{"2018-01-15", "Japan berated China.", "JPN>CHN 111", "", "CAMEO.2.0.txt"},
		{"2018-01-15", "Iran rushed to Iraq.", "IRN>IRQ 042", "", "CAMEO.2.0.txt"},
	}
	for _, tt := range tests {
		d, err := time.Parse(time.DateOnly, tt.day)
		if err != nil {
			t.Fatal(err)
		}
		evs := c.CodeText(tt.text, d)
		if got := render(evs); got != tt.want {
			t.Errorf("%s %q → %q, want %q", tt.day, tt.text, got, tt.want)
			continue
		}
		if tt.actorFrom != "" && !strings.HasPrefix(evs[0].Source.Entry, tt.actorFrom+":") {
			t.Errorf("%q: actor from %q, want %s", tt.text, evs[0].Source.Entry, tt.actorFrom)
		}
		if tt.ruleFrom != "" && !strings.HasPrefix(evs[0].Rule, tt.ruleFrom+":") {
			t.Errorf("%q: rule %q, want one of %s", tt.text, evs[0].Rule, tt.ruleFrom)
		}
	}
}

// BenchmarkNewPetrarch loads the embedded dictionaries and PETRARCH2's
// whole set (verbs, three actor files, agents); the target is under 2 s.
func BenchmarkNewPetrarch(b *testing.B) {
	if _, err := os.Stat(petrarchDir + "/CAMEO.2.0.txt"); err != nil {
		b.Skipf("PETRARCH2 dictionaries not found in %s (../shared is absent): %v", petrarchDir, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(WithDictDir(petrarchDir)); err != nil {
			b.Fatal(err)
		}
	}
}

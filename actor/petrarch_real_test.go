package actor

import (
	"os"
	"strings"
	"testing"
	"time"
)

// petrarchDir holds PETRARCH2's own dictionaries (see its README), for
// measuring only.
const petrarchDir = "../../shared/data/petrarch-dictionaries"

func needPetrarch(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(petrarchDir + "/Phoenix.agents.txt"); err != nil {
		tb.Skipf("PETRARCH2 dictionaries not found in %s (../shared is absent): %v", petrarchDir, err)
	}
}

// TestLoadPetrarch loads PETRARCH2's real actor and agent files. The floors
// on entries are regression guards set about 5 % below what was measured
// (Countries 39,677, International 7,974, MilNonState 1,793, agents
// 5,152 phrases); the ceilings on skips are a few above the measured
// 10, 2, 0 and 2.
func TestLoadPetrarch(t *testing.T) {
	needPetrarch(t)
	d, err := Load(petrarchDir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		format            string
		minEntries, maxSk int
		quirk             string // a warning it must give, with its line
	}{
		"Phoenix.Countries.actors.txt":     {FormatPetrarchActors, 37700, 14, `Phoenix.Countries.actors.txt:2039: code [ARMUNR 9008223-911221]: date "9008223" has seven digits`},
		"Phoenix.International.actors.txt": {FormatPetrarchActors, 7570, 5, ""},
		"Phoenix.MilNonState.actors.txt":   {FormatPetrarchActors, 1700, 2, ""},
		"Phoenix.agents.txt":               {FormatPetrarchAgents, 4890, 4, `Phoenix.agents.txt:544: unclosed '[' in "DEPARMENT_OF_ENVIRONMENT [~ENV}"; skipped`},
		"Phoenix.discards.txt":             {FormatPetrarchDiscards, 0, 0, ""},
		"Phoenix.IssueCoding.txt":          {FormatPetrarchIssues, 0, 0, ""},
	}
	seen := 0
	for _, r := range d.Reports() {
		w, ok := want[r.File]
		if !ok {
			t.Errorf("unexpected report %s (%s)", r.File, r.Format)
			continue
		}
		seen++
		t.Logf("%s: %d entries, %d skipped, %d unused, %d warnings", r.File, r.Entries, r.Skipped, r.Unused, len(r.Warnings))
		if r.Format != w.format || r.Entries < w.minEntries || r.Skipped > w.maxSk {
			t.Errorf("%s: %s, %d entries, %d skipped; want %s, ≥ %d, ≤ %d", r.File, r.Format, r.Entries, r.Skipped, w.format, w.minEntries, w.maxSk)
		}
		if w.format == FormatPetrarchDiscards || w.format == FormatPetrarchIssues {
			if r.Note == "" || r.Unused == 0 {
				t.Errorf("%s: not reported as unused: %+v", r.File, r)
			}
		}
		found := w.quirk == ""
		for _, x := range r.Warnings {
			found = found || strings.HasPrefix(x.String(), w.quirk)
		}
		if !found {
			t.Errorf("%s: no warning %q", r.File, w.quirk)
		}
	}
	if seen != len(want) {
		t.Errorf("%d reports, want %d", seen, len(want))
	}
}

// TestPetrarchEntries spot-checks real entries: a country, a dated leader
// on both sides of a change of office, an actor read as a synonym of the
// next one, and an agent.
func TestPetrarchEntries(t *testing.T) {
	needPetrarch(t)
	d, err := Load(petrarchDir)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	tests := []struct {
		text, day, want string // want: "code@file" of the first mention
	}{
		{"Afghanestan", "2018-01-15", "AFG@Phoenix.Countries.actors.txt"},
		{"Levon Ter Petrosyan", "1995-01-01", "ARMGOV@Phoenix.Countries.actors.txt"},
		{"Levon Ter Petrosyan", "1985-01-01", "ARMELI@Phoenix.Countries.actors.txt"},
		{"Leonid Brezhnev", "1975-06-01", "RUSGOV@Phoenix.Countries.actors.txt"},
		{"ecologists", "2018-01-15", "ENV@Phoenix.agents.txt"},
	}
	for _, tt := range tests {
		ms := d.Match(sentence(tt.text), day(tt.day), nil)
		got := ""
		if len(ms) > 0 {
			got = ms[0].Entry.Code + "@" + strings.Split(ms[0].Entry.Source, ":")[0]
		}
		if got != tt.want {
			t.Errorf("%q on %s → %q, want %q", tt.text, tt.day, got, tt.want)
		}
	}
}

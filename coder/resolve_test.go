package coder

import (
	"testing"

	"github.com/detente-project/detente"
)

func codeArticle(c *Coder, texts ...string) []detente.Event {
	a := &detente.Article{ID: "a1", Published: day2015}
	var sents []detente.Sentence
	for i, s := range texts {
		sents = append(sents, detente.Sentence{ArticleID: a.ID, Index: i, Text: s})
	}
	return c.Code(a, sents)
}

func TestArticleReferences(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		name  string
		texts []string
		want  string
	}{
		{"he is the one person named", []string{"Iranian Foreign Minister Javad Zarif arrived in Oman on Monday.", "He accused Washington of lying."},
			"IRNGOV>OMN 042, IRNGOV>USA 112"},
		{"the minister", []string{"Javad Zarif arrived in Oman on Monday.", "The minister also criticised Britain."},
			"IRNGOV>GBR 111, IRNGOV>OMN 042"},
		{"two people: no guess, the doer unnamed", []string{"Javad Zarif met Barack Obama on Monday.", "He accused Britain of lying."},
			">GBR 112, IRNGOV>USAGOV 040"},
		{"no person: no guess, the doer unnamed", []string{"Iran arrived at the talks.", "He accused Britain of lying."}, ">GBR 112"},
		{"we in a quotation", []string{"“We strongly condemn Israel,” the Turkish foreign minister said."}, "TURGOV>ISR 111"},
		{"we before the speaker", []string{"Obama said, “We accuse Russia of meddling.”"}, "USAGOV>RUS 112"},
		{"rejected the accusations", []string{"Russia and Syria accused U.S. forces of smuggling.", "The Pentagon rejected these accusations as false."},
			"RUS>USAMIL 112, SYR>USAMIL 112, USAMIL>RUS 016, USAMIL>SYR 016"},
		{"rejected unrelated accusations: a denial with no accuser", []string{"Russia accused Ukraine of smuggling.", "The Pentagon rejected these accusations as false."},
			"RUS>UKR 112, USAMIL> 016"},
		{"both sides", []string{"Russia attacked Ukraine on Monday.", "Both sides exchanged prisoners on Tuesday."},
			"RUS>UKR 0841, RUSMIL>UKR 190, UKR>RUS 0841"},
		{"the two countries too late", []string{"Russia attacked Ukraine on Monday.", "Nothing.", "Nothing.", "Nothing.", "The two countries exchanged prisoners."},
			"RUSMIL>UKR 190"},
		{"each other", []string{"India and Pakistan accused each other of violating the ceasefire."}, "IND>PAK 1123, PAK>IND 1123"},
		{"we without a speaker: the doer unnamed", []string{"“We accuse Russia of meddling.”"}, ">RUS 112"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(codeArticle(c, tt.texts...)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHostedTalks(t *testing.T) {
	c := testCoder(t)
	evs := codeArticle(c, "The United States and Iran began talks in Muscat on Saturday.", "The talks, hosted by Oman, lasted three hours.")
	if got := render(evs); got != "IRN>USA 046, OMN>IRN 043, OMN>USA 043, USA>IRN 046" {
		t.Fatalf("got %q", got)
	}
	for _, e := range evs {
		if e.Code != "046" {
			continue
		}
		if e.Location.Country != "OMN" || e.Location.Place != "Muscat" || !e.Location.HasCoord || e.Location.Lat < 23 || e.Location.Lat > 24 {
			t.Errorf("location %+v, want Muscat, OMN", e.Location)
		}
		if len(e.Mediators) != 1 || e.Mediators[0].Code != "OMN" {
			t.Errorf("mediators %+v, want OMN", e.Mediators)
		}
	}
}

func TestDateline(t *testing.T) {
	c := testCoder(t)
	evs := c.CodeText("MUSCAT — Iran accused the United States of lying.", day2015)
	if len(evs) != 1 || evs[0].Location.Country != "OMN" || evs[0].Location.Place != "MUSCAT" || !evs[0].Location.HasCoord {
		t.Fatalf("got %+v", evs)
	}
	evs = c.CodeText("Iran accused the United States of lying in Geneva.", day2015)
	if len(evs) != 1 || evs[0].Location.Country != "CHE" {
		t.Fatalf("got %+v", evs)
	}
}

func TestHostsActive(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		texts []string
		want  string
	}{
		{[]string{"The United States and Iran began talks on Saturday.", "Oman hosted the talks."},
			"IRN>USA 046, OMN>IRN 043, OMN>USA 043, USA>IRN 046"},
		{[]string{"Oman hosted talks between the United States and Iran."},
			"IRN>USA 046, OMN>IRN 043, OMN>USA 043, USA>IRN 046"},
		{[]string{"Oman hosted the talks."}, ""},
	}
	for _, tt := range tests {
		if got := render(codeArticle(c, tt.texts...)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.texts, got, tt.want)
		}
	}
}

func TestEventFields(t *testing.T) {
	c := testCoder(t)
	s := "Iran accused the United States of lying."
	evs := c.CodeText(s, day2015)
	if len(evs) != 1 {
		t.Fatalf("got %d events", len(evs))
	}
	e := evs[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"source text", s[e.Source.Start:e.Source.End], "Iran"},
		{"target text", s[e.Target.Start:e.Target.End], "United States"},
		{"trigger", e.Trigger.Text, "accused the United States of"},
		{"rule", e.Rule[:10], "verbs.txt:"},
		{"root", e.Root, "11"},
		{"quad", e.Quad, detente.VerbalConflict},
		{"goldstein", e.Goldstein < 0, true},
		{"plover", e.Plover, "ACCUSE"},
		{"date", e.Date, day2015},
		{"id", e.ID, detente.EventID("", 0, "IRN", "USA", "112")},
		{"entry", e.Source.Entry[:14], "countries.txt:"},
		{"dict version", e.DictVersion, c.DictVersion()},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
}

package coder

import (
	"strings"
	"testing"
)

// TestTagger checks the tags the first pass gives the words that the
// later passes ask about: verbs against nouns, names, closed classes.
func TestTagger(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		in   string
		want string // "word/TAG" pairs that must be in the tagging
	}{
		{"Iran attacks Israel.", "Iran/NNP attacks/VBZ Israel/NNP"},
		{"The attacks on Israel continued.", "attacks/NNS"},
		{"The militants attacked the base.", "militants/NNS attacked/VBD base/NN"},
		{"The U.S. and Iran held talks in Muscat.", "held/VBD talks/NN Muscat/NNP"},
		{"China threatened to impose sanctions on Japan.", "threatened/VBD to/TO impose/VB sanctions/NNS on/PREP"},
		{"Iran did not apologise.", "did/AUX not/NEG apologise/VB"},
		{"He said the strikes would not stop.", "said/VBD strikes/NNS would/MODAL"},
		{"Police fired tear gas at protesters on Monday.", "fired/VBD protesters/NNS Monday/NNP"},
		{"The army's strike killed 12 people.", "'s/DET strike/NN killed/VBD 12/NUM"},
		{"Rebels have seized the town.", "have/AUX seized/VBD"},
		{"They plan to meet.", "They/PRON plan/VB to/TO meet/VB"},
		{"Ministers are increasingly worried.", "increasingly/RB"},
		{"Britain paid 67 poor farmers.", "67/NUM poor/JJ farmers/NNS"},
		{"The poor suffered most.", "poor/NN"},
		// Verbs of the patterns that the lexicon lacks take their form
		// from their ending.
		{"Russia annexes Crimea.", "annexes/VBZ"},
		{"Turkey will expel them and Russia deports migrants.", "deports/VBZ migrants/NNS"},
	}
	for _, tt := range tests {
		x := c.Explain(tt.in, day2015)
		got := make([]string, len(x.Tokens))
		for i := range x.Tokens {
			got[i] = x.Tokens[i] + "/" + x.Tags[i]
		}
		all := " " + strings.Join(got, " ") + " "
		for _, w := range strings.Fields(tt.want) {
			if !strings.Contains(all, " "+w+" ") {
				t.Errorf("%s: want %s in %s", tt.in, w, strings.TrimSpace(all))
			}
		}
	}
}

func TestReadPOSLexiconErrors(t *testing.T) {
	for _, in := range []string{"word\n", "# c\nword x\n"} {
		if _, err := ReadPOSLexicon("p.txt", strings.NewReader(in)); err == nil || !strings.HasPrefix(err.Error(), "p.txt:") {
			t.Errorf("%q: error %v, want one naming p.txt and the line", in, err)
		}
	}
	lex, err := ReadPOSLexicon("p.txt", strings.NewReader("attack v n\nfight v n\nfought V\n"))
	if err != nil {
		t.Fatal(err)
	}
	for w, want := range map[string]string{"attacks": "NNS VBZ", "attacked": "VBD", "attacking": "VBG", "fought": "VBD", "fighting": "VBG"} {
		var got []string
		for _, tg := range lex.lookup(w, nil) {
			got = append(got, tg.String())
		}
		if g := strings.Join(got, " "); !strings.Contains(" "+g+" ", " "+strings.Fields(want)[0]+" ") {
			t.Errorf("lookup(%s) = %s, want %s", w, g, want)
		}
	}
}

package coder

import (
	"testing"

	"github.com/detente-project/detente"
)

// TestHoldersAndParticiples codes releases by the captives' holder and
// participle clauses whose subject stands in another clause.
func TestHoldersAndParticiples(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ name, in, want string }{
		{"holder in a relative clause", "Three aid workers — a Briton and a Canadian — who had been held by al-Shabaab since March were freed on Sunday.", "SOMREB>CAN 0841, SOMREB>GBR 0841"},
		{"holder in a reduced relative", "Two Americans detained by Iran were released on Monday.", "IRN>USA 0841, IRN>USA 173"},
		{"captives without a country", "Prisoners held by Israel were released on Monday.", ""},
		{"captives whose country is a guess", "Two sailors held by the Houthis were released after talks.", ""},
		{"released by someone else", "Two Americans held by Iran were released by Iraqi officials.", "IRQGOV>USA 0841"},
		{"participle between subject and verb", "France, seeking to mend ties with China, sent its foreign minister to Beijing.", "FRA>CHN 030"},
		{"participle of a subordinate clause", "The visit comes a day before Erdogan travels to Moscow, seeking to improve ties with Russia.", "TURGOV>RUS 030, TURGOV>RUS 042"},
		{"participle after an unknown verb in -s", "The talks come as Modi heads to Beijing, hoping to improve relations with China.", "INDGOV>CHN 030"},
		{"participle of the first clause", "Iran seized a British tanker on Friday, accusing it of violating maritime rules.", "IRN>GBR 171"},
		{"no subject before the participle", "In Gaza on Monday, accusing Hamas of firing rockets.", ">PSEREB 112"},
		{"participle of the clause before it", "A day after Iran seized a tanker, the U.S. sent a destroyer to the Gulf, warning Tehran against further action.", "USA>IRN 130"},
		{"the nearest clause has no actor", "When Turkish troops entered Syria, Kurdish leaders fled, urging the United States to help.", ">USA 023"},
		{"compound list with articles", "An American and a Briton were freed by the Taliban.", "AFGREB>GBR 0841, AFGREB>USA 0841"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(c.CodeText(tt.in, day2015)); got != tt.want {
				t.Errorf("%s\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestArticleSides codes "both sides" and guessed governments in an
// article of several sentences.
func TestArticleSides(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		name  string
		sents []string
		want  string // events of the last sentence
	}{
		{"both sides are not the host", []string{
			"Armenian and Azerbaijani delegations held talks in Geneva hosted by Switzerland.",
			"The two sides agreed to exchange 100 prisoners each.",
		}, "ARM>AZE 0353, AZE>ARM 0353"},
		{"a state's own government only when named", []string{
			"Qatar hosted talks between Sudan and Chad.",
			"Qatar thanked both governments for their trust.",
		}, "QAT>GOV 051"},
		{"lawmakers and their government", []string{
			"Iranian lawmakers demanded that the government close the strait.",
		}, "IRNLEG>IRNGOV 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &detente.Article{ID: "a", Published: day2015}
			var ss []detente.Sentence
			for i, s := range tt.sents {
				ss = append(ss, detente.Sentence{ArticleID: "a", Index: i, Text: s, End: len(s)})
			}
			var last []detente.Event
			for _, e := range c.Code(a, ss) {
				if e.SentenceIndex == len(ss)-1 {
					last = append(last, e)
				}
			}
			if got := render(last); got != tt.want {
				t.Errorf("%s\n got  %q\n want %q", tt.sents[len(tt.sents)-1], got, tt.want)
			}
		})
	}
}

// TestAttackFrom codes passive attacks by where they came from, and "it"
// in a report of an attack as the reporter.
func TestAttackFrom(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ name, in, want string }{
		{"from a territory, at the reporter", "Israel said a mortar bomb was fired at it from the Gaza Strip on Tuesday.", "PSEMIL>ISR 194"},
		{"from a country", "Rockets were fired at Israel from Lebanon overnight.", "LBNMIL>ISR 194"},
		{"speaker after", "A missile was fired at Kyiv from Belarus, Ukraine said.", "BLRMIL>UKR 194"},
		{"from an adjective", "Ukraine said a drone was launched at it from Russian territory.", "RUSMIL>UKR 195"},
		{"it is a thing", "The U.S. said Iran seized a tanker and released it later.", ""},
		{"no target", "Two rockets were fired from Syria, the army said.", ""},
		{"from no actor", "Shots were fired from the crowd at police.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(c.CodeText(tt.in, day2015)); got != tt.want {
				t.Errorf("%s\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

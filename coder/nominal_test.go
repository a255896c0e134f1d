package coder

import "testing"

// TestNounEvents codes acts named by nouns, with their doer in a
// possessive, an adjective or a "by" phrase.
func TestNounEvents(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ name, in, want string }{
		{"possessive accusations", "Iran's accusations against Israel are baseless, the ministry said.", "IRN>ISR 112"},
		{"possessive after a denial", "Moscow rejected Kyiv's accusations against Russian forces.", "RUS>UKR 016, UKR>RUSMIL 112"},
		{"by after the noun", "Accusations by Iran against Saudi Arabia have grown louder.", "IRN>SAU 112"},
		{"allegations by X that Y", "The U.S. dismissed allegations by Venezuela that Washington had plotted a coup.", "USA>VEN 016, VEN>USA 112"},
		{"by after the target", "New sanctions on Iran by the European Union took effect on Monday.", "IGOEUR>IRN 163"},
		{"adjective doer", "Israeli strikes on Gaza killed 30 people on Tuesday.", "ISRMIL>CVL 190, ISRMIL>PSE 190"},
		{"adjective sanctions", "U.S. sanctions on Russia have hurt its economy.", "USA>RUS 163"},
		{"reaction and its act", "Germany condemned Russia's invasion of Ukraine.", "DEU>RUS 111, RUSMIL>UKR 192"},
		{"threat to", "China condemned Japan's threat to Taiwan.", "CHN>JPN 111, JPN>TWN 130"},
		{"talks between", "Talks between Israel and Hamas resumed in Cairo.", "ISR>PSEREB 046, PSEREB>ISR 046"},
		{"talks with", "Iran's talks with the United States ended without a deal.", "IRN>USA 046"},
		{"meeting with", "Putin's meeting with Xi lasted three hours.", "RUSGOV>CHNGOV 040"},
		{"planned meeting is intent", "A meeting between Putin and Xi is planned for next month.", "CHNGOV>RUSGOV 036, RUSGOV>CHNGOV 036"},
		{"future visit is intent", "Modi's visit to Washington will focus on trade.", "INDGOV>USA 036"},
		{"during a visit", "During Modi's visit to Washington, he praised the United States.", "INDGOV>USA 042"},
		{"ahead of a visit", "Ahead of Modi's visit to Washington, officials prepared a trade deal.", ""},
		{"wanted talks", "The president called for talks between Russia and Ukraine.", "GOV>RUS 026, GOV>UKR 026"},
		{"background since", "Since Russia's invasion of Ukraine, prices have soared.", ""},
		{"background amid", "Amid Russia's invasion of Ukraine, prices have soared.", ""},
		{"possible attack", "A possible Israeli attack on Iran would destabilise the region.", "ISRMIL>IRN 190 hyp"},
		{"attack that would be", "An Israeli attack on Iran would be a disaster.", "ISRMIL>IRN 190 hyp"},
		{"warned against", "The UN warned against an attack on Rafah by Israel.", ""},
		{"mediation has a third side", "Egypt's mediation between Israel and Hamas continued on Monday.", "EGY>ISR 045, EGY>PSEREB 045"},
		{"clashes between", "Clashes between Israeli troops and Palestinian protesters erupted on Friday.", "ISRMIL>PSECVL 190, PSECVL>ISRMIL 190"},
		{"release of", "Iran's release of two Americans was welcomed by Washington.", "IRN>USA 0841"},
		{"expulsion of", "Britain's expulsion of Russian diplomats angered Moscow.", "GBR>RUSGOV 166"},
		{"arrest of", "China's arrest of two Canadians strained ties.", "CHN>CAN 173"},
		{"condemnation of", "France's condemnation of Iran came swiftly.", "FRA>IRN 111"},
		{"in response to", "In response to Hamas's attack on Israel, Israel launched air strikes on Gaza.", "ISRMIL>PSE 195, PSEREB>ISR 190"},
		{"denied accusations by", "Iraq denied accusations by the United States.", "IRQ>USA 016"},
		{"air strikes", "U.S. air strikes on Houthi targets in Yemen continued.", "USAMIL>YEMREB 195"},
		{"no act without a pattern", "Saudi Arabia's support for Yemen's government is well known.", ""},
		{"noun without a doer", "An attack on Israel killed two soldiers.", ">ISRMIL 190"},
		{"doer of a reaction's object", "Japan condemned the killing of civilians by Russian troops.", "JPN>RUSMIL 111, RUSMIL>CVL 190"},
		{"doer behind quotes", "Vietnam condemned as “illegal” the seizure of its boats by China.", "VNM>CHN 111"},
		{"object without a doer", "Japan condemned the killing of civilians in Bucha.", "JPN> 111"},
		{"doer whose country is a guess", "Britain condemned the attack by gunmen in Kashmir.", "GBR> 111"},
		{"doer of a decision", "Iran welcomed the decision by the IAEA board.", "IRN>IGOIAE 051"},
		{"allegations about the rejecter", "The U.S. rejected allegations by Russia that it had funded the protests.", "RUS>USA 112, USA>RUS 016"},
		{"condemned as quoted", "France on Monday condemned as \"unacceptable\" allegations by Rwanda that it had armed the militias.", "FRA>RWA 111, RWA>FRA 112"},
		{"they is the denier", "China denied accusations by the United States that they had stolen secrets.", "CHN>USA 016, USA>CHN 112"},
		{"it without a rejecter", "Allegations by Russia that it had funded the protests surfaced on Monday.", ""},
		{"venue, not doer", "The Doha talks with the Taliban resumed on Monday.", ""},
		{"venue of a meeting between", "The Geneva meeting between Iran and the US ended.", "IRN>USA 040, USA>IRN 040"},
		{"adjective doer of talks", "The Chinese talks with Russia are expected to begin in May.", "CHN>RUS 036"},
		{"a verb after the and an actor", "The United States attacked Iran.", "USAMIL>IRN 190"},
		{"doer of a light verb", "The EU on Monday announced travel bans and fresh sanctions against ten Russian officials.", "IGOEUR>RUSGOV 163"},
		{"light verb across a list", "Washington imposed export controls, as well as new sanctions against three Chinese firms.", "USA>CHNBUS 163"},
		{"light verb, noun compound", "Canada announced asset freezes as well as sanctions against Russia.", "CAN>RUS 163"},
		{"order of strikes", "Israel ordered strikes on Gaza after rockets were fired.", "ISRMIL>PSE 190"},
		{"lifting is no light verb", "Obama announced he would lift sanctions against Cuba.", "USAGOV>CUB 0354"},
		{"another noun's complement", "Britain's foreign minister announced a review of the sanctions against Iran.", ""},
		{"another clause", "Germany announced that it opposed sanctions against China.", ""},
		{"wanted sanctions", "Britain called for sanctions against Russia.", ""},
		{"a verb after a noun and 'and'", "The United States condemned the seizure and demanded that Iran free the ship.", "USA>IRN 1053"},
		{"a verb after a plural noun and 'and'", "The U.S. Navy said it was monitoring the exercises and warned Iran against reckless moves.", "USAMIL>IRN 130"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(c.CodeText(tt.in, day2015)); got != tt.want {
				t.Errorf("%s\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

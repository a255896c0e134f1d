package coder

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

func testCoder(t testing.TB) *Coder {
	t.Helper()
	c, err := New(WithDictDir("testdata/dict"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// render writes events as "SRC>TGT CODE" plus " neg" and " hyp" flags,
// sorted.
func render(evs []detente.Event) string {
	var out []string
	for _, e := range evs {
		s := e.Source.Code + ">" + e.Target.Code + " " + e.Code
		if e.Negated {
			s += " neg"
		}
		if e.Hypothetical {
			s += " hyp"
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

func TestLongSentence(t *testing.T) {
	c := testCoder(t)
	s := "Iran accused Israel of lying" + strings.Repeat(", and he said that we said it", 2000) + "."
	evs := c.CodeText(s, day2015)
	if render(evs) != "IRN>ISR 112" {
		t.Errorf("got %q", render(evs))
	}
}

var day2015 = time.Date(2015, 6, 9, 0, 0, 0, 0, time.UTC)

func TestCodeStructures(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		name, in, want string
	}{
		{"active SVO", "Iran accused the United States of violating the deal.", "IRN>USA 112"},
		{"time between subject and verb", "France on Wednesday accused Rwanda of lying.", "FRA>RWA 112"},
		{"agent composed", "Israeli troops attacked Palestinian protesters.", "ISRMIL>PSECVL 190"},
		{"possessive agent", "Iran's foreign minister visited China on Monday.", "IRNGOV>CHN 042"},
		{"agent of country", "The government of Iraq expelled the Turkish ambassador.", "IRQGOV>TURGOV 166"},
		{"compound target", "China's ambassador accused the UK and the US of meddling.", "CHNGOV>GBR 112, CHNGOV>USA 112"},
		{"compound subject", "Iran, Russia and Syria have been pressuring the U.S. to leave.", "IRN>USA 100, RUS>USA 100, SYR>USA 100"},
		{"shared agent", "The Russian and Syrian defense ministries accused U.S. forces of lying.", "RUSMIL>USAMIL 112, SYRMIL>USAMIL 112"},
		{"symmetric talks", "The United States and Iran held talks in Muscat.", "IRN>USA 046, USA>IRN 046"},
		{"headline", "U.S. and Iran Begin Technical Talks in Oman", "IRN>USA 046, USA>IRN 046"},
		{"symmetric meeting three", "The US, Russia, and Switzerland met yesterday", "CHE>RUS 040, CHE>USA 040, RUS>CHE 040, RUS>USA 040, USA>CHE 040, USA>RUS 040"},
		{"meeting alone", "Iranian officials met in Geneva.", ""},
		{"signed", "Iran and Iraq signed an agreement on Tuesday.", "IRN>IRQ 057, IRQ>IRN 057"},
		{"passive", "Iran was attacked by Iraqi troops.", "IRQMIL>IRN 190"},
		{"fighting is military", "The United States launched an air strike against Iraq.", "USAMIL>IRQ 195"},
		{"passive with object words", "Two Iranian diplomats were expelled by France.", "FRA>IRNGOV 166"},
		{"passive nominal after", "New sanctions were imposed on Iran by the European Union.", "IGOEUR>IRN 163"},
		{"passive nominal before", "Evidence against Russia was presented by the US.", "USA>RUS 112"},
		{"passive nominal without agent", "New sanctions were imposed on Iran on Monday.", ""},
		{"passive without agent", "Two Iranian diplomats were expelled on Monday.", ">IRNGOV 166"},
		{"reported speech", "Ukraine said Russian forces shelled Ukrainian positions.", "RUSMIL>UKR 194"},
		{"reported speech after", "Russian forces shelled Ukrainian positions, Ukraine said.", "RUSMIL>UKR 194"},
		{"pronoun after speech verb", "Israel announced it would free 150 Palestinian prisoners.", "ISR>PSECVL 0353"},
		{"negation", "Russia did not attack Ukraine.", "RUSMIL>UKR 190 neg"},
		{"negation contraction", "Russia didn't attack Ukraine.", "RUSMIL>UKR 190 neg"},
		{"denial", "Iran denied sending troops to Syria.", "IRNMIL>SYR 154 neg"},
		{"refusal pattern", "Iran refused to release the British sailors.", "IRN>GBRMIL 124"},
		{"refusal", "Iran refused to attack Israel.", "IRNMIL>ISR 190 neg"},
		{"modal could", "Iran could attack Israel.", "IRNMIL>ISR 190 hyp"},
		{"modal may", "Iran may impose sanctions on Britain.", "IRN>GBR 163 hyp"},
		{"plans to", "Iran plans to attack Israel.", "IRNMIL>ISR 190 hyp"},
		{"conditional", "If Iran attacks Israel, Washington will respond.", "IRNMIL>ISR 190 hyp"},
		{"question", "Will Iran attack Israel?", "IRNMIL>ISR 190 hyp"},
		{"threat to strike", "Iran threatened to strike Israel.", "IRN>ISR 138"},
		{"threat to sanction", "Washington threatened to impose sanctions on Turkey.", "USA>TUR 1312"},
		{"threat with force", "Iran threatened Israel with military action.", "IRN>ISR 138"},
		{"vow of force", "Iran vowed to attack Israel.", "IRN>ISR 1384"},
		{"intent to meet", "Barack Obama and Vladimir Putin will meet in Zurich.", "RUSGOV>USAGOV 036, USAGOV>RUSGOV 036"},
		{"agreed to", "Obama has agreed to lift the sanctions on Iran", "USAGOV>IRN 0354"},
		{"agreed to meet", "Washington and Tehran agreed to meet again in September.", "IRN>USA 036, USA>IRN 036"},
		{"warned that", "The Revolutionary Guards warned that Iran would strike U.S. bases if attacked.", "IRN>USA 1384"},
		{"two clauses", "Iran released two detained Americans, and the United States freed three Iranians.", "IRN>USA 0841, USA>IRN 0841"},
		{"source after verb", "Obama faces pressure from Congress to help Iran.", "USALEG>USAGOV 103"},
		{"mediation", "Qatar mediated between the United States and the Taliban.", "QAT>AFGREB 045, QAT>USA 045"},
		{"coordinated verbs", "Jordan closed its borders with Syria and blocked the crossing.", "JOR>SYR 172"},
		{"commentary", "Analysts say Iran attacked Israel.", ""},
		{"commentary observers", "Diplomatic observers caution that Iran will not attack Israel.", ""},
		{"purpose infinitive", "Congress pressed Obama to help Iran.", "USALEG>USAGOV 103"},
		{"modifier subject", "Iran's nuclear program worried Israel.", ""},
		{"sports", "Russia beat Croatia on Monday.", ""},
		{"object without actor", "Iran seized a tanker in the Gulf.", ""},
		{"unresolved pronoun", "He urged Vietnam to push back.", ">VNM 022"},
		{"noun talks", "Talks between Russia and Ukraine resumed on Monday.", "RUS>UKR 046, UKR>RUS 046"},
		{"name after title", "Iranian Foreign Minister Javad Zarif accused Washington of lying.", "IRNGOV>USA 112"},
		{"relative clause", "Syrian rebels, who control the north, attacked Turkish troops.", "SYRREB>TURMIL 190"},
		{"participle clause", "Israel struck Gaza on Monday, accusing Hamas of firing rockets.", "ISR>PSEREB 112, ISRMIL>PSE 190"},
		{"participle clause needs a main subject", "In Gaza on Monday, accusing Hamas of firing rockets.", ">PSEREB 112"},
		{"counterpart", "Iran's foreign minister met his Omani counterpart in Muscat.", "IRNGOV>OMNGOV 040"},
		{"place as target", "Russian forces shelled several villages in the Kharkiv region overnight.", "RUSMIL>UKR 194"},
		{"place is no subject", "Kharkiv attacked Russia.", ">RUS 190"},
		{"first name of another person", "Iranian Foreign Minister Abbas Araghchi on Tuesday accused the United States of lying.", "IRNGOV>USA 112"},
		{"noun talks wanted", "Brazil's president called for peace talks between Russia and Ukraine.", "BRAGOV>RUS 026, BRAGOV>UKR 026"},
		{"host after a place, same sentence", "The United States and Iran held talks in Muscat hosted by Oman.", "IRN>USA 046, OMN>IRN 043, OMN>USA 043, USA>IRN 046"},
		{"noun talks during", "During talks between Russia and Ukraine, both sides exchanged prisoners.", "RUS>UKR 046, RUS>UKR 0841, UKR>RUS 046, UKR>RUS 0841"},
		{"person after country", "Putin met Chinese President Xi Jinping in Beijing on Thursday.", "RUSGOV>CHNGOV 040"},
		{"quantity of", "Hezbollah fired dozens of rockets at northern Israel.", "LBNREB>ISR 194"},
		{"relative pronoun takes the last of a list", "Kabul wants talks with Iran and the Taliban, who have attacked Pakistan.", "AFGREB>PAK 190"},
		{"passive across a reduced relative", "The civilians imprisoned for acting against Moscow were released yesterday by Putin himself", "RUSGOV>RUSCVL 0841"},
		{"passive across a clause", "The civilians said Moscow was attacked by Kyiv.", "UKRMIL>RUS 190"},
		{"but said it", "France accused Rwanda of lying but said it was determined to mend ties with Kigali.", "FRA>RWA 030, FRA>RWA 112"},
		{"participle with control", "Iran shelled Iraq on Monday, threatening to invade Kuwait.", "IRN>KWT 138, IRNMIL>IRQ 194"},
		{"members of", "Canada imposed sanctions on four senior officers in the Russian military.", "CAN>RUSMIL 163"},
		{"arm is a noun", "Israel struck the military arm of Hamas.", "ISRMIL>MIL 190"},
		{"quantity of in an object", "Russian troops killed dozens of Ukrainian soldiers.", "RUSMIL>UKRMIL 190"},
		{"an earlier year", "The film tells how the United States invaded Iraq in 2003.", ""},
		{"years after", "Twenty years after the US invaded Iraq, the country remains divided.", ""},
		{"an opening year", "In 1990, Iraq's invasion of Kuwait triggered a war.", ""},
		{"back in a year", "Back in 2003, the United States invaded Iraq.", ""},
		{"this year", "Russia attacked Ukraine in 2015 again.", "RUSMIL>UKR 190"},
		{"own place: the act, with no target", "Russia said Ukrainian drones attacked Crimea.", "UKRMIL> 190"},
		{"traded fire", "Israel and Hezbollah traded fire across the border.", "ISRMIL>LBNREB 193, LBNREB>ISR 193"},
		{"own rebels", "The president of Syria was attacked by rebels.", "SYRREB>SYRGOV 190"},
		{"own protesters, other country", "Protesters denounced Israel.", "CVL>ISR 111"},
		{"joint exercises", "South Korea and the United States began joint military exercises.", "KOR>USA 062, USA>KOR 062"},
		{"brokered ceasefire", "Egypt brokered a ceasefire between Israel and Hamas.", "EGY>ISR 045, EGY>PSEREB 045"},
		{"prepositional object is no subject", "Russian troops in Syria attacked Turkish positions.", "RUSMIL>TUR 190"},
		{"rejecting an offer from", "Iran rejected a proposal from the United States.", "IRN>USA 120"},
		{"neither nor", "Neither Iran nor Iraq attacked Kuwait.", "IRNMIL>KWT 190 neg, IRQMIL>KWT 190 neg"},
		{"nouns of a number of actors", "Ukraine returned the bodies of 500 Russian soldiers to Russia.", "UKR>RUSMIL 084"},
		{"traded accusations", "Ethiopia and Eritrea traded accusations over the border.", "ERI>ETH 112, ETH>ERI 112"},
		{"blocked sea", "China deployed troops in the Indian Ocean.", ""},
		{"blocked gulf is no place", "Iran fired missiles into the Gulf of Oman.", ""},
		{"blocked region adjective", "Latin American leaders criticized the United States.", "GOV>USA 111"},
		{"blocked bloc leaves agents unguessed", "Western diplomats met Russian officials in Moscow.", "GOV>RUSGOV 040"},
		{"blocked sea beside actors", "Vietnam accused China of militarising the South China Sea.", "VNM>CHN 112"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(c.CodeText(tt.in, day2015)); got != tt.want {
				t.Errorf("%s\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestEveryRoot codes one plain news sentence of each CAMEO root.
func TestEveryRoot(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ root, in, want string }{
		{"01", "Iran expressed concern about Israel's nuclear arsenal.", "IRN>ISR 012"},
		{"02", "Iraq appealed to the United Nations for aid.", "IRQ>IGOUNO 023"},
		{"03", "Russia offered to mediate between Armenia and Azerbaijan.", "RUS>ARM 039, RUS>AZE 039"},
		{"04", "Iran's foreign minister visited Moscow.", "IRNGOV>RUS 042"},
		{"05", "China praised Pakistan for its support.", "CHN>PAK 051"},
		{"06", "India held joint military exercises with Russia.", "IND>RUS 062"},
		{"07", "Japan sent humanitarian aid to Turkey.", "JPN>TUR 073"},
		{"08", "Israel released 30 Palestinian prisoners.", "ISR>PSECVL 0841"},
		{"09", "The United Nations launched an investigation into Myanmar's army.", "IGOUNO>MMRMIL 090"},
		{"10", "Ukraine demanded that Russia withdraw its troops.", "UKR>RUS 1056"},
		{"11", "Germany criticized China over human rights.", "DEU>CHN 111"},
		{"12", "Venezuela rejected the American demands.", "VEN>USA 120"},
		{"13", "North Korea threatened South Korea with missile strikes.", "PRK>KOR 130"},
		{"14", "Thousands of Iranians protested against the United States.", "IRN>USA 141"},
		{"15", "Russia deployed troops to the border with Ukraine.", "RUSMIL>UKR 154"},
		{"16", "Britain expelled two Russian diplomats.", "GBR>RUSGOV 166"},
		{"17", "Chinese police arrested two Canadian citizens.", "CHNCOP>CANCVL 173"},
		{"18", "Boko Haram kidnapped 20 Nigerian students.", "NGAREB>NGACVL 181"},
		{"19", "Israeli warplanes bombed Gaza.", "ISRMIL>PSE 195"},
		{"20", "Syria used chemical weapons against civilians in Douma.", "SYR>SYRCVL 2041"},
	}
	for _, tt := range tests {
		if got := render(c.CodeText(tt.in, day2015)); got != tt.want {
			t.Errorf("root %s: %s\n got  %q\n want %q", tt.root, tt.in, got, tt.want)
		}
	}
}

// TestConcurrent codes from several goroutines at once: a Coder is shared
// by the pipeline's workers.
func TestConcurrent(t *testing.T) {
	c := testCoder(t)
	want := render(c.CodeText("Iran accused the United States of lying.", day2015))
	done := make(chan string)
	for range 4 {
		go func() {
			got := ""
			for range 50 {
				got = render(c.CodeText("Iran accused the United States of lying.", day2015))
			}
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

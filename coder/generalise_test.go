package coder

import (
	"testing"
	"time"
)

// TestEmbeddedStructures codes, with the embedded dictionaries, sentences
// of the kinds testdata/written.jsonl found missed: each row is one general
// reading, not a sentence of that set.
func TestEmbeddedStructures(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, date, in, want string
	}{
		{"by telephone is no passive", "2016-05-04", "Merkel spoke by phone with Russian President Vladimir Putin on Monday.", "DEUGOV>RUSGOV 041"},
		{"real passive still read", "2016-05-04", "Merkel was criticised by Russia.", "RUS>DEUGOV 111"},
		{"attack noun names its doer", "2016-05-04", "Turkish air strikes killed three Syrian soldiers.", "TURMIL>SYRMIL 190"},
		{"drone strike doer", "2016-05-04", "A Russian drone strike hit a Ukrainian convoy.", "RUSMIL>UKR 190"},
		{"seizing a city is territory", "2016-05-04", "Houthi rebels seized Aden on Friday.", "YEMREB>YEM 192"},
		{"seizing a ship is property", "2016-05-04", "Iran seized a British tanker in the Gulf.", "IRN>GBR 171"},
		{"agent word inside a pattern", "2016-05-04", "Israel carried out air strikes on military positions in Syria.", "ISRMIL>SYR 195"},
		{"fighting broke out between", "2016-05-04", "Fighting broke out between Sudan and South Sudan on Tuesday.", "SDNMIL>SSD 190, SSDMIL>SDN 190"},
		{"criticism drawn from", "2016-05-04", "Iran tested a missile, drawing criticism from France.", "FRA>IRN 111"},
		{"compound holds a summit", "2016-05-04", "Xi Jinping and Vladimir Putin held a summit in Moscow.", "CHNGOV>RUSGOV 040, RUSGOV>CHNGOV 040"},
		{"tariffs on imports from", "2019-05-04", "Washington imposed tariffs on imports from Mexico.", "USA>MEX 163"},
		{"a coup against", "2016-05-04", "Soldiers in Mali staged a coup against President Keita.", "MLIMIL>MLIGOV 180"},
		{"object and next subject are two clauses", "2016-05-04", "Militants fired rockets at Sderot and Israel responded with air strikes on Gaza.", "ISRMIL>PSE 195, REB>ISR 194"},
		{"a compound object stays one", "2016-05-04", "Iran accused Israel and the United States of sabotage.", "IRN>ISR 112, IRN>USA 112"},
		{"a reduced relative keeps the compound", "2019-05-04", "The United States imposed sanctions on Iran and Venezuela aimed at their oil sales.", "USA>IRN 163, USA>VEN 163"},
		{"a verb after a bare country name", "2019-05-04", "Russia detained Alexei Navalny at a Moscow airport.", "RUS>RUSOPP 173"},
		{"a possessive keeps the modifier", "2019-05-04", "Venezuela's jailed opposition leader met the US envoy.", "VENOPP>USAGOV 040"},
		{"warplanes pounded targets", "2016-05-04", "Russian warplanes pounded Syrian rebel positions.", "RUSMIL>SYRREB 190"},
		{"a place abroad makes no guess", "2016-05-04", "Russian warplanes pounded rebel positions near Aleppo.", "RUSMIL>REB 190"},
		{"shot dead", "2016-05-04", "Egyptian police shot dead two Sudanese migrants at the border.", "EGYCOP>SDNREF 193"},
		{"an angry response from", "2016-05-04", "Japan raised its defence budget, drawing an angry response from China.", "CHN>JPN 111"},
		{"its ambassador is the subject's own", "2016-05-04", "Peru recalled its ambassador from Venezuela.", "PER>VEN 161"},
		{"an ambassador from a country is theirs", "2016-05-04", "The ambassador from Peru criticised Venezuela.", "PERGOV>VEN 111"},
		{"offered aid", "2016-05-04", "Australia offered humanitarian aid to Fiji after the cyclone.", "AUS>FJI 0333"},
		{"opened a crossing", "2016-05-04", "Jordan opened the Nasib crossing with Syria.", "JOR>SYR 0872"},
		{"fired live rounds at", "2016-05-04", "Zimbabwean soldiers fired live rounds at opposition supporters.", "ZWEMIL>ZWEOPP 193"},
		{"foreign workers are nobody's", "2016-05-04", "Sudan expelled foreign aid workers from Darfur.", "SDN>NGO 166"},
		{"a slotless pattern's other side after an adjunct", "2019-05-04", "Afghanistan's president announced a ceasefire on Tuesday with the Taliban.", "AFGGOV>AFGREB 0871"},
		{"a topic after discuss is no side", "2019-05-04", "Japan's cabinet discussed relations with China.", ""},
		{"an agent in a capital", "2019-05-04", "Police in Kiev arrested 20 protesters.", "UKRCOP>UKRCVL 173"},
		{"an agent in a town of a country", "2019-05-04", "Protesters in the eastern Kosovan town of Gjakova attacked the Serbian embassy.", "XKXCVL>SRBGOV 190"},
		{"troops take no country from where they are", "2019-05-04", "Troops in Syria attacked Turkey.", "MIL>TUR 190"},
		{"an acronym and a day before the verb", "2019-05-04", "The Kenyan government (KG) on Tuesday accused Somalia of aggression.", "KENGOV>SOM 1123"},
		{"a name with a particle", "2019-05-04", "Saudi Crown Prince Mohammed bin Salman condemned Iran.", "SAUGOV>IRN 111"},
		{"a prefixed family name and an adverb", "2019-05-04", "Libyan Prime Minister Fayez al-Sarraj meanwhile rejected the EU plan.", "LBYGOV>IGOEUR 120"},
		{"an appositive after an unknown name", "2019-05-04", "Mohammad Radmanish, an Afghan defence spokesperson, welcomed NATO's decision.", "AFGGOV>IGONAT 051"},
		{"a dateline is no subject's start", "2019-05-04", "KYIV — Russia and Ukraine exchanged 150 prisoners in a deal brokered by the United Arab Emirates.", "ARE>RUS 045, ARE>UKR 045, RUS>UKR 0841, UKR>RUS 0841"},
		{"sanctions on trade with a country", "2019-05-04", "The United States eased sanctions on humanitarian trade with Iran.", "USA>IRN 085"},
		{"a crowd where it marches", "2019-05-04", "Thousands of people marched in Tehran, protesting against the United States.", "IRNCVL>USA 141"},
		{"an attack on what the subject owns", "2019-05-04", "Iran condemned the American strike on its territory.", "IRN>USA 111, USAMIL>IRN 190"},
		{"a time between a pattern's noun and its preposition", "2019-05-04", "The U.S. carried out 30 air strikes last month against the Taliban.", "USAMIL>AFGREB 195"},
		{"a place between a verb and its preposition", "2019-05-04", "Protesters rallied in Kiev against Russia.", "UKRCVL>RUS 141"},
		{"members of a group act for it", "2019-05-04", "Members of the Taliban attacked an Afghan army post.", "AFGREB>AFGMIL 190"},
		{"people take the country where the sentence puts them", "2019-05-04", "Al-Shabaab gunmen killed 14 students at a university in Kenya near the Somali border.", "SOMREB>KENCVL 190"},
		{"attackers do not", "2019-05-04", "Gunmen fired rockets at Sderot and Israel responded with air strikes on Gaza.", "ISRMIL>PSE 195, REB>ISR 194"},
		{"a concession that will not be made is a rejection", "2019-05-04", "Iran will not release the British tanker.", "IRN>GBR 1243"},
		{"a refused meeting is a rejection", "2019-05-04", "Iran refused to meet the American envoy.", "IRN>USAGOV 125"},
		{"an attack that will not be made is none", "2019-05-04", "Iran will not attack Israel.", "IRNMIL>ISR 190 neg hyp"},
		{"an adjective after be takes its subject", "2019-05-04", "Japan is deeply concerned about China's plan.", "JPN>CHN 012"},
		{"a noun after be takes its subject", "2019-05-04", "Iran was open to talks with the United States.", "IRN>USA 036"},
		{"had a meeting with", "2019-05-04", "Putin had a meeting with Erdogan on Monday.", "RUSGOV>TURGOV 040"},
		{"had talks with are talks", "2019-05-04", "Macron had talks with Merkel.", "FRAGOV>DEUGOV 046"},
		{"him is the person named before", "2019-05-04", "Trump called Erdogan and urged him to exercise caution.", "USAGOV>TURGOV 0256"},
		{"him is not the verb's subject", "2019-05-04", "Erdogan said Trump had urged him to exercise caution.", "USAGOV>TURGOV 0256"},
		{"him with nobody before names nobody: the appeal is one-sided", "2019-05-04", "Trump urged him to act.", "USAGOV> 020"},
		{"a rebel-held place is its rebels", "2018-01-15", "Syrian government forces launched air strikes against the rebel-held enclave of Eastern Ghouta.", "SYRMIL>SYRREB 195"},
		{"a deal brokered by mediators whatever the parties did", "2018-01-15", "Israel and Hamas agreed to a ceasefire brokered by Egypt and Qatar.", "EGY>ISR 045, EGY>PSEREB 045, ISR>PSEREB 0356, PSEREB>ISR 0356, QAT>ISR 045, QAT>PSEREB 045"},
		{"a controlling verb whose pattern takes the infinitive in", "2019-05-04", "Britain and the EU failed to reach a deal.", "GBR>IGOEUR 164, IGOEUR>GBR 164"},
		{"May in a name is no modal and no month", "2018-01-15", "British Prime Minister Theresa May has held talks with Angela Merkel.", "GBRGOV>DEUGOV 046"},
		{"a possessive inside a pattern's gap", "2018-01-15", "Modi pledged his country's support to the Palestinians.", "INDGOV>PSE 032"},
		{"a bare verb of fighting alone is no event", "2018-01-15", "London has been fighting dirty air since the 14th century.", ""},
		{"a compound subject's own acts are one-sided", "2018-01-15", "The United Nations, Ethiopia and Italy welcomed the decisions.", "ETH> 051, IGOUNO> 051, ITA> 051"},
		{"a compound subject's mutual acts join them", "2018-01-15", "Ethiopia and Eritrea signed an agreement.", "ERI>ETH 057, ETH>ERI 057"},
		{"armed forces do not protest", "2019-11-20", "The People's Liberation Army took to the city's streets to clear barricades.", ""},
		{"about before a noun is a preposition", "2019-11-20", "During the call, he asked about the Muslim Brotherhood.", ""},
		{"about before a number is a count", "2019-11-20", "Russia killed about 300 Ukrainian soldiers.", "RUSMIL>UKRMIL 190"},
		{"sanctions paused", "2026-08-20", "The United States paused new sanctions on Iran while talks continue.", "USA>IRN 085"},
		{"an attack after which something happened", "2026-08-02", "TEHRAN — Iran threatened to close the Strait of Hormuz after the American strike on its radar site.", "USAMIL>IRN 190"},
		{"sites linked to an actor", "2026-08-02", "Israel struck sites linked to Iranian forces in eastern Syria.", "ISRMIL>IRNMIL 190"},
		{"an adjective between a verb and its object", "2019-05-04", "Britain paid compensation to 67 elderly Kenyan nationals.", "GBR>KENCVL 080"},
		{"a sanction announced for the future is a threat", "2019-05-04", "The United States will cut aid to Sudan.", "USA>SDN 1311"},
		{"said someone should is an appeal", "2019-05-04", "Britain said Libya should hand over the suspects.", "GBR>LBY 020"},
		{"what a demand asks has not happened", "2019-05-04", "The US demanded that Russia withdraw its troops from Ukraine.", "RUS>UKR 0874 hyp, USA>RUS 1056"},
		{"a day between the verb and its pattern's word", "2005-04-10", "The government of Liberia denied on Thursday charges by Ivory Coast that it committed genocide.", "LBRGOV>CIV 016"},
		{"a participle opening a sentence is an adjective", "2005-04-10", "Ousted President Askar Akayev has agreed to resign.", "KGZGOV> 0341"},
		{"an aside inside the subject", "1988-01-10", "The pro-Iranian Hizbollah (Party of God) group declared a unilateral cease-fire on Wednesday in south Lebanon.", "LBNREB> 0871"},
		{"an appeal for what it asks", "1998-01-10", "Iraq appealed to the UN to lift sanctions.", "IRQ>IGOUNO 0254"},
		{"a demand for what it asks", "2019-05-04", "The US demanded that Iran release the sailors.", "IRN>MIL 0841 hyp, USA>IRN 1053"},
		{"people placed where they act may act alone", "2001-01-10", "Prisoners rioted at a jail in Dili.", "TLSCVL> 145"},
		{"a plan to impose restrictions is a threat", "2019-05-04", "Greece plans to impose restrictions on Turkey.", "GRC>TUR 132"},
		{"an adverb between commas", "2019-05-04", "The Palestinian government, thus, condemned Israel.", "PSEGOV>ISR 111"},
		{"aid workers of the one country", "2016-05-04", "Sudan expelled aid workers from Darfur.", "SDN>SDNNGO 166"},
		{"unconfirmed report of one's own act", "2016-05-04", "Israel has not confirmed that it struck the Syrian airbase.", "ISRMIL>SYR 190 neg"},
		{"denied act", "2016-05-04", "Iran denied that it attacked the Saudi embassy.", ""},
		{"confirmed act", "2016-05-04", "Israel confirmed that it struck the Syrian airbase.", "ISRMIL>SYR 190"},
		{"agreed on a ceasefire", "2016-05-04", "Armenia and Azerbaijan, which fought over Karabakh, agreed on a ceasefire.", "ARM>AZE 0871, AZE>ARM 0871"},
		{"owner of a thing in the passive", "2016-05-04", "A Russian convoy was attacked by Ukrainian drones near Kursk.", "UKRMIL>RUS 190"},
		{"two leaders discussed", "2016-05-04", "Abe and Modi discussed maritime security.", "INDGOV>JPNGOV 040, JPNGOV>INDGOV 040"},
		{"one discusses nothing", "2016-05-04", "Japan's cabinet discussed relations with China.", ""},
		{"a loan approved for", "2016-05-04", "The World Bank approved a $500 million loan for Kenya.", "IGOWBK>KEN 071"},
		{"capturing a capital", "2016-05-04", "Rebels of the Houthi movement captured Sanaa and the president fled to Aden.", "YEMREB>YEM 192"},
		{"extradited a fugitive to", "2016-05-04", "Colombia extradited a drug boss to the United States.", "COL>USA 063"},
		{"a congress leader visits", "2016-05-04", "Nancy Pelosi visited Kyiv on Sunday.", "USALEG>UKR 042"},
		{"royal marines", "2016-05-04", "British Royal Marines seized a Syrian ship off Crete.", "GBRMIL>SYR 171"},
		{"a count of past wars", "2016-05-04", "Ethiopia and Eritrea have fought two wars over the border.", ""},
		{"one war is still coded", "2016-05-04", "Ethiopia fought Eritrea on Monday.", "ETHMIL>ERI 190"},
		{"collapsed talks halt them", "2016-05-04", "Talks between Serbia and Kosovo collapsed on Friday.", "SRB>XKX 164, XKX>SRB 164"},
		{"a fallen leader the day after", "2024-12-09", "Assad fled to Moscow as rebels entered Damascus.", ""},
		{"a noun between a country and its agent", "2019-05-04", "Angry Chilean copper workers staged protests.", "CHLLAB> 141"},
		{"a subject followed by a phrase naming no actor", "2019-05-04", "Hundreds of Kenyan teachers from across the country staged protests.", "KENEDU> 141"},
		{"a subject followed by a reduced relative", "2019-05-04", "Syrian rebels operating in the north attacked Turkish soldiers.", "SYRREB>TURMIL 190"},
		{"a companion along with the subject", "2019-05-04", "Washington along with its allies demanded that Iran free the sailors.", "IRN>MIL 0841 hyp, USA>IRN 1053"},
		{"a list member after his names its country", "2019-05-04", "Ethiopia condemned President Afwerki and his Eritrean army.", "ETH>ERIGOV 111, ETH>ERIMIL 111"},
		{"a list member after his with no country of its own ends the list", "2019-05-04", "Ethiopia condemned President Afwerki and his generals.", "ETH>ERIGOV 111"},
		{"an unknown people's name before an agent", "2019-05-04", "The Iraqi army held Yazidi villagers as human shields.", "IRQMIL>IRQCVL 184"},
		{"an acronym before a collective noun", "2019-05-04", "The Shanghai Cooperation Organisation (SCO) forum agreed to set up a bank.", "IGOSCO> 030"},
		{"landowners are farmers", "2019-05-04", "Ethiopian smallholders began a hunger strike.", "ETHAGR> 142"},
		{"a sanction held back on a condition is a threat", "2019-05-04", "Turkey could close its border with Syria if the shelling goes on.", "TUR>SYR 137"},
		{"a sanction held back on nothing is hypothetical", "2019-05-04", "Turkey could close its border with Syria.", "TUR>SYR 172 hyp"},
		{"force held back on a condition is a threat", "2019-05-04", "Israel will strike Gaza unless the rockets stop.", "ISR>PSE 1384"},
		{"the European Community before the Union", "1991-07-02", "The European Community may halt its mediation between Serbia and Croatia if the fighting goes on.", "IGOEUR>HRV 135, IGOEUR>SRB 135"},
		{"a noun modifying the object's actor", "2019-05-04", "NATO tightened the naval blockade of the rump Bosnian state.", "IGONAT>BIH 191"},
		{"what before a name is no modifier", "2019-02-26", "Indian warplanes struck what New Delhi called a camp in Pakistan.", ""},
		{"an appositive naming the object again", "2019-05-04", "Myanmar forced the UN children's agency, UNICEF, out of the country.", "MMR>IGOUNF 166"},
		{"an appositive with an article naming the object again", "2019-05-04", "Myanmar forced UNICEF, the UN children's agency, out of the country.", "MMR>IGOUNF 166"},
		{"an unknown name before an agent placed by in", "2019-05-04", "The French government on Tuesday banned the biggest Corsican separatist group in Corsica.", "FRAGOV>FRAREB 172"},
		{"the doer's own capital after in is where it acts", "2019-05-04", "Russia threatened to ban rallies in Moscow.", "RUS> 1321"},
		{"another country's capital after in is the other side", "2019-05-04", "Russia threatened to ban rallies in Kiev.", "RUS>UKR 1321"},
		{"an act of force that happened by a doer unnamed", "2019-05-04", "An attempt to assassinate the Iraqi president was thwarted.", ">IRQGOV 185"},
		{"an attack a sentence reports by a doer unnamed", "2019-05-04", "Ten people died in an attack on the Iraqi police.", ">IRQCOP 190"},
		{"an attack that has not happened", "2019-05-04", "Obama said he would seek approval before any strike on Syria.", ""},
		{"a denied attack with no doer", "2019-05-04", "Russia denied an attack on Ukraine.", ""},
		{"an organisation's agent words stay a pattern's", "2019-05-04", "Sudan allowed UN humanitarian aid workers access to Darfur.", "SDN>IGOUNO 0863"},
		{"a noun between a possessive organisation and its agent", "2019-05-04", "The European Union's Balkans envoy met Serbian officials.", "IGOEURGOV>SRBGOV 040"},
		{"returning somewhere for talks is a visit", "2019-05-04", "Iranian negotiators returned to Vienna for talks on the nuclear deal.", "IRNGOV>AUT 042"},
		{"a companion actor together with the subject", "2019-05-04", "Britain together with France condemned Syria.", "GBR>SYR 111"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := time.Parse("2006-01-02", tt.date)
			if err != nil {
				t.Fatal(err)
			}
			if got := render(c.CodeText(tt.in, d)); got != tt.want {
				t.Errorf("%s\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

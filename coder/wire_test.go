package coder

import (
	"testing"
	"time"
)

// TestWireStructures codes, with the embedded dictionaries, sentences of
// the kinds testdata/written-wire.jsonl found missed in wire copy: each row is
// one general reading, not a sentence of that set.
func TestWireStructures(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, date, in, want string
	}{
		{"a day between a control verb and to", "2019-05-04", "NATO agreed on Friday to impose sanctions on Belarus.", "IGONAT>BLR 163"},
		{"a day between said and its pronoun", "2019-05-04", "Egypt said on Monday that it had arrested two Libyan smugglers.", "EGY>LBYCRM 173"},
		{"a control verb without a day", "2019-05-04", "NATO agreed to impose sanctions on Belarus.", "IGONAT>BLR 163"},
		{"a day after to is no control", "2019-05-04", "Ukraine sent troops on Monday to attack Russia.", ""},
		{"troops advanced into a country", "2019-05-04", "Ethiopian troops advanced into Somalia on Sunday.", "ETHMIL>SOM 192"},
		{"a general is military", "2019-05-04", "A Pakistani general criticised India on Monday.", "PAKMIL>IND 111"},
		{"the General Assembly is no general", "2019-05-04", "The UN General Assembly condemned Syria.", "IGOUNO>SYR 111"},
		{"a truce brokered by", "2019-05-04", "A truce between Armenia and Azerbaijan brokered by Russia held on Monday.", "RUS>ARM 045, RUS>AZE 045"},
		{"brokered by nobody named", "2019-05-04", "A truce between Armenia and Azerbaijan brokered by mediators held.", ""},
		{"expelled monitors of an IGO from a place", "2019-05-04", "Sudan expelled UN monitors from Darfur on Monday.", "SDN>IGOUNO 1662"},
		{"expelled inspectors from a country", "2019-05-04", "Iran expelled inspectors from Britain.", "IRN>GBR 1662"},
		{"a warning against is a threat", "2019-05-04", "China warned Japan against sending warships.", "CHN>JPN 130"},
		{"a bare warning is disapproval", "2019-05-04", "China warned Japan on Monday.", "CHN>JPN 110"},
		{"invited to a summit", "2019-05-04", "Macron invited Putin to the summit in Paris.", "FRAGOV>RUSGOV 036"},
		{"a veto's target is the resolution's", "2019-05-04", "China vetoed a UN Security Council resolution condemning Myanmar.", "CHN>MMR 129"},
		{"a bare veto has no target", "2019-05-04", "China vetoed a resolution.", "CHN> 129"},
		{"claimed an attack on", "2019-05-04", "Al-Shabaab claimed responsibility for an attack on Kenyan troops.", "SOMREB>KENMIL 190"},
		{"claimed drone attacks on", "2019-05-04", "The Houthis claimed responsibility for drone attacks on Saudi airports.", "YEMREB>SAU 195"},
		{"a day between the slot and the rest", "2019-05-04", "China warned Japan on Monday not to send warships.", "CHN>JPN 130"},
		{"an open preposition is no day", "2019-05-04", "China warned Japan on its coast guard.", "CHN>JPN 110"},
		{"the city of a place", "2019-05-04", "Boko Haram fighters attacked the northeastern city of Maiduguri on Sunday.", "NGAREB>NGA 190"},
		{"a city without of is no slot", "2019-05-04", "Boko Haram fighters attacked the city on Sunday.", ""},
		{"a sum in words before the goods' country", "2019-05-04", "Washington raised tariffs on 300 billion dollars of Chinese imports.", "USA>CHN 163"},
		{"a bare count still passed over", "2019-05-04", "Russia freed 150 Ukrainian prisoners.", "RUS>UKRCVL 0841"},
		{"a deal brokered for the subject", "2023-03-10", "Sudan and South Sudan signed an accord in a deal brokered by Ethiopia.", "ETH>SDN 045, ETH>SSD 045, SDN>SSD 057, SSD>SDN 057"},
		{"a brokered deal with no parties", "2023-03-10", "A deal brokered by Ethiopia took effect.", ""},
		{"a truce alone has no mediator", "2019-05-04", "A truce between Armenia and Azerbaijan held on Monday.", ""},
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

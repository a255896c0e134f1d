package coder

import (
	"strings"
	"testing"
)

// TestMoneyAndAid codes pledges and transfers of money and arms.
func TestMoneyAndAid(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ name, in, want string }{
		{"pledge of a sum", "The United States pledged $1 billion to Ukraine on Monday.", "USA>UKR 0331"},
		{"pledge in aid", "Japan pledged a further $300 million in aid to Jordan.", "JPN>JOR 0331"},
		{"promise in humanitarian aid", "Germany promised 50 million euros in humanitarian aid to Syria.", "DEU>SYR 0333"},
		{"sent in military aid", "The EU sent €1.5bn in military aid to Ukraine.", "IGOEUR>UKR 072"},
		{"gave a sum", "Saudi Arabia gave Egypt $2 billion.", "SAU>EGY 071"},
		{"loans", "The World Bank approved $500 million in loans to Pakistan.", "IGOWBK>PAK 071"},
		{"arms", "Iran sent drones to Russia.", "IRN>RUS 072"},
		{"weapons", "Britain provided weapons to Ukraine.", "GBR>UKR 072"},
		{"troops are no sum", "Russia sent 300 troops to Syria.", "RUSMIL>SYR 154"},
		{"a bare number is no sum", "Qatar sent 300 to Gaza.", ""},
		{"pledged to send", "China pledged to send $10 million to Cambodia.", "CHN>KHM 0331"},
		{"future military aid", "The U.S. will provide $400 million in military assistance to Taiwan.", "USA>TWN 0332"},
		{"transfer", "Qatar has transferred $30 million to Gaza.", "QAT>PSE 071"},
		{"negated", "Washington did not send $50 million to Kyiv.", "USA>UKR 071 neg"},
		{"no actor", "The company pledged $5 million to charity.", ""},
		{"a sum before the target", "Washington slapped tariffs on $200 billion worth of Chinese goods.", "USA>CHN 163"},
		{"interim government", "Bolivia's interim government expelled Venezuelan diplomats.", "BOLGOV>VENGOV 166"},
		{"an actor's adjective in a pattern", "Japan provided Vietnam with a surplus Japanese ship.", "JPN>VNM 072"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(c.CodeText(tt.in, day2015)); got != tt.want {
				t.Errorf("%s\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestAmount reads sums of money token by token.
func TestAmount(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		in   string
		want string // the sum's words, "" for none
	}{
		{"$1 billion to", "$ 1 billion"},
		{"a further $300 million in", "a further $ 300 million"},
		{"US$50m for", "US $ 50m"},
		{"€1.5bn to", "€ 1.5bn"},
		{"20 million euros to", "20 million euros"},
		{"more than 2bn to", "more than 2bn"},
		{"300 troops", ""},
		{"50 million to", ""},
		{"$ to", ""},
	}
	w := new(work)
	for _, tt := range tests {
		w.reset(c, tt.in, day2015)
		end, ok := w.amount(0)
		got := ""
		if ok {
			var ws []string
			for _, tok := range w.s.Tokens[:end] {
				ws = append(ws, tok.Text)
			}
			got = strings.Join(ws, " ")
		}
		if got != tt.want {
			t.Errorf("amount(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

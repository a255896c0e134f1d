package export

import (
	"testing"

	"github.com/detente-project/detente"
)

// TestFIPS checks the ISO 3166 to FIPS 10-4 table on the codes where the
// two differ most often, and that every code it maps is one of ours.
func TestFIPS(t *testing.T) {
	for iso, want := range map[string]string{"IRN": "IR", "GBR": "UK", "DEU": "GM", "OMN": "MU", "ISR": "IS", "RUS": "RS", "UKR": "UP", "CHN": "CH", "JPN": "JA", "KOR": "KS", "USA": "US"} {
		if got := fips[iso]; got != want {
			t.Errorf("fips[%s] = %q, want %q", iso, got, want)
		}
	}
	seen := map[string]string{}
	for iso, f := range fips {
		if !detente.IsCountry(iso) || len(f) != 2 {
			t.Errorf("fips[%q] = %q: want an ISO 3166 code and two letters", iso, f)
		}
		if other, dup := seen[f]; dup {
			t.Errorf("FIPS %s given to both %s and %s", f, iso, other)
		}
		seen[f] = iso
	}
}

package actor_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/actor"
)

// These tests check the data of the dictionaries in dict/ and of the
// gazetteer in ../geo/dict with their own minimal reading of the format, so
// that a data error shows here whatever the parser accepts.

// isoCodes are the ISO 3166-1 alpha-3 codes, plus XKX for Kosovo.
const isoCodes = `ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN
BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV
CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP
EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM
GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD
MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU
NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP
SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK
TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM
XKX YEM ZAF ZMB ZWE`

// dictLine is one line of the dictionary format: CODE [FROM..TO] : phrases.
// The code "---" makes a blocking entry: a phrase that codes nothing.
var dictLine = regexp.MustCompile(`^([A-Z]{3}|---)([A-Z0-9]{3})?(?: (\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?)? : (\S.*)$`)

// dataEntry is one line of a dictionary file as these tests read it.
type dataEntry struct {
	file     string
	line     int
	code     string // full code, "USAGOV"
	org      string // country or organisation part, "USA", "IGOUNO"
	from, to time.Time
	phrases  []string
}

func (e dataEntry) String() string { return e.file + ":" + strconv.Itoa(e.line) + " " + e.code }

// overlaps reports whether two entries' periods share a day (TO exclusive;
// zero bounds are open).
func (e dataEntry) overlaps(o dataEntry) bool {
	return (e.from.IsZero() || o.to.IsZero() || e.from.Before(o.to)) &&
		(o.from.IsZero() || e.to.IsZero() || o.from.Before(e.to))
}

// validAt reports whether the entry holds on day d.
func (e dataEntry) validAt(d time.Time) bool {
	return (e.from.IsZero() || !d.Before(e.from)) && (e.to.IsZero() || d.Before(e.to))
}

func isoSet() map[string]bool {
	m := make(map[string]bool)
	for _, c := range strings.Fields(isoCodes) {
		m[c] = true
	}
	return m
}

// phraseKey is how the matcher compares phrases: short all-caps phrases as
// written, any other case-folded.
func phraseKey(p string) string {
	if len(p) <= 4 && strings.ToUpper(p) == p && strings.IndexFunc(p, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0 {
		return p
	}
	return strings.ToLower(p)
}

// readDict reads one dictionary file of dict/, failing the test on any line
// that breaks the format, an unknown country or agent, or a bad date range.
func readDict(t *testing.T, name string) []dataEntry {
	t.Helper()
	f, err := os.Open(filepath.Join("dict", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	iso := isoSet()
	var out []dataEntry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := dictLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("%s:%d: line does not match CODE [FROM..TO] : phrases: %q", name, n, line)
			continue
		}
		e := dataEntry{file: name, line: n, code: m[1] + m[2], org: m[1]}
		switch {
		case m[1] == actor.BlockCode:
			if m[2] != "" || m[3] != "" || m[4] != "" {
				t.Errorf("%s: a blocking entry has no agent and no dates", e)
			}
		case m[1] == "IGO" || m[1] == "NGO":
			e.org = e.code
			if m[2] == "" {
				t.Errorf("%s: %s needs three letters naming the organisation", e, m[1])
			}
		case !iso[m[1]]:
			t.Errorf("%s: %q is not an ISO 3166-1 alpha-3 code", e, m[1])
		case m[2] != "" && !actor.IsAgentCode(m[2]):
			t.Errorf("%s: unknown agent %q", e, m[2])
		}
		for i, d := range []*time.Time{&e.from, &e.to} {
			if m[3+i] == "" {
				continue
			}
			if *d, err = time.Parse(time.DateOnly, m[3+i]); err != nil {
				t.Errorf("%s: %v", e, err)
			}
		}
		if strings.Contains(line, "..") && m[3] == "" && m[4] == "" {
			t.Errorf("%s: empty date range: leave the dates out instead", e)
		}
		if !e.from.IsZero() && !e.to.IsZero() && !e.from.Before(e.to) {
			t.Errorf("%s: FROM %s is not before TO %s", e, m[3], m[4])
		}
		seen := make(map[string]bool)
		for _, p := range strings.Split(m[5], "|") {
			p = strings.TrimSpace(p)
			if p == "" || seen[p] {
				t.Errorf("%s: empty or repeated phrase %q", e, p)
			}
			seen[p] = true
			e.phrases = append(e.phrases, p)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no entries", name)
	}
	return out
}

func TestCountriesData(t *testing.T) {
	entries := readDict(t, "countries.txt")
	primary := make(map[string]string) // country → its first phrase
	names := make(map[string]string)   // primary name → country
	owner := make(map[string]dataEntry)
	for _, e := range entries {
		if strings.HasPrefix(e.code, "IGO") || strings.HasPrefix(e.code, "NGO") {
			t.Errorf("%s: organisations belong in igos.txt or groups.txt", e)
		}
		if !e.from.IsZero() || !e.to.IsZero() {
			t.Errorf("%s: countries.txt entries are not dated", e)
		}
		if len(e.code) == 3 && primary[e.code] == "" {
			primary[e.code] = e.phrases[0]
			if c, dup := names[strings.ToLower(e.phrases[0])]; dup {
				t.Errorf("%s: primary name %q is already %s's", e, e.phrases[0], c)
			}
			names[strings.ToLower(e.phrases[0])] = e.code
		}
		for _, p := range e.phrases {
			k := phraseKey(p)
			if o, ok := owner[k]; ok && o.org != e.org {
				t.Errorf("%s: phrase %q also names %s", e, p, o)
			}
			owner[k] = e
		}
	}
	for c := range isoSet() {
		if primary[c] == "" {
			t.Errorf("country %s has no entry in countries.txt", c)
		}
	}
}

func TestDictionariesData(t *testing.T) {
	var all []dataEntry
	for _, name := range []string{"countries.txt", "igos.txt", "groups.txt", "people.txt"} {
		all = append(all, readDict(t, name)...)
	}
	byPhrase := make(map[string][]dataEntry)
	for _, e := range all {
		if e.file == "igos.txt" && !strings.HasPrefix(e.code, "IGO") {
			t.Errorf("%s: igos.txt holds IGO codes only", e)
		}
		for _, p := range e.phrases {
			byPhrase[phraseKey(p)] = append(byPhrase[phraseKey(p)], e)
		}
	}
	// A phrase may name several actors over time, never two at once.
	for p, es := range byPhrase {
		for i := range es {
			for _, o := range es[i+1:] {
				if es[i].code != o.code && es[i].overlaps(o) {
					t.Errorf("phrase %q names %s and %s in the same period", p, es[i], o)
				}
			}
		}
	}
}

// TestBlocksData checks the blocking phrases: every line of blocks.txt is
// one, none is blocking anywhere else, and none is also an actor's phrase,
// which it would hide.
func TestBlocksData(t *testing.T) {
	blocks := readDict(t, "blocks.txt")
	phrases := make(map[string]dataEntry)
	for _, e := range blocks {
		if e.code != actor.BlockCode {
			t.Errorf("%s: blocks.txt holds blocking entries (---) only", e)
		}
		for _, p := range e.phrases {
			k := strings.TrimPrefix(phraseKey(p), "the ")
			if o, dup := phrases[k]; dup {
				t.Errorf("%s: phrase %q already on %s", e, p, o)
			}
			phrases[k] = e
		}
	}
	for _, name := range []string{"countries.txt", "igos.txt", "groups.txt", "people.txt"} {
		for _, e := range readDict(t, name) {
			if e.code == actor.BlockCode {
				t.Errorf("%s: blocking entries belong in blocks.txt", e)
			}
			for _, p := range e.phrases {
				if o, ok := phrases[strings.TrimPrefix(phraseKey(p), "the ")]; ok {
					t.Errorf("%s: phrase %q is blocked by %s", e, p, o)
				}
			}
		}
	}
	for _, p := range []string{"south china sea", "indian ocean", "latin american", "persian gulf", "gulf of oman", "red sea", "middle east", "west", "arab states"} {
		if _, ok := phrases[p]; !ok {
			t.Errorf("blocks.txt lacks %q", p)
		}
	}
}

func TestPeopleData(t *testing.T) {
	people := readDict(t, "people.txt")
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	resolve := func(phrase string, d time.Time) []string {
		var codes []string
		for _, e := range people {
			for _, p := range e.phrases {
				if phraseKey(p) == phraseKey(phrase) && e.validAt(d) {
					codes = append(codes, e.code)
				}
			}
		}
		return codes
	}
	tests := []struct {
		phrase, date string
		want         string // "" when nobody holds the name that day
	}{
		{"Trump", "2018-06-01", "USAGOV"},
		{"Trump", "2023-06-01", "USAOPP"},
		{"Blinken", "2010-06-01", ""},
		{"Trump", "2025-01-20", "USAGOV"},
		{"Marco Rubio", "2025-01-21", "USAGOV"},
		{"Biden", "2012-01-01", "USAGOV"},
		{"Putin", "2010-01-01", "RUSGOV"},
		{"Medvedev", "2010-01-01", "RUSGOV"},
		{"Netanyahu", "2022-01-01", "ISROPP"},
		{"Netanyahu", "2023-01-01", "ISRGOV"},
		{"Israel Katz", "2024-11-05", "ISRGOV"},
		{"Pezeshkian", "2024-07-28", "IRNGOV"},
		{"Araghchi", "2024-08-21", "IRNGOV"},
		{"Nasrallah", "2024-09-26", "LBNREB"},
		{"Nasrallah", "2024-09-27", ""},
		{"al-Sharaa", "2025-06-01", "SYRGOV"},
		{"Jolani", "2020-06-01", "SYRREB"},
		{"King Abdullah", "2010-01-01", ""},
		{"King Abdullah", "2020-01-01", "JORGOV"},
		{"Guterres", "2020-01-01", "IGOUNO"},
		{"Guterres", "2010-01-01", "IGOUNH"},
		{"Rutte", "2025-01-01", "IGONAT"},
		{"Grossi", "2025-01-01", "IGOIAE"},
		{"von der Leyen", "2016-01-01", "DEUGOV"},
		{"von der Leyen", "2021-01-01", "IGOEUR"},
		{"Xi", "2020-01-01", "CHNGOV"},
		{"xi", "2020-01-01", "CHNGOV"},
	}
	for _, tt := range tests {
		got := resolve(tt.phrase, day(tt.date))
		if (tt.want == "" && len(got) != 0) || (tt.want != "" && (len(got) == 0 || got[0] != tt.want)) {
			t.Errorf("%q on %s = %v, want %q", tt.phrase, tt.date, got, tt.want)
		}
		for _, c := range got {
			if c != got[0] {
				t.Errorf("%q on %s names several actors: %v", tt.phrase, tt.date, got)
			}
		}
	}
	// Every required government has named people on sample days across the
	// period.
	required := strings.Fields(`ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA
		IRN ISR IRQ SYR JOR LBN EGY ARE QAT OMN KWT BHR YEM PSE`)
	for _, c := range required {
		for y := 2000; y <= 2026; y++ {
			for _, md := range []string{"-01-15", "-07-01"} {
				d := strconv.Itoa(y) + md
				if c == "IRQ" && d > "2003-04-09" && d < "2004-06-01" {
					continue // the Coalition Provisional Authority governed Iraq
				}
				n := 0
				for _, e := range people {
					if e.code == c+"GOV" && e.validAt(day(d)) {
						n++
					}
				}
				if n < 2 {
					t.Errorf("%sGOV has %d people on %s, want its leaders and ministers", c, n, d)
				}
			}
		}
	}
}

// commonNames are words that must never stand alone for a person: common
// English words and the most common surnames and given names.
var commonNames = strings.Fields(`may rice gates brown kim lee li wang zhang liu chen singh khan ali
	mohammed muhammad ahmed abdullah hussein hassan sharon carter austin harris pence fox hunt straw
	reid jung struck cleverly gallant borne downer salami howard johnson bennett cohen katz hill moon
	park martin graham smith hayashi mori kan tanaka sato fischer gabriel philippe jonathan santos
	green wolf king queen`)

func TestPeopleSurnames(t *testing.T) {
	bad := make(map[string]bool)
	for _, w := range commonNames {
		bad[w] = true
	}
	for _, e := range readDict(t, "people.txt") {
		for _, p := range e.phrases {
			if !strings.Contains(p, " ") && bad[strings.ToLower(p)] {
				t.Errorf("%s: %q alone names too many people", e, p)
			}
		}
	}
}

func TestPlacesData(t *testing.T) {
	name := filepath.Join("..", "geo", "dict", "places.txt")
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	iso := isoSet()
	seen := make(map[string]int)
	sc := bufio.NewScanner(f)
	n, places := 0, 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "|")
		if len(fields) != 4 {
			t.Errorf("places.txt:%d: want ISO3 | Place | lat | lon: %q", n, line)
			continue
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if c := fields[0]; c != "---" && !iso[c] {
			t.Errorf("places.txt:%d: %q is neither an ISO 3166-1 alpha-3 code nor ---", n, c)
		}
		lat, err1 := strconv.ParseFloat(fields[2], 64)
		lon, err2 := strconv.ParseFloat(fields[3], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			t.Errorf("places.txt:%d: bad coordinates %q, %q", n, fields[2], fields[3])
		}
		k := strings.ToLower(fields[1])
		if k == "" {
			t.Errorf("places.txt:%d: empty name", n)
		}
		if prev, dup := seen[k]; dup {
			t.Errorf("places.txt:%d: %q already on line %d", n, fields[1], prev)
		}
		seen[k] = n
		places++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"tehran", "muscat", "doha", "geneva", "vienna", "strait of hormuz", "gaza", "west bank", "crimea", "donbas", "taiwan strait", "kashmir", "red sea", "kyiv"} {
		if seen[p] == 0 {
			t.Errorf("places.txt lacks %q", p)
		}
	}
	if places < 500 {
		t.Errorf("places.txt has %d places, want the capitals and main cities (over 500)", places)
	}
}

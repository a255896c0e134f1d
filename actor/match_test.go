package actor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/text"
)

func sentence(s string) *Sentence {
	return &Sentence{Text: s, Lower: text.LowerASCII(s), Tokens: text.Tokenize(s, nil)}
}

// mentions renders the mentions of s as "text=CODE" joined by ", ".
func mentions(d *Dictionary, s string, date time.Time) string {
	st := sentence(s)
	var out []string
	for _, m := range d.Match(st, date, nil) {
		a, b := st.Tokens[m.Start].Start, st.Tokens[m.End-1].End
		out = append(out, s[a:b]+"="+m.Entry.Code)
	}
	return strings.Join(out, ", ")
}

func testDict(t testing.TB) *Dictionary {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/people.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "zz-test.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMatch(t *testing.T) {
	d := testDict(t)
	tests := []struct {
		in   string
		date string
		want string
	}{
		{"Iranian officials met the UK envoy", "2015-01-01", "Iranian=IRN, officials=GOV, UK=GBR, envoy=GOV"},
		{"Obama spoke to us", "2015-01-01", "Obama=USAGOV"},
		{"Obama spoke", "2018-01-01", "Obama=USAELI"},
		{"Bush spoke", "2005-05-05", "Bush=USAGOV"},
		{"Bush spoke", "2010-05-05", ""},
		// The day a term ends and the two after still name the office.
		{"Bush spoke", "2009-01-20", "Bush=USAGOV"},
		{"Bush spoke", "2009-01-22", "Bush=USAGOV"},
		{"Bush spoke", "2009-01-23", ""},
		{"Obama spoke", "2017-01-21", "Obama=USAELI"},
		{"Barack Obama's foreign minister", "2010-01-01", "Barack Obama=USAGOV, foreign minister=GOV"},
		{"the uk and the Uk", "2015-01-01", ""},
		{"fighter jets struck", "2015-01-01", "fighter jets=MIL"},
		{"IRAN’s army", "2015-01-01", "IRAN=IRN, army=MIL"},
		{"a UK-flagged and an Iranian-backed ship", "2015-01-01", "UK-flagged=GBR"},
		{"an Iran-based and a uk-based firm", "2015-01-01", "Iran-based=IRN, firm=BUS"},
		{"Russian-held and Iran-backed towns", "2015-01-01", "Russian-held=RUS"},
		// Blocking phrases win the longest match and code nothing.
		{"China sent ships to the South China Sea", "2015-01-01", "China=CHN, South China Sea=---"},
		{"Latin American leaders met Americans", "2015-01-01", "Latin American=---, leaders=GOV, Americans=USA"},
		{"tankers in the Gulf of Oman and off Oman", "2015-01-01", "Gulf of Oman=---, Oman=OMN"},
		{"the Arab League and Arab states", "2015-01-01", "Arab League=IGOARL, Arab states=---"},
		{"Western Sahara and Western diplomats", "2015-01-01", "Western Sahara=ESH, Western=---, diplomats=GOV"},
		{"the British Indian Ocean Territory", "2015-01-01", "British Indian Ocean Territory=IOT"},
	}
	for _, tt := range tests {
		if got := mentions(d, tt.in, day(tt.date)); got != tt.want {
			t.Errorf("%q on %s: got %q, want %q", tt.in, tt.date, got, tt.want)
		}
	}
}

func TestMatchUndated(t *testing.T) {
	d := testDict(t)
	// Without a date the current (open-ended) entry wins.
	if got := mentions(d, "Obama spoke", time.Time{}); got != "Obama=USAELI" {
		t.Errorf("got %q", got)
	}
}

func TestLoadOverride(t *testing.T) {
	base, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("FRA : Iran\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "old.actors"), []byte("GAUL [FRA]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := mentions(d, "Iran and Gaul", time.Time{}); got != "Iran=FRA, Gaul=FRA" {
		t.Errorf("override: got %q", got)
	}
	if base.Version() == d.Version() || len(base.Version()) != 16 {
		t.Errorf("versions %q and %q", base.Version(), d.Version())
	}
	// A typo in one line of a file of the folder costs that line only: it
	// is reported, and the rest of the file and the folder still load.
	if err := os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("FRA Gaul\nDEU : Teutonia\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err = Load(dir)
	if err != nil {
		t.Fatalf("bad line: error %v", err)
	}
	if got := mentions(d, "Iran, Gaul and Teutonia", time.Time{}); got != "Iran=FRA, Gaul=FRA, Teutonia=DEU" {
		t.Errorf("with a bad line: got %q", got)
	}
	var bad *Report
	for _, r := range d.Reports() {
		if r.File == "bad.txt" {
			bad = &r
		}
	}
	if bad == nil || bad.Entries != 1 || bad.Skipped != 1 || len(bad.Warnings) != 1 ||
		bad.Warnings[0].String() != "bad.txt:1: missing ':' between code and phrases; skipped" {
		t.Errorf("report of bad.txt: %+v", bad)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(""); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	d, err := Load("")
	if err != nil {
		b.Fatal(err)
	}
	st := sentence("U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion and intimidation against smaller Asian nations to impose its will in the South China Sea.")
	var ms []Mention
	date := day("2019-11-19")
	b.ReportAllocs()
	for b.Loop() {
		ms = d.Match(st, date, ms[:0])
	}
}

package cameo

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

// readReference reads a two-column TSV of ../shared/reference, skipping its
// header and the QuadClass heading rows "1" to "4".
func readReference(t *testing.T, name string) map[string]string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "reference", name)
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		t.Skipf("../shared absent: %s not found, cannot compare the codebook with the reference tables", p)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := make(map[string]string)
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		code, val, ok := strings.Cut(sc.Text(), "\t")
		if first || !ok || len(code) < 2 {
			continue
		}
		m[code] = strings.TrimSpace(val)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(m) == 0 {
		t.Fatalf("%s: no codes read", p)
	}
	return m
}

func TestCodebookHasEveryReferenceCode(t *testing.T) {
	events := readReference(t, "cameo-eventcodes.tsv")
	for code := range events {
		if !Valid(code) {
			t.Errorf("reference code %s missing from the codebook", code)
		}
	}
	gold := readReference(t, "cameo-goldstein.tsv")
	for code, v := range gold {
		want, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("reference goldstein of %s: %v", code, err)
		}
		c, ok := Lookup(code)
		if !ok {
			t.Errorf("reference code %s missing from the codebook", code)
			continue
		}
		if c.Goldstein != want {
			t.Errorf("%s goldstein = %v, reference says %v", code, c.Goldstein, want)
		}
	}
	if n := len(All()); n != len(events) {
		t.Errorf("codebook has %d codes, reference %d", n, len(events))
	}
}

func TestCodebookInvariants(t *testing.T) {
	all := All()
	if len(all) < 300 {
		t.Fatalf("codebook has %d codes, want every CAMEO code (over 300)", len(all))
	}
	for i, c := range all {
		if i > 0 && all[i-1].Code >= c.Code {
			t.Errorf("All not sorted: %s then %s", all[i-1].Code, c.Code)
		}
		if c.Root != c.Code[:2] {
			t.Errorf("%s root = %q", c.Code, c.Root)
		}
		root, ok := Lookup(c.Root)
		if !ok {
			t.Errorf("%s has no root %s", c.Code, c.Root)
		}
		if c.Quad != root.Quad || c.Quad != detente.QuadOf(c.Code) || c.Quad == 0 {
			t.Errorf("%s quad = %d, root %s quad = %d", c.Code, c.Quad, c.Root, root.Quad)
		}
		if len(c.Code) > 2 && !Valid(c.Code[:len(c.Code)-1]) {
			t.Errorf("%s has no parent %s", c.Code, c.Code[:len(c.Code)-1])
		}
		if c.Goldstein < -10 || c.Goldstein > 10 {
			t.Errorf("%s goldstein %v out of [-10, 10]", c.Code, c.Goldstein)
		}
		if c.Plover != "" && !IsPlover(c.Plover) {
			t.Errorf("%s plover %q not a PLOVER type", c.Code, c.Plover)
		}
		if c.Plover == "" && c.Root != "01" {
			t.Errorf("%s has no PLOVER type; only pure statements (root 01) may lack one", c.Code)
		}
		if c.Name == "" {
			t.Errorf("%s has no name", c.Code)
		}
	}
}

func TestIsPlover(t *testing.T) {
	for _, p := range ploverTypes {
		if !IsPlover(p) {
			t.Errorf("IsPlover(%q) = false", p)
		}
	}
	for _, p := range []string{"", "agree", "STATEMENT", "ASSAULT "} {
		if IsPlover(p) {
			t.Errorf("IsPlover(%q) = true", p)
		}
	}
	if len(ploverTypes) != 16 {
		t.Errorf("%d PLOVER types, want 16", len(ploverTypes))
	}
}

func TestRoots(t *testing.T) {
	roots := Roots()
	if len(roots) != 20 {
		t.Fatalf("Roots() = %d codes, want 20", len(roots))
	}
	for i, r := range roots {
		if want := strconv.Itoa(i + 101)[1:]; r.Code != want {
			t.Errorf("root %d = %s, want %s", i, r.Code, want)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		code   string
		ok     bool
		quad   detente.QuadClass
		gold   float64
		plover string
	}{
		{"010", true, detente.VerbalCoop, 0, ""},
		{"036", true, detente.VerbalCoop, 4, "CONSULT"},
		{"046", true, detente.VerbalCoop, 7, "CONSULT"},
		{"057", true, detente.VerbalCoop, 8, "AGREE"},
		{"0874", true, detente.MaterialCoop, 10, "RETREAT"},
		{"073", true, detente.MaterialCoop, 7.4, "AID"},
		{"112", true, detente.VerbalConflict, -2, "ACCUSE"},
		{"1385", true, detente.VerbalConflict, -7, "THREATEN"},
		{"163", true, detente.MaterialConflict, -8, "SANCTION"},
		{"154", true, detente.MaterialConflict, -7.2, "MOBILIZE"},
		{"173", true, detente.MaterialConflict, -5, "COERCE"},
		{"195", true, detente.MaterialConflict, -10, "ASSAULT"},
		{"2042", true, detente.MaterialConflict, -10, "ASSAULT"},
		{"", false, 0, 0, ""},
		{"0", false, 0, 0, ""},
		{"21", false, 0, 0, ""},
		{"0469", false, 0, 0, ""},
		{"046 ", false, 0, 0, ""},
	}
	for _, tt := range tests {
		c, ok := Lookup(tt.code)
		if ok != tt.ok || Valid(tt.code) != tt.ok {
			t.Errorf("Lookup(%q) ok = %v, want %v", tt.code, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if c.Code != tt.code || c.Quad != tt.quad || c.Goldstein != tt.gold || c.Plover != tt.plover {
			t.Errorf("Lookup(%q) = %+v, want quad %d goldstein %v plover %q", tt.code, c, tt.quad, tt.gold, tt.plover)
		}
	}
}

func TestAllReturnsACopy(t *testing.T) {
	a := All()
	a[0].Name = "changed"
	if c, _ := Lookup(a[0].Code); c.Name == "changed" {
		t.Error("changing the slice from All changed the codebook")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"empty", "# nothing\n\n", "book.txt: no codes"},
		{"fields", "01\t0.0\t-\n", "book.txt:1: want 4 tab-separated fields"},
		{"letters", "0a\t0.0\t-\tx\n", `book.txt:1: code "0a"`},
		{"long", "01234\t0.0\t-\tx\n", `book.txt:1: code "01234"`},
		{"root", "21\t0.0\t-\tx\n", `book.txt:1: code "21": root "21" is not 01 to 20`},
		{"goldstein", "01\tbig\t-\tx\n", `book.txt:1: code 01: goldstein "big"`},
		{"range", "01\t10.5\t-\tx\n", `book.txt:1: code 01: goldstein "10.5"`},
		{"nan", "01\tNaN\t-\tx\n", `book.txt:1: code 01: goldstein "NaN"`},
		{"plover", "01\t0.0\tHUG\tx\n", `book.txt:1: code 01: "HUG" is not a PLOVER event type`},
		{"name", "01\t0.0\t-\t \n", "book.txt:1: code 01: empty name"},
		{"dup", "01\t0.0\t-\tx\n01\t0.0\t-\tx\n", `book.txt:2: duplicate code "01"`},
		{"order", "02\t0.0\t-\tx\n01\t0.0\t-\tx\n", `book.txt:2: code "01" after "02"`},
		{"orphan", "01\t0.0\t-\tx\n021\t0.0\t-\tx\n", `book.txt:2: code "021" has no parent "02"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse([]byte(tt.data), "book.txt")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseAcceptsCRLFAndComments(t *testing.T) {
	b, err := parse([]byte("# head\r\n01\t0.0\t-\tstatement\r\n\r\n010\t-0.5\tAGREE\tsay so\r\n"), "book.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.codes) != 2 || b.codes[1].Goldstein != -0.5 || b.codes[1].Plover != "AGREE" || b.codes[1].Name != "say so" {
		t.Errorf("parse = %+v", b.codes)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(codebookFile)
	f.Add([]byte("01\t0.0\t-\tstatement\n010\t-0.5\tAGREE\tsay so\n"))
	f.Add([]byte("01\tNaN\t-\tx\n"))
	f.Add([]byte("\t\t\t\n#\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parse(data, "fuzz.txt")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.txt") {
				t.Errorf("error %q does not name the input", err)
			}
			return
		}
		for i, c := range b.codes {
			if b.index[c.Code] != i || c.Quad == 0 || c.Goldstein < -10 || c.Goldstein > 10 {
				t.Errorf("accepted bad code %+v", c)
			}
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	codes := []string{"010", "046", "0874", "1385", "195", "999"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Lookup(codes[i%len(codes)])
	}
}

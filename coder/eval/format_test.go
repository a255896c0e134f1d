package eval

import (
	"bufio"
	"io"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, in string
		want     Format
		err      string
	}{
		{"gold", `{"id":"a","text":"t","events":[]}` + "\n", GoldFormat, ""},
		{"pentaclass", `{"id":"a","text":"t","class":3}`, PentaclassFormat, ""},
		{"codebook", `"","name","code","goldstein","example"` + "\n" + `"1","x","010",0,NA`, CodebookFormat, ""},
		{"blank lines and a mark first", "\ufeff\n  \r\n" + `{"class":0}`, PentaclassFormat, ""},
		{"both", "\n" + `{"class":0,"events":[]}`, "", "d:2: first record has both"},
		{"neither", `{"id":"a"}`, "", "d:1: first record has neither"},
		{"broken json", `{"id":`, "", "d:1: first record:"},
		{"other csv", "code,text\n", "", "d:1: neither a JSON object nor a CSV header"},
		{"empty", " \n\n", "", "d: empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.in), 64<<10)
			got, err := Detect("d", br)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Detect = %q, %v; want error %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Detect = %q, %v; want %q", got, err, tt.want)
			}
			rest, _ := io.ReadAll(br)
			if string(rest) != tt.in {
				t.Errorf("Detect consumed input: %q left of %q", rest, tt.in)
			}
		})
	}
}

func TestDetectLongFirstRecord(t *testing.T) {
	long := `{"id":"a","text":"` + strings.Repeat("x", 100) + `","class":1}` + "\n"
	if _, err := Detect("d", bufio.NewReaderSize(strings.NewReader(long), 16)); err == nil || !strings.Contains(err.Error(), "d:1: first record longer than 16 bytes") {
		t.Errorf("small buffer: error %v", err)
	}
	if f, err := Detect("d", bufio.NewReaderSize(strings.NewReader(long), 4096)); err != nil || f != PentaclassFormat {
		t.Errorf("large buffer: %q, %v", f, err)
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"gold", "pentaclass", "codebook"} {
		if f, err := ParseFormat(s); err != nil || string(f) != s {
			t.Errorf("ParseFormat(%q) = %q, %v", s, f, err)
		}
	}
	for _, s := range []string{"", "auto", "Gold", "csv"} {
		if _, err := ParseFormat(s); err == nil {
			t.Errorf("ParseFormat(%q): no error", s)
		}
	}
}

// FuzzDetect feeds any text to Detect: it names a format or returns an
// error naming the file, and never consumes what it read.
func FuzzDetect(f *testing.F) {
	f.Add(`{"id":"a","text":"t","class":3}`)
	f.Fuzz(func(t *testing.T, in string) {
		br := bufio.NewReaderSize(strings.NewReader(in), 64<<10)
		got, err := Detect("f", br)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f:") && !strings.HasPrefix(err.Error(), "read f:") {
				t.Fatalf("error without file: %v", err)
			}
		} else if _, perr := ParseFormat(string(got)); perr != nil {
			t.Fatalf("Detect = %q", got)
		}
		if rest, _ := io.ReadAll(br); string(rest) != in {
			t.Fatalf("Detect consumed input")
		}
	})
}

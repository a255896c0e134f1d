package actor

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLines reads lines of every ending, and lines over MaxLine bytes,
// which are passed over whole with their number kept.
func TestLines(t *testing.T) {
	long := strings.Repeat("x", MaxLine+1)
	exact := strings.Repeat("y", MaxLine)
	tests := []struct {
		in   string
		want string // "number:text" of each line, "number:LONG" for a long one
	}{
		{"", ""},
		{"a", "1:a"},
		{"a\n", "1:a"},
		{"a\r\nb\n\nc", "1:a\r 2:b 3: 4:c"},
		{"a\n" + long + "\nb\n", "1:a 2:LONG 3:b"},
		{long, "1:LONG"},
		{exact + "\nb", "1:" + exact[:3] + "… 2:b"},
	}
	for _, tt := range tests {
		var got []string
		lines := NewLines(strings.NewReader(tt.in))
		for lines.Scan() {
			s := lines.Text()
			switch {
			case lines.TooLong():
				s = "LONG"
			case len(s) == MaxLine:
				s = s[:3] + "…"
			}
			got = append(got, strconv.Itoa(lines.Line())+":"+s)
		}
		if g := strings.Join(got, " "); g != tt.want || lines.Err() != nil {
			t.Errorf("lines of %.20q = %.80q (error %v), want %.80q", tt.in, g, lines.Err(), tt.want)
		}
	}
}

func TestLinesError(t *testing.T) {
	bad := errors.New("disk gone")
	lines := NewLines(io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(bad)))
	var got []string
	for lines.Scan() {
		got = append(got, lines.Text())
	}
	if strings.Join(got, " ") != "a" || !errors.Is(lines.Err(), bad) {
		t.Errorf("got %q, error %v: want the whole line before the error, then the error", got, lines.Err())
	}
}

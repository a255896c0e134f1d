package cameo

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/detente-project/detente"
)

// codebook is a parsed codebook: codes sorted by code and their index.
type codebook struct {
	codes []Code
	index map[string]int
}

// mustParse parses the embedded codebook; the data ships with the binary and
// codebook_test.go parses it, so a failure here is a build defect.
func mustParse(data []byte, name string) codebook {
	b, err := parse(data, name)
	if err != nil {
		panic(err)
	}
	return b
}

// parse reads a codebook file: "CODE\tGOLDSTEIN\tPLOVER\tNAME" lines in
// ascending code order, each code after its parent, with # comments and
// blank lines. Errors name the file and line.
func parse(data []byte, name string) (codebook, error) {
	b := codebook{index: make(map[string]int)}
	prev := ""
	for n, line := range bytes.Split(data, []byte("\n")) {
		s := strings.TrimSuffix(string(line), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		c, err := parseLine(s)
		if err != nil {
			return codebook{}, fmt.Errorf("%s:%d: %w", name, n+1, err)
		}
		if _, dup := b.index[c.Code]; dup {
			return codebook{}, fmt.Errorf("%s:%d: duplicate code %q", name, n+1, c.Code)
		}
		if c.Code < prev {
			return codebook{}, fmt.Errorf("%s:%d: code %q after %q: codes must ascend", name, n+1, c.Code, prev)
		}
		if parent := c.Code[:len(c.Code)-1]; len(c.Code) > 2 {
			if _, ok := b.index[parent]; !ok {
				return codebook{}, fmt.Errorf("%s:%d: code %q has no parent %q above it", name, n+1, c.Code, parent)
			}
		}
		prev = c.Code
		b.index[c.Code] = len(b.codes)
		b.codes = append(b.codes, c)
	}
	if len(b.codes) == 0 {
		return codebook{}, fmt.Errorf("%s: no codes", name)
	}
	return b, nil
}

// parseLine parses one non-comment line of the codebook.
func parseLine(s string) (Code, error) {
	f := strings.Split(s, "\t")
	if len(f) != 4 {
		return Code{}, fmt.Errorf("want 4 tab-separated fields (code, goldstein, plover, name), got %d", len(f))
	}
	code, gs, plover, name := f[0], f[1], f[2], strings.TrimSpace(f[3])
	if len(code) < 2 || len(code) > 4 || strings.Trim(code, "0123456789") != "" {
		return Code{}, fmt.Errorf("code %q: want 2 to 4 digits", code)
	}
	quad := detente.QuadOf(code)
	if quad == 0 {
		return Code{}, fmt.Errorf("code %q: root %q is not 01 to 20", code, code[:2])
	}
	g, err := strconv.ParseFloat(gs, 64)
	if err != nil || !(g >= -10 && g <= 10) {
		return Code{}, fmt.Errorf("code %s: goldstein %q: want a number from -10 to 10", code, gs)
	}
	if plover == "-" {
		plover = ""
	} else if !IsPlover(plover) {
		return Code{}, fmt.Errorf("code %s: %q is not a PLOVER event type", code, plover)
	}
	if name == "" {
		return Code{}, fmt.Errorf("code %s: empty name", code)
	}
	return Code{Code: code, Name: name, Root: code[:2], Quad: quad, Goldstein: g, Plover: plover}, nil
}

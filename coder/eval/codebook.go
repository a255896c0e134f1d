package eval

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Example is one example sentence of the CAMEO codebook: a sentence the
// codebook gives to illustrate Code.
type Example struct {
	Line int    `json:"line"` // line of its row in the file, for messages
	Code string `json:"code"` // "0233"
	Name string `json:"name"` // the codebook's name of the code, "" when the file has none
	Text string `json:"text"`
}

// Input returns the example's text and no day (the codebook dates none).
func (e Example) Input() (string, time.Time) { return e.Text, time.Time{} }

// ReadCodebookExamples reads the example sentences of a CAMEO codebook
// written as CSV: a header row naming at least the columns code and example
// (name is read when present), then one row a code. Rows whose example is
// empty or NA have none and are left out. Every row's code must be two to
// four digits with a root from 01 to 20; a code that is well formed but not
// in the project's codebook is read (ScoreCodebook reports it). A malformed
// row ends the reading with an error naming name:line.
func ReadCodebookExamples(name string, r io.Reader) ([]Example, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(len(bom)); bytes.Equal(head, bom) {
		br.Discard(len(bom))
	}
	cr := csv.NewReader(br)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty, want a header with the columns code and example", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	col := func(c string) int { return slices.Index(header, c) }
	codeCol, exCol, nameCol := col("code"), col("example"), col("name")
	if codeCol < 0 || exCol < 0 {
		return nil, fmt.Errorf("%s:1: header %q lacks the column code or example", name, strings.Join(header, ","))
	}
	var out []Example
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		code := strings.TrimSpace(rec[codeCol])
		if !wellFormed(code) {
			return nil, fmt.Errorf("%s:%d: code %q: want two to four digits with a root from 01 to 20", name, line, code)
		}
		text := strings.TrimSpace(rec[exCol])
		if text == "" || text == "NA" {
			continue
		}
		ex := Example{Line: line, Code: code, Text: text}
		if nameCol >= 0 {
			ex.Name = strings.TrimSpace(rec[nameCol])
		}
		out = append(out, ex)
	}
}

// wellFormed reports whether code looks like a CAMEO code: two to four
// digits, the first two a root from 01 to 20.
func wellFormed(code string) bool {
	if len(code) < 2 || len(code) > 4 || ClassOf(code) < 0 {
		return false
	}
	for i := range len(code) {
		if !digit(code[i]) {
			return false
		}
	}
	return true
}

// csvError names the file and line of a CSV reading error.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %w", name, pe.Line, pe.Err)
	}
	return fmt.Errorf("read %s: %w", name, err)
}

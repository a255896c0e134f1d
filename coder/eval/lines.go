package eval

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"time"
)

// bom is the UTF-8 byte order mark some editors and spreadsheet programs
// write first; the readers skip it.
var bom = []byte("\ufeff")

// eachLine calls record with every non-blank line of a JSONL file; record
// returns the line's id. An error of record, or an id seen before, ends the
// reading with an error naming name:line.
func eachLine(name string, r io.Reader, record func(line []byte) (id string, err error)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	seen := map[string]int{}
	ln := 0
	for sc.Scan() {
		ln++
		line := bytes.TrimSpace(sc.Bytes())
		if ln == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		if len(line) == 0 {
			continue
		}
		id, err := record(line)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, ln, err)
		}
		if first, ok := seen[id]; ok {
			return fmt.Errorf("%s:%d: id %q already used on line %d", name, ln, id, first)
		}
		seen[id] = ln
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, ln+1, err)
	}
	return nil
}

// checkDate accepts an empty date or one written YYYY-MM-DD.
func checkDate(d string) error {
	if d == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return fmt.Errorf("date %q: %w", d, err)
	}
	return nil
}

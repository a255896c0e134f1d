package eval

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Format is the kind of a file of labelled sentences.
type Format string

// The formats eval reads.
const (
	// GoldFormat is JSONL with hand-coded events:
	// {"id","date","text","events":[{"source","target","code","alt"}]}.
	GoldFormat Format = "gold"
	// PentaclassFormat is JSONL with the class of the main event:
	// {"id","date","text","class"}.
	PentaclassFormat Format = "pentaclass"
	// CodebookFormat is the CAMEO codebook as CSV with a header naming at
	// least the columns code and example.
	CodebookFormat Format = "codebook"
)

// ParseFormat returns the format named s: "gold", "pentaclass" or
// "codebook".
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case GoldFormat, PentaclassFormat, CodebookFormat:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: want gold, pentaclass or codebook", s)
}

// Detect tells the format of a file from its first record without
// consuming it: a JSON object with an "events" field is gold, one with a
// "class" field pentaclass, and a CSV header with the columns code and
// example the codebook. The first record must fit in r's buffer, so make r
// with bufio.NewReaderSize(f, 64<<10) or larger. name is used in errors.
func Detect(name string, r *bufio.Reader) (Format, error) {
	head, err := r.Peek(r.Size())
	more := err == nil || errors.Is(err, bufio.ErrBufferFull)
	if !more && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	head = bytes.TrimPrefix(head, bom)
	ln := 1
	for {
		nl := bytes.IndexByte(head, '\n')
		if nl < 0 {
			if more {
				return "", fmt.Errorf("%s:%d: first record longer than %d bytes; name the format", name, ln, r.Size())
			}
			nl = len(head)
		}
		if line := bytes.TrimSpace(head[:nl]); len(line) > 0 {
			f, err := detectLine(line)
			if err != nil {
				return "", fmt.Errorf("%s:%d: %w", name, ln, err)
			}
			return f, nil
		}
		if nl == len(head) {
			return "", fmt.Errorf("%s: empty", name)
		}
		head = head[nl+1:]
		ln++
	}
}

func detectLine(line []byte) (Format, error) {
	if line[0] == '{' {
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(line, &rec); err != nil {
			return "", fmt.Errorf("first record: %w", err)
		}
		_, events := rec["events"]
		_, class := rec["class"]
		switch {
		case events && class:
			return "", errors.New("first record has both events and class; name the format")
		case events:
			return GoldFormat, nil
		case class:
			return PentaclassFormat, nil
		}
		return "", errors.New("first record has neither events (gold) nor class (pentaclass)")
	}
	header, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err == nil && slices.Contains(header, "code") && slices.Contains(header, "example") {
		return CodebookFormat, nil
	}
	return "", errors.New("neither a JSON object nor a CSV header with the columns code and example")
}

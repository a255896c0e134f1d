package actor

import (
	"bufio"
	"errors"
	"io"
)

// MaxLine is the longest dictionary line read, in bytes; a longer line is
// passed over whole and reported by Lines.TooLong, so that it costs one
// warning rather than the rest of its file.
const MaxLine = 4 << 20

// Lines reads the lines of a dictionary file in detente's formats,
// numbering them from 1, without keeping more than MaxLine bytes of one.
// The readers of package coder and package geo share it.
type Lines struct {
	r    *bufio.Reader
	line int
	text string
	long bool
	err  error
}

// NewLines returns a reader of r's lines.
func NewLines(r io.Reader) *Lines { return &Lines{r: bufio.NewReaderSize(r, 64*1024)} }

// Scan advances to the next line and reports whether there is one; it is
// false at the end of the input or on a read error (see Err).
func (l *Lines) Scan() bool {
	if l.err != nil {
		return false
	}
	var buf []byte
	read := 0
	l.long = false
	for {
		chunk, err := l.r.ReadSlice('\n')
		read += len(chunk)
		n := len(chunk)
		if n > 0 && chunk[n-1] == '\n' {
			n-- // the newline is not part of the line
		}
		if !l.long && len(buf)+n > MaxLine {
			l.long, buf = true, nil
		}
		if !l.long {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			l.err = err
			if !errors.Is(err, io.EOF) || read == 0 {
				return false
			}
		}
		break
	}
	l.line++
	if n := len(buf); n > 0 && buf[n-1] == '\n' {
		buf = buf[:n-1]
	}
	l.text = string(buf)
	return true
}

// Text returns the current line without its newline, "" for a line that
// is too long.
func (l *Lines) Text() string { return l.text }

// Line returns the 1-based number of the current line.
func (l *Lines) Line() int { return l.line }

// TooLong reports whether the current line was longer than MaxLine bytes.
func (l *Lines) TooLong() bool { return l.long }

// Err returns the first read error, nil at the end of the input.
func (l *Lines) Err() error {
	if errors.Is(l.err, io.EOF) {
		return nil
	}
	return l.err
}

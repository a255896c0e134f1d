package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
)

// jsonl reads a JSONL file one line at a time. A malformed line is
// reported with its file:line and the others go on. Page.Offset is the
// byte offset of the line; a record without URL is named file:line.
func (w *walker) jsonl(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// Lines before a checkpoint are read but not parsed, to keep line
	// numbers (and the names of records without URL) the same on resume.
	origin, err := fileOrigin(f, path)
	if err != nil {
		return err
	}
	resume, err := w.resume(ctx, path, origin)
	if err != nil {
		return err
	}
	var off int64
	line, good, bad := 0, 0, 0
	br := bufio.NewReaderSize(f, 64<<10)
	fetched := w.opts.Now().UTC()
	for {
		if err := ctx.Err(); err != nil {
			return stop{err}
		}
		if bad >= maxBadLines && good == 0 {
			return fmt.Errorf("%s: not JSONL: the first %d records are all malformed", path, bad)
		}
		data, n, tooLong, err := readLine(br, w.opts.MaxBytes)
		if n == 0 && errors.Is(err, io.EOF) {
			return nil
		}
		line++
		start := off
		off += n
		where := path + ":" + strconv.Itoa(line)
		if line == 1 && start == 0 {
			data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		}
		switch {
		case err != nil && !errors.Is(err, io.EOF):
			return fmt.Errorf("%s: %w", where, err)
		case start < resume:
		case tooLong:
			bad++
			if err := w.report(where, fmt.Errorf("%s: line longer than %d bytes", where, w.opts.MaxBytes)); err != nil {
				return err
			}
		case len(bytes.TrimSpace(data)) == 0:
		default:
			rec, perr := ParseRecord(data)
			if perr != nil {
				bad++
				if err := w.report(where, fmt.Errorf("%s: %w", where, perr)); err != nil {
					return err
				}
				break
			}
			good++
			if err := w.emit(ctx, rec.Page(where, origin, start, fetched)); err != nil {
				return err
			}
		}
		if err != nil { // io.EOF after a last line without newline
			return nil
		}
	}
}

// maxBadLines malformed records with no good one before them end a file:
// it is not JSONL at all, and reporting each line would only flood the log.
const maxBadLines = 100

// readLine reads one line without its newline, keeping at most max bytes;
// n counts every byte consumed, newline included, so offsets stay exact.
func readLine(br *bufio.Reader, max int64) (line []byte, n int64, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !tooLong {
			if int64(len(buf)+len(chunk)) > max+1 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(buf, "\r\n"), n, tooLong, err
	}
}

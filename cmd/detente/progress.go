package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/source"
)

// progress follows how far an ingest has read its inputs: pages, and bytes
// of local files, so that a WARC's progress shows before its record count
// is known.
type progress struct {
	total int64            // bytes of the local input files; 0 when an input is a URL
	sizes map[string]int64 // local input file → size
	pages atomic.Int64     // pages read

	mu       sync.Mutex
	finished int64  // bytes of the files read to their end
	current  string // the file being read
	at       int64  // offset reached in it
}

// newProgress sizes the local files among inputs (folders walked, as the
// source walks them); any URL input leaves the total unknown.
func newProgress(inputs []string) *progress {
	p := &progress{sizes: map[string]int64{}}
	known := true
	for _, in := range inputs {
		if strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
			known = false
			continue
		}
		_ = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil // the source reports unreadable inputs
			}
			if info, err := d.Info(); err == nil {
				p.sizes[path] = info.Size()
				p.total += info.Size()
			}
			return nil
		})
	}
	if !known {
		p.total = 0
	}
	return p
}

// observe records a page read: its file, and its offset there when it is a
// record of an archive.
func (p *progress) observe(pg detente.Page) {
	p.pages.Add(1)
	p.mu.Lock()
	defer p.mu.Unlock()
	file := source.OriginPath(pg.Origin)
	if file != p.current {
		p.finished += p.sizes[p.current]
		p.current, p.at = file, 0
	}
	if pg.Offset >= 0 {
		p.at = pg.Offset
	} else {
		p.at = p.sizes[file]
	}
}

// position returns the bytes read so far.
func (p *progress) position() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.finished + p.at
}

// show reports progress until the returned func is called: a bar redrawn
// in place on a terminal, a log line every ten seconds otherwise.
func (p *progress) show(e *env, settled *atomic.Int64, start time.Time) func() {
	f, _ := e.stderr.(*os.File)
	tty := f != nil && isTerminal(f)
	every := 10 * time.Second
	if tty {
		every = 250 * time.Millisecond
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				if tty {
					fmt.Fprintln(e.stderr)
				}
				return
			case <-t.C:
				line := p.line(settled.Load(), time.Since(start))
				if tty {
					fmt.Fprintf(e.stderr, "\r%s", line)
				} else {
					e.log.Info("progress", "pages_read", p.pages.Load(), "pages_done", settled.Load(), "status", strings.TrimSpace(line))
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// line draws the bar: the share of input bytes read when the inputs are
// local files, the pages done and their rate, and the time left at the rate
// bytes have been read so far.
func (p *progress) line(done int64, elapsed time.Duration) string {
	const width = 30
	rate := float64(done) / elapsed.Seconds()
	if p.total <= 0 {
		return fmt.Sprintf("%d pages  %.1f pages/s   ", done, rate)
	}
	pos := p.position()
	filled := int(min(pos, p.total) * width / p.total)
	eta := "?"
	if pos > 0 {
		left := float64(p.total-pos) / float64(pos) * elapsed.Seconds()
		eta = (time.Duration(left) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("[%s%s] %3.0f%%  %d pages  %.1f pages/s  ETA %s   ",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		100*float64(pos)/float64(p.total), done, rate, eta)
}

package fetch

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// readBody reads a response body within the size limit, counted after
// decompression, and cancels the request through cancel when the body
// arrives slower than the minimum rate.
func (c *Client) readBody(ctx context.Context, cancel context.CancelCauseFunc, resp *http.Response) ([]byte, error) {
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	if (enc == "" || enc == "identity") && resp.ContentLength > c.opts.MaxBytes {
		return nil, fmt.Errorf("%w: Content-Length %d > %d", ErrTooLarge, resp.ContentLength, c.opts.MaxBytes)
	}
	wire := &countingReader{r: resp.Body}
	dog := startWatchdog(wire, c.opts.MinRate, c.opts.RateWindow, cancel)
	defer dog.stop()

	var r io.Reader = wire
	switch enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(wire)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	return readLimited(r, c.opts.MaxBytes)
}

// readLimited reads r to its end, failing with ErrTooLarge past max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w of %d bytes", ErrTooLarge, max)
	}
	return b, nil
}

// countingReader counts the bytes read through it; the count may be read
// from another goroutine.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// watchdog checks, every window, that at least rate×window bytes arrived
// during it, and cancels the request with ErrTooSlow when not. Checking on
// a timer rather than on each Read also catches a server that stalls.
type watchdog struct {
	mu      sync.Mutex
	timer   *time.Timer
	stopped bool
}

func startWatchdog(c *countingReader, rate int64, window time.Duration, cancel context.CancelCauseFunc) *watchdog {
	w := &watchdog{}
	if rate <= 0 {
		return w
	}
	need := int64(float64(rate) * window.Seconds())
	var last int64
	var check func()
	check = func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.stopped {
			return
		}
		got := c.n.Load()
		if got-last < need {
			cancel(fmt.Errorf("%w: %d bytes in %s, want %d", ErrTooSlow, got-last, window, need))
			return
		}
		last = got
		w.timer.Reset(window)
	}
	w.mu.Lock()
	w.timer = time.AfterFunc(window, check)
	w.mu.Unlock()
	return w
}

func (w *watchdog) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
	if w.timer != nil {
		w.timer.Stop()
	}
}

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/internal/warcgen"
)

func init() {
	benchKinds["warc-rss"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"peak memory of ingest over generated WARCs of two sizes", benchWARCRSS}
}

// rssRun is what one child ingest of one archive measured.
type rssRun struct {
	archive  string
	bytes    int64
	records  int64
	seconds  float64
	peakAt   [2]int64 // VmHWM in KiB once 10% and 50% of the archive were read
	peak     int64    // the child's maximum RSS in KiB, from the kernel at exit
	articles int
}

func benchWARCRSS(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("bench warc-rss", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	sizeFlag := fs.String("size", "1GB", "archive size (B, KB, MB, GB); a second archive a tenth of it is measured too")
	pageKB := fs.Int("page-kb", 170, "pad each page with boilerplate to about this many KB (the benchmark pages average 174 KB)")
	workers := fs.Int("workers", 0, "ingest workers (0: one per core)")
	compress := fs.Bool("gzip", false, "write .warc.gz (one gzip member per record) instead of .warc")
	dir := fs.String("out", "", "folder for the archives, stores and logs (default: a temporary folder, removed)")
	bin := fs.String("bin", "", "detente binary to run the ingest with (default: this one)")
	timeout := fs.Duration("timeout", 3*time.Hour, "give up (and kill the ingest) after this long")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: detente bench warc-rss [--size 1GB] [--page-kb 170] [--workers N]

Writes two WARC archives of distinct synthetic articles (the demo pages with
unique URLs and canonical links, padded with boilerplate), one of --size and
one a tenth of it, streaming them to disk; then ingests each in a child
"detente ingest" process into a fresh SQLite file, sampling the child's
VmRSS and VmHWM from /proc. Prints the peak RSS once 10% and 50% of the
archive were read and at the end: flat when memory does not grow with the
archive.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	size, err := parseSize(*sizeFlag)
	if err != nil {
		return fmt.Errorf("bench warc-rss: --size: %w", err)
	}
	if *bin == "" {
		if *bin, err = os.Executable(); err != nil {
			return fmt.Errorf("bench warc-rss: find own binary: %w", err)
		}
	}
	out := *dir
	if out == "" {
		if out, err = os.MkdirTemp("", "detente-bench-rss-"); err != nil {
			return fmt.Errorf("bench warc-rss: %w", err)
		}
		defer os.RemoveAll(out)
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("bench warc-rss: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	var runs []rssRun
	for _, sz := range []int64{size / 10, size} {
		name := filepath.Join(out, fmt.Sprintf("gen-%d.warc", sz))
		if *compress {
			name += ".gz"
		}
		recs, err := generateWARC(ctx, name, sz, *pageKB<<10, *compress)
		if err != nil {
			return fmt.Errorf("bench warc-rss: %w", err)
		}
		e.log.Info("bench warc-rss archive written", "url", name, "records", recs)
		r, err := ingestRSS(ctx, *bin, name, *workers)
		if err != nil {
			return fmt.Errorf("bench warc-rss: %w", err)
		}
		r.records = recs
		runs = append(runs, r)
		e.log.Info("bench warc-rss ingest done", "url", name, "seconds", r.seconds, "peak_rss_kib", r.peak)
	}
	return writeRSSTable(e.stdout, runs)
}

// parseSize reads "1GB", "300MB", "512KB" or a byte count (powers of
// 1024), up to 2^50 bytes.
func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, suf := range []struct {
		name string
		mult int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(u, suf.name) {
			u, mult = strings.TrimSuffix(u, suf.name), suf.mult
			break
		}
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(u), 64)
	size := n * float64(mult)
	if err != nil || !(size >= 1) || size > 1<<50 {
		return 0, fmt.Errorf("%q: want a size from 1B to 1024TB, such as 1GB or 300MB", s)
	}
	return int64(size), nil
}

// generateWARC streams distinct articles to path until it holds at least
// size bytes; it returns the records written. The loop is bounded by a
// record count (every record is far larger than 100 bytes) and by ctx.
func generateWARC(ctx context.Context, path string, size int64, pageBytes int, compress bool) (int64, error) {
	pages, err := demo.Pages()
	if err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := warcgen.New(bw, compress)
	for i := 0; w.Written() < size && i <= int(size/100); i++ {
		if err := ctx.Err(); err != nil {
			f.Close()
			return 0, fmt.Errorf("write %s: %w", path, err)
		}
		p := warcgen.Unique(pages[i%len(pages)], i)
		if err := w.WriteResponse(p.URL, p.Fetched, warcgen.Pad(p.Body, pageBytes)); err != nil {
			f.Close()
			return 0, fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := errors.Join(bw.Flush(), f.Close()); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	return w.Records(), nil
}

// ingestRSS runs "bin ingest" over archive into a fresh store beside it,
// sampling the child's memory and read position every 100 ms until it
// exits or ctx ends.
func ingestRSS(ctx context.Context, bin, archive string, workers int) (rssRun, error) {
	fi, err := os.Stat(archive)
	if err != nil {
		return rssRun{}, err
	}
	r := rssRun{archive: archive, bytes: fi.Size()}
	db := archive + ".db"
	logPath := archive + ".log"
	logf, err := os.Create(logPath)
	if err != nil {
		return r, err
	}
	defer logf.Close()
	cmd := exec.CommandContext(ctx, bin, "ingest", "--db", db, "--workers", strconv.Itoa(workers), archive)
	cmd.Stdout, cmd.Stderr = logf, logf
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return r, fmt.Errorf("start ingest of %s: %w", archive, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	waitErr := r.sample(cmd.Process.Pid, archive, exited)
	r.seconds = time.Since(start).Seconds()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = ru.Maxrss // KiB on Linux
	}
	if waitErr != nil {
		return r, fmt.Errorf("ingest of %s: %w (log: %s)", archive, waitErr, logPath)
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return r, err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return r, fmt.Errorf("stats of %s: %w", db, err)
	}
	r.articles = s.Articles
	return r, nil
}

// sample polls process pid every 100 ms until it exits (ctx, which kills
// it, bounds the wait), noting its VmHWM once its read position in archive
// passes 10% and 50%. It returns the process's exit error.
func (r *rssRun) sample(pid int, archive string, exited <-chan error) error {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	fd := ""
	for {
		select {
		case err := <-exited:
			return err
		case <-tick.C:
		}
		if fd == "" {
			fd = openFD(pid, archive)
		}
		pos := readPos(pid, fd)
		_, hwm := procMemory(pid)
		for i, frac := range []int64{10, 50} {
			if r.peakAt[i] == 0 && pos*100 >= frac*r.bytes {
				r.peakAt[i] = hwm
			}
		}
	}
}

// openFD finds the descriptor by which process pid reads path; "" until
// it has opened it.
func openFD(pid int, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range ents {
		if target, err := os.Readlink(filepath.Join(dir, e.Name())); err == nil && target == abs {
			return e.Name()
		}
	}
	return ""
}

// readPos returns the file offset of descriptor fd of process pid: how far
// the reader got into the archive. 0 when unknown.
func readPos(pid int, fd string) int64 {
	if fd == "" {
		return 0
	}
	v, _ := procField(fmt.Sprintf("/proc/%d/fdinfo/%s", pid, fd), "pos:")
	return v
}

// procMemory returns VmRSS and VmHWM of process pid in KiB; zeros when the
// process is gone.
func procMemory(pid int) (rss, hwm int64) {
	path := fmt.Sprintf("/proc/%d/status", pid)
	rss, _ = procField(path, "VmRSS:")
	hwm, _ = procField(path, "VmHWM:")
	return rss, hwm
}

// procField reads the first number after key in a /proc file.
func procField(path, key string) (int64, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, key); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				return 0, false
			}
			n, err := strconv.ParseInt(f[0], 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

func writeRSSTable(w io.Writer, runs []rssRun) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "archive\tMB\trecords\tarticles\tseconds\tpages/s\tpeak RSS MB @10%\t@50%\t@100%\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%.0f\t%d\t%d\t%.0f\t%.1f\t%.0f\t%.0f\t%.0f\t\n", filepath.Base(r.archive),
			float64(r.bytes)/(1<<20), r.records, r.articles, r.seconds, float64(r.records)/r.seconds,
			float64(r.peakAt[0])/1024, float64(r.peakAt[1])/1024, float64(r.peak)/1024)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

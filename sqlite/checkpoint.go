package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// The write connection does not checkpoint the write-ahead log itself
// (wal_autocheckpoint(0)): a commit that crossed SQLite's threshold of
// 1,000 pages copied them into the database file and synced it before the
// commit returned, which on a large file is most of the time a writer
// waits on (1 M events: 61 % of its time blocked in system calls, the
// ingest into the store 0.23–0.31× the rate into an empty one, and 0.34–
// 0.36× with no checkpoint at all). A checkpointer on its own connection
// copies the log into the file in the background instead, a pass every
// checkpointEvery, so the writer keeps writing while it does.

// checkpointEvery is how often the checkpointer copies what the log holds
// into the database file.
const checkpointEvery = 200 * time.Millisecond

// walLimit is how many pages the log may hold after a pass that readers
// kept from finishing (a pass copies only what no reader still reads in
// the log) before the checkpointer waits for them and starts the log over
// (RESTART), which holds the next writes back until it has: the log does
// not grow without bound under a steady stream of reads.
const walLimit = 16384 // 64 MiB of 4 KiB pages

// checkpointer copies the write-ahead log of one database into its file
// until stopped.
type checkpointer struct {
	db      *sql.DB
	stop    chan struct{}
	done    sync.WaitGroup
	stopped sync.Once
}

// startCheckpointer opens a connection to the database at path, with the
// busy timeout common, and checkpoints its log every interval.
func startCheckpointer(path, common string, interval time.Duration) (*checkpointer, error) {
	db, err := sql.Open("sqlite", path+"?"+common)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	c := &checkpointer{db: db, stop: make(chan struct{})}
	c.done.Add(1)
	go c.run(interval)
	return c, nil
}

// run checkpoints every interval until stop is closed.
func (c *checkpointer) run(interval time.Duration) {
	defer c.done.Done()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
			if err := c.pass(context.Background()); err != nil {
				// The next pass tries again; the log keeps what it
				// could not copy, so nothing is lost.
				slog.Warn("sqlite checkpoint", "err", err)
			}
		}
	}
}

// pass copies into the database file what no reader still reads in the
// log (PASSIVE), and when more than walLimit pages are left, waits for
// the readers and starts the log over (RESTART).
func (c *checkpointer) pass(ctx context.Context) error {
	left, err := c.checkpoint(ctx, "PASSIVE")
	if err != nil || left <= walLimit {
		return err
	}
	_, err = c.checkpoint(ctx, "RESTART")
	return err
}

// checkpoint runs a checkpoint of mode and returns how many pages of the
// log it left uncopied.
func (c *checkpointer) checkpoint(ctx context.Context, mode string) (int, error) {
	var busy, frames, copied int
	if err := c.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(`+mode+`)`).Scan(&busy, &frames, &copied); err != nil {
		return 0, fmt.Errorf("checkpoint (%s): %w", mode, err)
	}
	return max(frames-copied, 0), nil
}

// Close stops the checkpointer after its pass in progress, if any, and
// closes its connection; the log's last pages are copied when the store's
// last connection closes.
func (c *checkpointer) Close() error {
	c.stopped.Do(func() { close(c.stop) })
	c.done.Wait()
	return c.db.Close()
}

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// The write connection checkpoints the write-ahead log itself only when
// the log holds walLimit pages (wal_autocheckpoint): a commit that crossed
// SQLite's default threshold of 1,000 pages copied them into the database
// file and synced it before the commit returned, 61 % of the time the
// ingest's writer spent blocked in system calls on a store of 1 M events.
// A checkpointer on its own connection copies the log into the file in the
// background instead, every checkpointEvery, and the writer keeps writing
// meanwhile: ingest into that store went from 0.27–0.34× the rate into an
// empty one to 0.33–0.43× (68–93 pages/s to 88–116, six alternations).
//
// The writer's own checkpoint at walLimit is what keeps the log from
// growing without end: SQLite starts the log over only at a write that
// begins with the whole log copied, which a writer that never pauses
// rarely finds after a checkpoint run by another connection (generating a
// store of 1 M events, the log reached 5 GB in its first minute). At
// walLimit the writer's commit copies what the checkpointer has not yet
// (little: it runs every checkpointEvery) and its next write starts the
// log over unless a reader still reads it.

// walLimit is the size of the write-ahead log, in pages, at which the
// writer's commit checkpoints it: 64 MiB of 4 KiB pages.
const walLimit = 16384

// checkpointEvery is how often the checkpointer copies what the log holds
// into the database file.
const checkpointEvery = 200 * time.Millisecond

// checkpointer copies the write-ahead log of one database into its file
// until stopped.
type checkpointer struct {
	db      *sql.DB
	stop    chan struct{}
	done    sync.WaitGroup
	stopped sync.Once
}

// startCheckpointer opens a connection to the database at path, with the
// busy timeout common, and checkpoints its log every checkpointEvery.
func startCheckpointer(path, common string) (*checkpointer, error) {
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
	go c.run()
	return c, nil
}

// run checkpoints every checkpointEvery until stop is closed.
func (c *checkpointer) run() {
	defer c.done.Done()
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
			if err := c.checkpoint(context.Background()); err != nil {
				// The next pass tries again; the log keeps what it
				// could not copy, so nothing is lost.
				slog.Warn("sqlite checkpoint", "err", err)
			}
		}
	}
}

// checkpoint copies into the database file what no reader still reads in
// the log (PASSIVE, as SQLite's own checkpoints at commit were): it waits
// for no one, and a writer that finds the whole log copied and no reader
// in it starts the log over. Under readers that never let go the log
// grows, as it did before.
func (c *checkpointer) checkpoint(ctx context.Context) error {
	if _, err := c.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// Close stops the checkpointer after its pass in progress, if any, and
// closes its connection; the log's last pages are copied when the store's
// last connection closes.
func (c *checkpointer) Close() error {
	c.stopped.Do(func() { close(c.stop) })
	c.done.Wait()
	return c.db.Close()
}

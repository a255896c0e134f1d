// Package crashpoint kills the process at a named point of its work when
// the environment asks for it, so that tests can crash detente exactly
// where a kill -9 or a power cut would hurt most, and check that a later
// run repairs everything.
//
// A point is armed by the environment variable DETENTE_CRASHPOINT set to
// its name, or to name@N to crash at its Nth hit (N from 1). When unset,
// as in every normal run, Hit is a comparison with an empty string.
//
// The points are:
//
//	stored        pipeline: a batch of documents is stored, its pages not yet
//	              checkpointed or acknowledged, tension not yet updated
//	tension-pair  tension: one pair's days and alerts are stored, the other
//	              pairs of the update or rebuild not yet
//	acked         queue worker: an item was acknowledged to the queue
//	delivered     alerts: a webhook answered 2xx, the delivery is not yet
//	              recorded as done
package crashpoint

import (
	"os"
	"strconv"
	"strings"
	"sync/atomic"
)

// Env is the environment variable that arms a crash point.
const Env = "DETENTE_CRASHPOINT"

var (
	armed string // the armed point's name; "" when none
	at    int64  = 1
	hits  atomic.Int64
)

func init() { armed, at = parse(os.Getenv(Env)) }

// parse reads name or name@N; a count that is not a positive number arms
// nothing, so that a typo never crashes a run at the wrong place.
func parse(v string) (string, int64) {
	name, count, found := strings.Cut(strings.TrimSpace(v), "@")
	if !found {
		return name, 1
	}
	n, err := strconv.ParseInt(count, 10, 64)
	if err != nil || n < 1 {
		return "", 1
	}
	return name, n
}

// Hit kills the process, as SIGKILL does (no deferred call runs, nothing
// is flushed), if name is the armed point and this is its armed hit.
// Functions in before run first: they make the state the point stands
// for true on the other side, such as flushing an acknowledgement to the
// queue server.
func Hit(name string, before ...func()) {
	if armed == "" || name != armed || hits.Add(1) != at {
		return
	}
	for _, f := range before {
		f()
	}
	p, err := os.FindProcess(os.Getpid())
	if err == nil {
		_ = p.Kill()
	}
	select {} // the signal is on its way
}

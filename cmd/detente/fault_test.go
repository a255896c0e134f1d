package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/crashpoint"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/internal/sqlstore"
	"github.com/detente-project/detente/source"
)

// faultRow is one row of the fault table: a way of running detente, a
// store, and the crash point where the run is killed.
type faultRow struct {
	mode  string // ingest, rebuild, push, deliver, watch, worker
	store string // sqlite, postgres
	point string // crashpoint name@hit
}

// TestFaultTable kills detente (SIGKILL, at a named crash point, see
// internal/crashpoint) in every mode over both stores, lets a later run
// recover as a user would (run the command again, restart the server or
// the worker), and compares every table, derived tension tables and alerts
// included, row for row with an uninterrupted ingest of the same records.
// The columns compared leave out only what records when a row was written
// (fetch and creation times, row IDs of the full-text index).
func TestFaultTable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs detente about thirty times")
	}
	bin := buildDetente(t)
	recs, jsonl := demoRecords(t)
	rows := []faultRow{
		{"ingest", "sqlite", "stored@2"},
		{"ingest", "sqlite", "tension-pair@5"},
		{"ingest", "postgres", "stored@2"},
		{"ingest", "postgres", "tension-pair@5"},
		{"rebuild", "sqlite", "tension-pair@5"},
		{"rebuild", "postgres", "tension-pair@5"},
		{"push", "sqlite", "stored@2"},
		{"push", "postgres", "stored@2"},
		{"push", "sqlite", "tension-pair@3"},
		{"deliver", "sqlite", "delivered@2"},
		{"deliver", "postgres", "delivered@2"},
		{"deliver", "sqlite", "tension-pair@3"},
		{"deliver", "postgres", "tension-pair@3"},
		{"watch", "sqlite", "stored@2"},
		{"watch", "postgres", "stored@2"},
		{"watch", "sqlite", "tension-pair@3"},
		{"worker", "sqlite", "acked@40"},
		{"worker", "postgres", "acked@40"},
		{"worker", "postgres", "stored@2"},
	}
	want := map[string]tableDump{}
	for _, store := range []string{"sqlite", "postgres"} {
		db := newDB(t, store, "fault_ref")
		run(t, bin, nil, "ingest", "--db", db, jsonl)
		want[store] = dumpTables(t, db)
		if n := len(want[store]["articles"]); n != len(recs) {
			t.Fatalf("reference ingest on %s stored %d articles, want %d", store, n, len(recs))
		}
	}
	// Deliveries need a subscriber: their reference is a server that
	// delivers every alert of the pushed records without a crash. A watch
	// reads the first pages from a feed, under the feed site's URLs (a
	// second apart, as the polite fetcher asks one host): its reference is
	// a watch that is not killed.
	const feedPages = 20
	delivered, watched, worked := map[string]tableDump{}, map[string]tableDump{}, map[string]tableDump{}
	site := newDemoFeedSite(t, feedPages)
	feeds := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(feeds, []byte(site.srv.URL+"/feed.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, store := range []string{"sqlite", "postgres"} {
		db := newDB(t, store, "fault_deliver_ref")
		deliverThroughCrash(t, bin, db, nil, recs)
		delivered[store] = dumpTables(t, db)
		db = newDB(t, store, "fault_watch_ref")
		watchThroughCrash(t, bin, db, nil, feeds, feedPages)
		watched[store] = dumpTables(t, db)
		// A queue worker's reference is a worker that is not killed: over
		// PostgreSQL it keeps the shared story index, which ingest does
		// not use.
		db = newDB(t, store, "fault_worker_ref")
		workThroughCrash(t, bin, db, nil, jsonl, len(recs))
		worked[store] = dumpTables(t, db)
	}
	for _, row := range rows {
		t.Run(row.mode+"/"+row.store+"/"+row.point, func(t *testing.T) {
			// Rows spend much of their time waiting (a restarted server
			// retries a delivery once its dead claim's lease is over).
			t.Parallel()
			db := newDB(t, row.store, "fault")
			ref := want[row.store]
			env := []string{crashpoint.Env + "=" + row.point}
			switch row.mode {
			case "ingest":
				mustBeKilled(t, runProcess(t, bin, env, "ingest", "--workers", "1", "--db", db, jsonl))
				t.Logf("killed with %d of %d articles stored", articleCount(t, db), len(recs))
				run(t, bin, nil, "ingest", "--db", db, jsonl)
			case "rebuild":
				run(t, bin, nil, "ingest", "--db", db, jsonl)
				mustBeKilled(t, runProcess(t, bin, env, "rebuild", "--db", db))
				// Any later run repairs what the rebuild left half done;
				// this one has nothing new to store.
				run(t, bin, nil, "ingest", "--db", db, jsonl)
			case "push":
				pushThroughCrash(t, bin, db, env, recs)
			case "deliver":
				deliverThroughCrash(t, bin, db, env, recs)
				ref = delivered[row.store]
			case "watch":
				watchThroughCrash(t, bin, db, env, feeds, feedPages)
				ref = watched[row.store]
			case "worker":
				workThroughCrash(t, bin, db, env, jsonl, len(recs))
				ref = worked[row.store]
			default:
				t.Fatalf("unknown mode %q", row.mode)
			}
			got := dumpTables(t, db)
			if os.Getenv("DBG") != "" {
				exec.Command("cp", db, "/tmp/scr/dbg-"+row.store+".db").Run()
			}
			if diff := got.diff(ref); diff != "" {
				t.Errorf("after the crash and recovery the tables differ from an uninterrupted ingest:\n%s", diff)
			} else {
				t.Logf("identical to the uninterrupted run: %s", got.summary())
			}
		})
	}
}

// newDB returns a fresh database of the store: a SQLite file or a
// PostgreSQL schema.
func newDB(t *testing.T, store, name string) string {
	t.Helper()
	if store == "postgres" {
		return pgtest.URL(t, name)
	}
	return filepath.Join(t.TempDir(), name+".db")
}

// run runs detente to completion and fails the test unless it succeeds.
func run(t *testing.T, bin string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("detente %s: %v\n%s", strings.Join(args, " "), err, tail(out))
	}
}

// runProcess runs detente to its end, whatever it is, and returns how it
// ended and what it printed.
func runProcess(t *testing.T, bin string, env []string, args ...string) processEnd {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return processEnd{err: err, output: out, what: "detente " + strings.Join(args, " ")}
}

type processEnd struct {
	err    error
	output []byte
	what   string
}

// mustBeKilled fails the test unless the process died by SIGKILL: a row
// whose crash point was never reached tests nothing.
func mustBeKilled(t *testing.T, p processEnd) {
	t.Helper()
	if !killed(p.err) {
		t.Fatalf("%s ended with %v, not killed at its crash point\n%s", p.what, p.err, tail(p.output))
	}
}

// killed reports whether a process's exit error is death by SIGKILL.
func killed(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

func tail(out []byte) []byte {
	if len(out) > 4000 {
		return out[len(out)-4000:]
	}
	return out
}

// crashingServer is a "detente serve" armed to crash, as a client sees
// it: when the server dies at its crash point, it is started again,
// disarmed, on the same store.
type crashingServer struct {
	t         *testing.T
	bin, db   string
	args, env []string
	s         *servingProcess
	crashed   bool
}

func startCrashing(t *testing.T, bin, db string, args, env []string) *crashingServer {
	t.Helper()
	return &crashingServer{t: t, bin: bin, db: db, args: args, env: env, crashed: env == nil,
		s: startServeWith(t, bin, db, args, env)}
}

// restart waits for the armed server's end, which must be its crash, and
// starts it again.
func (c *crashingServer) restart() {
	c.t.Helper()
	if err := <-c.s.exit; !killed(err) {
		c.t.Fatalf("serve ended with %v, not killed at its crash point\n%s", err, c.s.stderr)
	}
	c.crashed = true
	c.s = startServeWith(c.t, c.bin, c.db, c.args, nil)
}

// restartIfDead restarts the server if it has crashed by now.
func (c *crashingServer) restartIfDead() {
	c.t.Helper()
	if !c.crashed && processGone(c.s) {
		c.restart()
	}
}

// push pushes recs as a client that retries what was not acknowledged: a
// request that fails because the server died is sent again to the
// restarted server.
func (c *crashingServer) push(recs []source.Record) {
	c.t.Helper()
	const per = 5
	for i := 0; i < len(recs); {
		body, err := json.Marshal(recs[i:min(i+per, len(recs))])
		if err != nil {
			c.t.Fatal(err)
		}
		status, answer, err := c.s.tryPost(body)
		if err != nil {
			if c.crashed {
				c.t.Fatalf("push to the restarted server: %v", err)
			}
			c.restart()
			continue
		}
		if status != http.StatusAccepted {
			c.t.Fatalf("push of records %d…: %d %s", i, status, answer)
		}
		i += per
	}
}

// stop ends the (restarted) server with SIGTERM, which must exit 0.
func (c *crashingServer) stop() {
	c.t.Helper()
	if err := c.s.stop(c.t, syscall.SIGTERM); err != nil {
		c.t.Fatalf("serve after SIGTERM: %v\n%s", err, c.s.stderr)
	}
}

// pushThroughCrash pushes recs to a server armed to crash and waits until
// the restarted server has stored everything, then stops it.
func pushThroughCrash(t *testing.T, bin, db string, env []string, recs []source.Record) {
	t.Helper()
	c := startCrashing(t, bin, db, nil, env)
	c.push(recs)
	// The crash may come after the last push, while the server stores
	// what it acknowledged.
	for deadline := time.Now().Add(2 * time.Minute); !c.crashed || articleCount(t, db) < len(recs); time.Sleep(100 * time.Millisecond) {
		c.restartIfDead()
		if time.Now().After(deadline) {
			t.Fatalf("after 2 minutes: %d of %d articles stored, crashed %v\n%s", articleCount(t, db), len(recs), c.crashed, c.s.stderr)
		}
	}
	c.stop()
}

// deliverThroughCrash runs a server that delivers alerts to a webhook on
// this machine, pushes recs, and waits until every alert is delivered.
// With env armed, the server is killed right after a webhook answered and
// before the delivery was recorded; the restarted server must deliver
// that alert again (at least once), and every other.
func deliverThroughCrash(t *testing.T, bin, db string, env []string, recs []source.Record) {
	t.Helper()
	var mu sync.Mutex
	received := map[string]int{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p struct {
			Alert struct {
				ID string `json:"id"`
			} `json:"alert"`
		}
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil || p.Alert.ID == "" {
			t.Errorf("webhook got a body without an alert ID: %v", err)
		}
		mu.Lock()
		received[p.Alert.ID]++
		mu.Unlock()
	}))
	defer hook.Close()
	c := startCrashing(t, bin, db, []string{"--allow-private"}, env)
	sub := fmt.Sprintf(`{"url":%q,"secret":"fault-table-secret-0123456789"}`, hook.URL)
	req, err := http.NewRequest(http.MethodPost, c.s.base+"/api/v1/subscriptions", strings.NewReader(sub))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+pushToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create subscription: %s", resp.Status)
	}
	c.push(recs)

	undelivered := func() (alerts, open int) {
		conn := openDump(t, db)
		defer conn.Close()
		_ = conn.QueryRow("SELECT count(*) FROM tension_alerts").Scan(&alerts)
		_ = conn.QueryRow("SELECT count(*) FROM tension_deliveries WHERE status <> 'done'").Scan(&open)
		return alerts, open
	}
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		c.restartIfDead()
		alerts, open := undelivered()
		mu.Lock()
		got := len(received)
		mu.Unlock()
		if c.crashed && alerts > 0 && open == 0 && got == alerts && articleCount(t, db) == len(recs) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 2 minutes: %d alerts, %d deliveries open, %d alerts received, crashed %v\n%s",
				alerts, open, got, c.crashed, c.s.stderr)
		}
	}
	c.stop()
	t.Logf("%d alerts delivered, %d of them more than once", len(received), func() (n int) {
		for _, c := range received {
			if c > 1 {
				n++
			}
		}
		return n
	}())
}

// processGone reports, without waiting, whether the server process has
// ended; its exit is put back for restart to read.
func processGone(s *servingProcess) bool {
	select {
	case err := <-s.exit:
		s.exit <- err
		return true
	default:
		return false
	}
}

// watchThroughCrash runs "detente watch" over the feeds file: armed, until
// it dies at its crash point; then (or at once, unarmed) a watch that runs
// until every one of the feed's n pages is stored, and is interrupted.
func watchThroughCrash(t *testing.T, bin, db string, env []string, feeds string, n int) {
	t.Helper()
	args := []string{"watch", "--feeds", feeds, "--db", db, "--allow-private", "--interval", "1m", "--workers", "1"}
	if env != nil {
		runArmed(t, bin, env, args...)
		t.Logf("watch killed with %d of %d articles stored", articleCount(t, db), n)
	}
	runUntilStored(t, bin, db, n, args...)
}

// runArmed runs detente armed with env's crash point, which must kill it
// within 2 minutes.
func runArmed(t *testing.T, bin string, env []string, args ...string) {
	t.Helper()
	armed := exec.Command(bin, args...)
	armed.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	armed.Stdout, armed.Stderr = &out, &out
	if err := armed.Start(); err != nil {
		t.Fatal(err)
	}
	exit := make(chan error, 1)
	go func() { exit <- armed.Wait() }()
	select {
	case err := <-exit:
		mustBeKilled(t, processEnd{err: err, output: out.Bytes(), what: "detente " + args[0]})
	case <-time.After(2 * time.Minute):
		_ = armed.Process.Kill()
		<-exit
		t.Fatalf("detente %s did not reach its crash point in 2 minutes\n%s", args[0], tail(out.Bytes()))
	}
}

// runUntilStored runs detente until db holds n articles, then interrupts
// it: it must stop, with status 0, within a minute.
func runUntilStored(t *testing.T, bin, db string, n int, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exit := make(chan error, 1)
	go func() { exit <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	for deadline := time.Now().Add(2 * time.Minute); articleCount(t, db) < n; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after 2 minutes detente %s stored %d of %d articles\n%s", args[0], articleCount(t, db), n, tail(stderr.Bytes()))
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exit:
		if err != nil {
			t.Fatalf("detente %s after an interrupt: %v\n%s", args[0], err, tail(stderr.Bytes()))
		}
	case <-time.After(time.Minute):
		t.Fatalf("detente %s did not stop within a minute of an interrupt", args[0])
	}
}

// workThroughCrash enqueues the records of jsonl on a stream of the
// test's own and runs "detente worker" over it: armed, until it dies at its
// crash point; then (or at once, unarmed) a worker that runs until all n
// articles are stored, and is interrupted. Items the killed worker held
// but had not acked come back after the ack wait, behind newer ones.
func workThroughCrash(t *testing.T, bin, db string, env []string, jsonl string, n int) {
	t.Helper()
	url, stream, subject := testQueue(t)
	q := []string{"--nats", url, "--stream", stream, "--subject", subject}
	run(t, bin, nil, append(append([]string{"enqueue"}, q...), jsonl)...)
	args := append(append([]string{"worker"}, q...), "--db", db, "--workers", "1", "--ack-wait", "2s")
	if env != nil {
		runArmed(t, bin, env, args...)
		t.Logf("worker killed with %d of %d articles stored", articleCount(t, db), n)
	}
	runUntilStored(t, bin, db, n, args...)
}

// articleCount counts the stored articles of a SQLite file or PostgreSQL
// schema; 0 while there is no store yet.
func articleCount(t *testing.T, db string) int {
	t.Helper()
	conn := openDump(t, db)
	if conn == nil {
		return 0
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM articles").Scan(&n); err != nil {
		return 0
	}
	return n
}

// openDump opens db for reading with database/sql; nil when a SQLite file
// does not exist yet.
func openDump(t *testing.T, db string) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", db+"?_pragma=busy_timeout(5000)&mode=ro"
	if strings.HasPrefix(db, "postgres://") {
		driver, dsn = "pgx", db
	} else if _, err := os.Stat(db); err != nil {
		return nil
	}
	conn, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", db, err)
	}
	return conn
}

// tableDump is every table's rows, each row its compared columns as text,
// sorted.
type tableDump map[string][]string

// volatile are the columns that record when or in which order a row was
// written, not what it says: they differ between any two runs.
var volatile = map[string][]string{
	"articles":              {"seq", "fetched"},
	"article_fingerprints":  {"seq"},
	"article_bands":         {"seq"},
	"sentences":             {"id"},
	"events":                {"sentence_id"}, // the row ID of its sentence, which article_id and sentence_idx name
	"tension_alerts":        {"created"},
	"tension_subscriptions": {"id", "created", "secret", "url"},
	"tension_deliveries":    {"id", "subscription_id", "attempts", "next_at", "last_error", "finished"},
	"state":                 {"updated"},
	"tension_revision":      {"n"}, // how many writes of the tension tables: retried ones count
}

// skipped tables: migrations bookkeeping, and the shared story index's
// working set (dedup/pgindex), whose rows are pruned when a worker starts
// and every thousand assignments, and whose aliases record the renames
// the arrival order made: what it decided is in the stories of the stored
// articles and events, which are compared.
func skippedTable(name string) bool {
	return name == "schema_migrations" || name == "migrations" || strings.Contains(name, "_fts") ||
		strings.HasPrefix(name, "sqlite_") || strings.HasPrefix(name, "story_")
}

// dumpTables reads every table of db.
func dumpTables(t *testing.T, db string) tableDump {
	t.Helper()
	conn := openDump(t, db)
	if conn == nil {
		t.Fatalf("no database at %s", db)
	}
	defer conn.Close()
	q := "SELECT name FROM sqlite_master WHERE type = 'table'"
	if strings.HasPrefix(db, "postgres://") {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	names, err := queryStrings(conn, q)
	if err != nil {
		t.Fatalf("list tables: %v", err)
	}
	d := tableDump{}
	for _, name := range names {
		if skippedTable(name) {
			continue
		}
		rows, err := dumpTable(conn, name)
		if err != nil {
			t.Fatalf("dump %s: %v", name, err)
		}
		if name == "state" {
			rows = slices.DeleteFunc(rows, func(r string) bool { return !strings.Contains(r, `key="tension:`) })
		}
		d[name] = rows
	}
	return d
}

func queryStrings(conn *sql.DB, q string) ([]string, error) {
	rows, err := conn.Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// folded are the tables compared by what they add up to, or in part:
// count_deltas (PostgreSQL) holds a row for each write, which readers
// sum; article_bands the rows of the days after its horizon's first,
// those the reads need: the writes skip the rows of articles already past
// the horizon and opening the store deletes those the news left past it,
// so that which of those are there depends on the order the articles
// came in.
var folded = map[string]string{
	"count_deltas": "SELECT sum(articles)::bigint AS articles, sum(sentences)::bigint AS sentences, " +
		"sum(events)::bigint AS events, sum(stories)::bigint AS stories FROM count_deltas",
	"article_bands": fmt.Sprintf("SELECT * FROM article_bands WHERE day > (SELECT max(day) FROM article_bands) - %d",
		sqlstore.BandHorizon/(24*time.Hour)),
}

// dumpTable reads a table's rows as "col=value col=value …", leaving out
// its volatile columns, sorted.
func dumpTable(conn *sql.DB, name string) ([]string, error) {
	q := "SELECT * FROM " + name
	if f, ok := folded[name]; ok {
		q = f
	}
	rows, err := conn.Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var b strings.Builder
		for i, c := range cols {
			if slices.Contains(volatile[name], c) {
				continue
			}
			fmt.Fprintf(&b, "%s=%s ", c, cell(vals[i]))
		}
		out = append(out, b.String())
	}
	slices.Sort(out)
	return out, rows.Err()
}

// cell formats a value the same way whatever the driver gave: floats to
// ten significant digits, so that sums taken in another order compare
// equal, and times in UTC.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return strconv.Quote(string(x))
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', 10, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', 10, 32)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

// diffWidth is how much of a differing row a diff shows.
const diffWidth = 400

// diff describes how d differs from want: tables missing or extra, and
// for each differing table its row counts and first differing rows.
func (d tableDump) diff(want tableDump) string {
	var b strings.Builder
	names := map[string]bool{}
	for n := range d {
		names[n] = true
	}
	for n := range want {
		names[n] = true
	}
	for _, n := range slices.Sorted(maps.Keys(names)) {
		got, exp := d[n], want[n]
		if slices.Equal(got, exp) {
			continue
		}
		fmt.Fprintf(&b, "table %s: %d rows, want %d\n", n, len(got), len(exp))
		shown := 0
		for _, r := range exp {
			if !slices.Contains(got, r) && shown < 3 {
				fmt.Fprintf(&b, "  missing %.*s\n", diffWidth, r)
				shown++
			}
		}
		shown = 0
		for _, r := range got {
			if !slices.Contains(exp, r) && shown < 3 {
				fmt.Fprintf(&b, "  extra   %.*s\n", diffWidth, r)
				shown++
			}
		}
	}
	return b.String()
}

// summary counts the rows compared, by table.
func (d tableDump) summary() string {
	var parts []string
	for _, n := range slices.Sorted(maps.Keys(d)) {
		parts = append(parts, fmt.Sprintf("%s %d", n, len(d[n])))
	}
	return strings.Join(parts, ", ")
}

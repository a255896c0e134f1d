package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	dhttp "github.com/detente-project/detente/http"
	"github.com/detente-project/detente/pipeline"
	"github.com/detente-project/detente/tension"
)

func init() {
	benchKinds["scale"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"API and dashboard latency under concurrent clients, and ingest rate, over a generated store of N events", benchScale}
}

// scaleOptions are the flags of "detente bench scale".
type scaleOptions struct {
	events      int
	db          string
	clients     int
	duration    time.Duration
	maxRequests int
	solo        int
	seed        uint64
	years       int
	inDayOrder  bool
	cacheTTL    time.Duration
	reads       int
	only        map[string]bool
	cpuProfile  string
	ingestProf  string
	json        bool
	writers     int
	reuse       bool
	// ingest measures the ingest of the demo pages into the store: by
	// default into a generated one, with --reuse only when asked.
	ingest       bool
	ingestRounds int
}

// scaleResult is what one run measured; --json prints it.
type scaleResult struct {
	Events      int                       `json:"events"`
	Endpoints   map[string]endpointResult `json:"endpoints"`
	IngestRatio float64                   `json:"ingest_ratio"`
	Ingest      ingestResult              `json:"ingest"`
}

// endpointResult is the latency and rate of one endpoint under load.
type endpointResult struct {
	Kind     string  `json:"kind"` // api, page or search: which target applies
	P50      float64 `json:"p50_ms"`
	P95      float64 `json:"p95_ms"`
	P99      float64 `json:"p99_ms"`
	RPS      float64 `json:"rps"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	// SoloP50 is the median latency of the endpoint asked alone, one
	// request at a time, after the load: its cost without queueing.
	SoloP50 float64 `json:"solo_p50_ms"`
}

// targetP99 is the p99 latency each kind of endpoint should stay under
// at a million events on SQLite (issue 12), in milliseconds.
var targetP99 = map[string]float64{"api": 50, "page": 200, "search": 300}

func benchScale(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("bench scale", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var o scaleOptions
	fs.IntVar(&o.events, "events", 100_000, "events to generate (every event row, wire copies included)")
	fs.StringVar(&o.db, "db", "", "SQLite file to build (must not exist; kept afterwards), or a postgres:// URL: the store goes in the schema its search_path names (must not exist; kept afterwards), or without one in a fresh schema dropped at the end; default a temporary SQLite file")
	fs.IntVar(&o.clients, "clients", 64, "concurrent HTTP clients")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "how long the clients run")
	fs.IntVar(&o.maxRequests, "max-requests", 2_000_000, "stop the clients after this many requests in all, even before --duration")
	fs.IntVar(&o.solo, "solo", 20, "after the load, ask each endpoint this many times alone, one request at a time")
	seed := fs.Uint64("seed", 1, "seed of the generated store and of the clients' requests")
	fs.IntVar(&o.writers, "writers", 0, "transactions writing the generated store at once; 0: 1 for SQLite (one writer anyway), 4 for PostgreSQL")
	fs.IntVar(&o.years, "years", 3, "years of days the generated stories spread over")
	fs.BoolVar(&o.inDayOrder, "in-day-order", false, "date the generated stories in the order they are written, as news arrives, so that each month's rows lie together in their tables, instead of on random days (the same stories either way)")
	fs.DurationVar(&o.cacheTTL, "cache", 2*time.Second, "response cache TTL of the tension endpoints, as detente serve has it; 0 for none")
	fs.IntVar(&o.reads, "reads-at-once", 0, "reads the server computes at once, the others waiting their turn by kind, as detente serve --reads-at-once; 0: two per core, negative: no bound")
	only := fs.String("only", "", "comma-separated endpoint names to load (default all)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the load phase to this file")
	fs.StringVar(&o.ingestProf, "ingest-cpuprofile", "", "write CPU profiles of the ingest into the generated store (not the empty one) to this path with .0, .1 and on appended, four a round")
	fs.BoolVar(&o.reuse, "reuse", false, "load the store --db names (a SQLite file, or a postgres:// URL whose search_path names the schema), kept by an earlier run with the same --seed and --years, instead of generating one; --events is ignored and the ingest is not measured unless --ingest")
	fs.BoolVar(&o.ingest, "ingest", false, "measure the ingest of the demo pages into the store (default true for a generated store, false with --reuse); it writes them into the store, so a later measure on it ingests them as later news (see above)")
	fs.IntVar(&o.ingestRounds, "ingest-rounds", 1, "rounds of the demo pages the ingest measures, each the next span of news")
	fs.BoolVar(&o.json, "json", false, `print {"events":N,"endpoints":{NAME:{"p50_ms","p95_ms","p99_ms","rps",...}},"ingest_ratio":R,...}`)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: detente bench scale [--events N] [--db URL] [--clients 64] [--duration 20s] [--json]

Generates a synthetic store of N events (wire-copy stories over many
country pairs with Zipf-like popularity, over --years of days, each story
on a random day or, with --in-day-order, dated in the order written, as
news arrives; deterministic from --seed) through the store's bulk write
path, but for its last 30
days, written after it as an ingest writes them (the index pages the
next day's rows go to then have the room a grown store's have, not the
full pages of an index built by sorting), and rebuilds its tension
tables as "detente rebuild" does; serves it with the real HTTP server on
127.0.0.1; has --clients concurrent clients ask every API endpoint and
dashboard page in turn with varied filters for --duration; prints per
endpoint the p50, p95 and p99 latency and requests/s, and the median
latency of each asked alone after the load (--solo). Clients ask again as
soon as answered, so latency under load includes the queue: on average it
is clients / total requests/s. Then ingests the bundled demo pages into
that store and into an empty one, interleaved, --ingest-rounds times, and
prints the ratio of the two rates. The generated stories end the day
before the first demo page, so that the demo pages are the newest news, as
a growing store meets it. Each round is the next span of news after the
store's newest article: the demo pages as they are where it ends before
them, else those pages moved a whole number of steps of 18 weeks later
(the 123 days the corpus and the story index's window span, in whole
weeks), each then a distinct article (its URL and canonical link suffixed
"-copy-K") with its moved time given as the input's. So a kept store whose
ingest was measured before measures it again on news it does not hold,
and more rounds give a steadier ratio; the empty store holds the rounds
before, a few hundred articles. Later rounds are dated months and years
ahead, so a store measured so has sparse newest months, some after the
clock's, which its later reads meet. Any answer other than 2xx is reported
and fails the run.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("bench scale: unexpected arguments %q", fs.Args())
	}
	o.seed = *seed
	if !o.reuse && !flagSet(fs, "ingest") {
		o.ingest = true
	}
	switch {
	case o.reuse && o.db == "":
		return fmt.Errorf("bench scale: --reuse needs --db naming a SQLite file or PostgreSQL schema an earlier run kept")
	case o.reuse && isPostgres(o.db) && keptSchema(o.db) == "":
		return fmt.Errorf("bench scale: --reuse with PostgreSQL needs --db with ?search_path=SCHEMA naming the schema an earlier run kept")
	case o.events < 1:
		return fmt.Errorf("bench scale: --events %d: want at least 1", o.events)
	case o.clients < 1:
		return fmt.Errorf("bench scale: --clients %d: want at least 1", o.clients)
	case o.duration <= 0:
		return fmt.Errorf("bench scale: --duration %s: want a positive duration", o.duration)
	case o.maxRequests < 1:
		return fmt.Errorf("bench scale: --max-requests %d: want at least 1", o.maxRequests)
	case o.solo < 0:
		return fmt.Errorf("bench scale: --solo %d: want 0 or more", o.solo)
	case o.writers < 0:
		return fmt.Errorf("bench scale: --writers %d: want 0 or more", o.writers)
	case o.ingestRounds < 1:
		return fmt.Errorf("bench scale: --ingest-rounds %d: want at least 1", o.ingestRounds)
	case o.years < 1:
		return fmt.Errorf("bench scale: --years %d: want at least 1", o.years)
	}
	if *only != "" {
		o.only = map[string]bool{}
		known := endpointNames(scaleEndpoints(scaleTargetSet{alerts: []string{""}}))
		for n := range strings.SplitSeq(*only, ",") {
			n = strings.TrimSpace(n)
			if !slices.Contains(known, n) {
				// Before the store is generated, which takes minutes.
				return fmt.Errorf("bench scale: --only %q: no endpoint of that name (have %v)", n, known)
			}
			o.only[n] = true
		}
	}
	res, errs, err := runScale(ctx, e, o)
	if err != nil {
		return fmt.Errorf("bench scale: %w", err)
	}
	if o.json {
		enc := json.NewEncoder(e.stdout)
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else if err := writeScaleTable(e.stdout, o, res); err != nil {
		return err
	}
	if len(errs) > 0 {
		for _, s := range errs {
			fmt.Fprintln(e.stderr, "bench scale: failed request:", s)
		}
		failed := 0
		for _, r := range res.Endpoints {
			failed += r.Errors
		}
		return fmt.Errorf("bench scale: %d requests failed (first %d above)", failed, len(errs))
	}
	return nil
}

// scaleEnd is the last day of the generated stories: the day before the
// demo pages' first, so that the measured ingest of the demo pages is that
// of news newer than every stored article, as a store that grew by
// ingesting the news meets it, and what differs from the ingest into an
// empty store is the size of the store, not a backfill of its past.
func scaleEnd() time.Time {
	first, _ := demo.Window()
	return first.AddDate(0, 0, -1)
}

// runScale builds the store, loads it and measures ingest; it returns the
// results and examples of failed requests.
func runScale(ctx context.Context, e *env, o scaleOptions) (scaleResult, []string, error) {
	last := scaleEnd()
	start := last.AddDate(-o.years, 0, 1)
	days := int(last.Sub(start).Hours()/24) + 1
	g := newScaleGen(o.seed, start, days)
	g.inOrder = o.inDayOrder
	full, empty, cleanup, err := openScaleStores(ctx, o.db, o.reuse)
	if err != nil {
		return scaleResult{}, nil, err
	}
	defer cleanup()
	res := scaleResult{}
	if o.reuse {
		st, err := full.Stats(ctx)
		if err != nil {
			return scaleResult{}, nil, err
		}
		if st.Events == 0 {
			return scaleResult{}, nil, fmt.Errorf("--db %s holds no events: --reuse loads a store an earlier run generated", o.db)
		}
		res.Events = st.Events
		// As serve does at start: a build whose migrations rebuilt
		// indexes would otherwise be measured with no statistics, which
		// no server reads with.
		if err := full.Optimize(ctx); err != nil {
			return scaleResult{}, nil, err
		}
	} else if res.Events, err = generateScale(ctx, e, o, g, full); err != nil {
		return scaleResult{}, nil, err
	}
	// As serve does at start: the last days, written as an ingest writes
	// them, leave the full-text indexes in many segments.
	if m, ok := full.(searchMerger); ok {
		t0 := time.Now()
		merged, err := m.MergeSearch(ctx)
		if err != nil {
			return scaleResult{}, nil, err
		}
		if len(merged) > 0 {
			e.log.Info("bench scale: search index merged", "indexes", merged, "took", time.Since(t0).Round(time.Millisecond).String())
		}
	}
	targets, err := scaleTargets(ctx, full)
	if err != nil {
		return scaleResult{}, nil, err
	}
	var failures []string
	if res.Endpoints, failures, err = loadServer(ctx, e, o, full, g, targets); err != nil {
		return scaleResult{}, nil, err
	}
	if !o.ingest {
		return res, failures, nil
	}
	if res.Ingest, err = measureIngest(ctx, e, full, empty, o.ingestProf, o.ingestRounds); err != nil {
		return scaleResult{}, nil, err
	}
	if res.Ingest.EmptyRate > 0 {
		res.IngestRatio = res.Ingest.FullRate / res.Ingest.EmptyRate
	}
	return res, failures, nil
}

// generateScale writes o.events generated events into full through its
// bulk path and rebuilds its tension tables; it returns the events written.
func generateScale(ctx context.Context, e *env, o scaleOptions, g *scaleGen, full store) (int, error) {
	t0 := time.Now()
	nextLog, nextPrune := 0, 0
	var (
		articles, written int
		recent            [][]detente.Document
		pruneErr          error
	)
	err := full.BulkLoad(ctx, func() error {
		var err error
		articles, written, recent, err = scaleLoad(ctx, full, g, o.events, scaleWriters(o), func(n int) {
			if n >= nextLog {
				e.log.Info("bench scale: writing", "events", n, "of", o.events, "elapsed", time.Since(t0).Round(time.Second).String())
				nextLog = n + max(o.events/10, 1)
			}
			// As a server does daily: the band rows the years of news
			// leave past their horizon go as the news moves on.
			if n >= nextPrune && pruneErr == nil {
				_, pruneErr = full.PruneBands(ctx)
				nextPrune = n + max(o.events/(12*o.years), 1) // about monthly
			}
		}, g.recent)
		if err == nil {
			err = pruneErr
		}
		if err == nil {
			e.log.Info("bench scale: building indexes", "events", written, "elapsed", time.Since(t0).Round(time.Second).String())
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("generate store: %w", err)
	}
	e.log.Info("bench scale: writing the last days as an ingest does", "days", ingestedDays, "stories", len(recent),
		"elapsed", time.Since(t0).Round(time.Second).String())
	if err := writeStories(ctx, full, scaleWriters(o), storiesOf(recent), func() {}); err != nil {
		return 0, fmt.Errorf("generate store: the last %d days: %w", ingestedDays, err)
	}
	if _, err := full.PruneBands(ctx); err != nil {
		return 0, fmt.Errorf("generate store: %w", err)
	}
	e.log.Info("bench scale: written", "articles", articles, "events", written, "stories", g.story, "took", time.Since(t0).Round(time.Millisecond).String())
	t1 := time.Now()
	if err := full.Optimize(ctx); err != nil {
		return 0, err
	}
	var alerts int
	err = pipeline.RebuildTension(ctx, full, func(ctx context.Context) error {
		var err error
		// Not e.log: the rebuild logs every alert it finds.
		alerts, err = tension.NewUpdater(full, nil, tension.DefaultParams(), slog.New(slog.DiscardHandler)).Rebuild(ctx, full)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("rebuild tension: %w", err)
	}
	e.log.Info("bench scale: tension rebuilt", "alerts", alerts, "took", time.Since(t1).Round(time.Millisecond).String())
	return written, nil
}

// scaleWriters returns how many transactions write the generated store at
// once: several writers overlap PostgreSQL's work on one batch (its
// indexes, its text search vectors) with the generation and sending of
// others; SQLite has one writer.
func scaleWriters(o scaleOptions) int {
	switch {
	case o.writers > 0:
		return o.writers
	case isPostgres(o.db):
		return 4
	}
	return 1
}

// isPostgres says whether a --db names a PostgreSQL database.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openScaleStores opens the store to generate (with reuse, the kept one)
// and an empty one of the same kind for the ingest baseline, and returns a
// cleanup that closes both and removes what the bench made (a SQLite file
// named with --db, or a PostgreSQL schema named by its search_path, is
// kept).
func openScaleStores(ctx context.Context, db string, reuse bool) (full, empty store, cleanup func(), err error) {
	if isPostgres(db) {
		return openScalePostgres(ctx, db, reuse)
	}
	tmp, err := os.MkdirTemp("", "detente-bench-scale-")
	if err != nil {
		return nil, nil, nil, err
	}
	path := db
	_, statErr := os.Stat(path)
	switch {
	case path == "":
		path = filepath.Join(tmp, "scale.db")
	case reuse && statErr != nil:
		os.RemoveAll(tmp)
		return nil, nil, nil, fmt.Errorf("--db %s: %w (--reuse loads a file an earlier run kept)", path, statErr)
	case !reuse && statErr == nil:
		os.RemoveAll(tmp)
		return nil, nil, nil, fmt.Errorf("--db %s exists: bench scale builds its store afresh; give a path that does not exist", path)
	}
	if full, err = openStore(ctx, path); err != nil {
		os.RemoveAll(tmp)
		return nil, nil, nil, err
	}
	if empty, err = openStore(ctx, filepath.Join(tmp, "empty.db")); err != nil {
		full.Close()
		os.RemoveAll(tmp)
		return nil, nil, nil, err
	}
	return full, empty, func() {
		full.Close()
		empty.Close()
		os.RemoveAll(tmp)
	}, nil
}

// openScalePostgres opens the store to generate and an empty one in the
// database of base, each in a schema of its own, so that whatever else
// the database holds is neither read nor changed. The store to generate
// goes in the schema base's search_path names, which must not exist yet
// (with reuse: must exist) and is kept; without one, in a fresh schema
// the cleanup drops, as it drops the empty one's.
func openScalePostgres(ctx context.Context, base string, reuse bool) (full, empty store, cleanup func(), err error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("--db: %w", err)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("--db: %w", err)
	}
	prefix := fmt.Sprintf("detente_bench_scale_%d_%d", os.Getpid(), time.Now().UnixNano()%1_000_000)
	var made []string
	var opened []store
	drop := func() {
		for _, s := range opened {
			s.Close()
		}
		for _, schema := range made {
			// The schemas go even when ctx was cancelled.
			if _, err := admin.ExecContext(context.WithoutCancel(ctx), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
				fmt.Fprintf(os.Stderr, "bench scale: drop schema %s: %v\n", schema, err)
			}
		}
		admin.Close()
	}
	open := func(schema string) error {
		q := u.Query()
		q.Set("search_path", schema)
		su := *u
		su.RawQuery = q.Encode()
		st, err := openStore(ctx, su.String())
		if err != nil {
			return err
		}
		opened = append(opened, st)
		return nil
	}
	kept := keptSchema(base)
	if kept != "" {
		if !plainIdent.MatchString(kept) {
			drop()
			return nil, nil, nil, fmt.Errorf("--db: search_path %q: want one schema name of lower-case letters, digits and _", kept)
		}
		var exists bool
		if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", kept).Scan(&exists); err != nil {
			drop()
			return nil, nil, nil, fmt.Errorf("--db: look for schema %s: %w", kept, err)
		}
		switch {
		case reuse && !exists:
			drop()
			return nil, nil, nil, fmt.Errorf("--db: schema %s does not exist (--reuse loads a schema an earlier run kept)", kept)
		case !reuse && exists:
			drop()
			return nil, nil, nil, fmt.Errorf("--db: schema %s exists: bench scale builds its store afresh; name a schema that does not exist", kept)
		case !reuse:
			if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+kept); err != nil {
				drop()
				return nil, nil, nil, fmt.Errorf("create schema %s: %w", kept, err)
			}
		}
	}
	names := []string{kept, prefix + "_empty"}
	if kept == "" {
		names[0] = prefix + "_data"
	}
	for i, schema := range names {
		if i > 0 || kept == "" {
			if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
				drop()
				return nil, nil, nil, fmt.Errorf("create schema %s: %w", schema, err)
			}
			made = append(made, schema)
		}
		if err := open(schema); err != nil {
			drop()
			return nil, nil, nil, err
		}
	}
	return opened[0], opened[1], drop, nil
}

// plainIdent matches a PostgreSQL name that needs no quoting.
var plainIdent = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// keptSchema returns the schema a postgres:// --db names with its
// search_path, where the bench keeps its generated store; "" if none.
func keptSchema(db string) string {
	u, err := url.Parse(db)
	if err != nil {
		return ""
	}
	return u.Query().Get("search_path")
}

// scaleTargetSet holds stored IDs for the requests that name one.
type scaleTargetSet struct {
	events, articles, alerts []string
}

// scaleTargets samples event, article and alert IDs across the store:
// the newest, and a page from each of several months.
func scaleTargets(ctx context.Context, st store) (scaleTargetSet, error) {
	var t scaleTargetSet
	seen := map[string]bool{}
	add := func(f detente.EventFilter) error {
		page, err := st.Events(ctx, f)
		if err != nil {
			return fmt.Errorf("sample events: %w", err)
		}
		for _, ev := range page.Events {
			t.events = append(t.events, ev.ID)
			if !seen[ev.ArticleID] {
				seen[ev.ArticleID] = true
				t.articles = append(t.articles, ev.ArticleID)
			}
		}
		return nil
	}
	if err := add(detente.EventFilter{Limit: 200}); err != nil {
		return t, err
	}
	last := scaleEnd()
	for m := range 24 {
		to := last.AddDate(0, -m*2, 0)
		if err := add(detente.EventFilter{From: to.AddDate(0, 0, -3), To: to, Limit: 40}); err != nil {
			return t, err
		}
	}
	if len(t.events) == 0 {
		return t, errors.New("sample events: the generated store holds none")
	}
	as, err := st.Alerts(ctx, detente.AlertFilter{Limit: 200})
	if err != nil {
		return t, fmt.Errorf("sample alerts: %w", err)
	}
	for _, a := range as {
		t.alerts = append(t.alerts, a.ID)
	}
	return t, nil
}

// startScaleServer serves st with the real server on 127.0.0.1:0 until
// the returned stop is called, and returns its base URL.
func startScaleServer(ctx context.Context, e *env, o scaleOptions, st store) (base string, stop func() error, err error) {
	tuneGC() // as serve does
	srv := dhttp.NewServer(dhttp.Config{
		Reader:        st,
		Tension:       st,
		Subscriptions: st,
		Logger:        e.log,
		CacheTTL:      o.cacheTTL,
		Reads:         o.reads,
	})
	// What serve computes in the background as it starts is done before
	// the clients come, as it would be before a server's first visitors.
	if err := srv.Warm(ctx); err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen: %w", err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	return "http://" + ln.Addr().String(), func() error {
		cancel()
		return <-done
	}, nil
}

// writeScaleTable prints the endpoints' latencies, worst p99 against its
// target first within each kind, then the ingest rates.
func writeScaleTable(w io.Writer, o scaleOptions, r scaleResult) error {
	fmt.Fprintf(w, "%d events, %d clients for %s (response cache %s)\n\n", r.Events, o.clients, o.duration, o.cacheTTL)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "endpoint\tkind\trequests\terrors\tp50 ms\tp95 ms\tp99 ms\treq/s\tp99 target\t\talone p50 ms\t")
	for _, name := range endpointOrder(r.Endpoints) {
		x := r.Endpoints[name]
		verdict := "ok"
		if x.P99 >= targetP99[x.Kind] {
			verdict = "OVER"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.0f\t%s\t%.1f\t\n",
			name, x.Kind, x.Requests, x.Errors, x.P50, x.P95, x.P99, x.RPS, targetP99[x.Kind], verdict, x.SoloP50)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	in := r.Ingest
	if in.Pages == 0 {
		_, err := fmt.Fprintln(w, "\ningest not measured (--ingest=false, or --reuse without --ingest)")
		return err
	}
	_, err := fmt.Fprintf(w, "\ningest of %d demo pages in %d rounds: %.1f pages/s into this store, %.1f into an empty one: ratio %.2f (failed pages %d and %d; pipeline setup %.2fs and %.2fs)\n",
		in.Pages, len(in.Rounds), in.FullRate, in.EmptyRate, r.IngestRatio, in.FullFailed, in.EmptyFailed, in.FullSetup, in.EmptySetup)
	for _, x := range in.Rounds {
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "  the pages %d days later: %.1f pages/s into this store, %.1f into an empty one: ratio %.2f\n",
			x.ShiftDays, x.FullRate, x.EmptyRate, x.FullRate/x.EmptyRate)
	}
	return err
}

// profiled runs f under a CPU profile written to path.
func profiled(path string, f func() error) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		out.Close()
		return err
	}
	ferr := f()
	pprof.StopCPUProfile()
	return errors.Join(ferr, out.Close())
}

// flagSet reports whether the command line set the flag named name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

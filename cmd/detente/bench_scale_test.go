package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/internal/pgtest"
)

// runScaleJSON runs "detente bench scale --json" at a small size over db
// and returns what it printed, decoded.
func runScaleJSON(t *testing.T, db string) scaleResult {
	t.Helper()
	args := []string{"scale", "--events", "2000", "--clients", "16", "--duration", "2s", "--json"}
	if db != "" {
		args = append(args, "--db", db)
	}
	out, err := benchCmd(t, args...)
	if err != nil {
		t.Fatalf("bench scale: %v\n%s", err, out)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"events", "endpoints", "ingest_ratio"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("output has no %q: %s", k, out)
		}
	}
	var res scaleResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// scaleJSON runs bench with args, which include --json, and returns
// what it printed.
func scaleJSON(t *testing.T, args ...string) scaleResult {
	t.Helper()
	out, err := benchCmd(t, args...)
	if err != nil {
		t.Fatalf("bench %v: %v\n%s", args, err, out)
	}
	var res scaleResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bench %v: %v\n%s", args, err, out)
	}
	return res
}

// checkScale asserts that the store holds the events asked for, that
// every endpoint and page answered, none with an error, with ordered
// quantiles, and that both ingests ran.
func checkScale(t *testing.T, res scaleResult) {
	t.Helper()
	if res.Events < 2000 || res.Events > 2100 {
		t.Errorf("events %d, want 2000 (a story more at most)", res.Events)
	}
	want := endpointNames(scaleEndpoints(scaleTargetSet{alerts: []string{"any"}}))
	if len(res.Endpoints) != len(want) {
		t.Errorf("%d endpoints measured, want %d (%v); got %v", len(res.Endpoints), len(want), want, res.Endpoints)
	}
	for _, name := range want {
		x, ok := res.Endpoints[name]
		switch {
		case !ok:
			t.Errorf("endpoint %s not measured", name)
		case x.Requests == 0 || x.RPS <= 0:
			t.Errorf("endpoint %s answered no request: %+v", name, x)
		case x.Errors != 0:
			t.Errorf("endpoint %s: %d errors", name, x.Errors)
		case x.SoloP50 <= 0:
			t.Errorf("endpoint %s not asked alone: %+v", name, x)
		case x.P50 <= 0 || x.P50 > x.P95 || x.P95 > x.P99:
			t.Errorf("endpoint %s: quantiles not ordered: %+v", name, x)
		case targetP99[x.Kind] == 0:
			t.Errorf("endpoint %s: kind %q has no target", name, x.Kind)
		}
	}
	in := res.Ingest
	if in.Pages == 0 || in.EmptyRate <= 0 || in.FullRate <= 0 || res.IngestRatio <= 0 {
		t.Errorf("ingest not measured: ratio %v, %+v", res.IngestRatio, in)
	}
	if len(in.Rounds) != 1 || in.Rounds[0].ShiftDays != 0 {
		t.Errorf("ingest rounds %+v, want one of the demo pages as they are: a generated store ends before them", in.Rounds)
	}
	if in.EmptyFailed != in.FullFailed {
		t.Errorf("the same pages failed %d times into the empty store and %d into the full one", in.EmptyFailed, in.FullFailed)
	}
}

func TestBenchScaleSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a store and loads it for seconds")
	}
	db := filepath.Join(t.TempDir(), "scale.db")
	checkScale(t, runScaleJSON(t, db))
	if _, err := os.Stat(db); err != nil {
		t.Errorf("the store named with --db is not kept: %v", err)
	}
	// A second run refuses to build over it.
	if _, err := benchCmd(t, "scale", "--events", "10", "--db", db); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("bench scale over an existing file: got %v, want an error saying it exists", err)
	}
	// --reuse loads it again and measures every endpoint, but no ingest.
	res := scaleJSON(t, "scale", "--reuse", "--db", db, "--clients", "8", "--duration", "1s", "--solo", "2", "--json")
	want := endpointNames(scaleEndpoints(scaleTargetSet{alerts: []string{"any"}}))
	if res.Events == 0 || len(res.Endpoints) != len(want) || res.Ingest.Pages != 0 {
		t.Errorf("bench scale --reuse: %d counted events, %d endpoints (want %d), ingest %+v; want the kept store loaded, no ingest",
			res.Events, len(res.Endpoints), len(want), res.Ingest)
	}
	for name, x := range res.Endpoints {
		if x.Requests == 0 || x.Errors != 0 {
			t.Errorf("bench scale --reuse: endpoint %s: %d requests, %d errors", name, x.Requests, x.Errors)
		}
	}
	for _, args := range [][]string{{"--reuse"}, {"--reuse", "--db", filepath.Join(t.TempDir(), "none.db")}} {
		if _, err := benchCmd(t, append([]string{"scale"}, args...)...); err == nil {
			t.Errorf("bench scale %v: no error", args)
		}
	}
}

func TestBenchScalePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a store and loads it for seconds")
	}
	base := pgtest.ServerURL(t)
	checkScale(t, runScaleJSON(t, base))
	// The bench's schemas are gone.
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // after the kept schema's drop below
	var left int
	err = db.QueryRowContext(context.Background(), `SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE $1`,
		fmt.Sprintf("detente_bench_scale_%d_%%", os.Getpid())).Scan(&left)
	if err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("%d schemas of the bench left behind", left)
	}

	// A schema named by the search_path is kept, refused as a place to
	// build again, and loaded by --reuse, which with --ingest measures the
	// ingest into it; a second measure ingests the demo pages as the news
	// of later days, which the store does not hold.
	kept := fmt.Sprintf("detente_bench_kept_%d", os.Getpid())
	t.Cleanup(func() { db.Exec("DROP SCHEMA IF EXISTS " + kept + " CASCADE") })
	keptURL := base + "&search_path=" + kept
	if !strings.Contains(base, "?") {
		keptURL = base + "?search_path=" + kept
	}
	gen := scaleJSON(t, "scale", "--events", "2000", "--db", keptURL, "--ingest=false", "--only", "api-stats", "--duration", "1s", "--solo", "1", "--json")
	if gen.Events < 2000 || gen.Ingest.Pages != 0 {
		t.Errorf("bench scale --ingest=false: %d events, ingest %+v; want the store generated and no ingest", gen.Events, gen.Ingest)
	}
	if _, err := benchCmd(t, "scale", "--events", "10", "--db", keptURL); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("bench scale into a kept schema: got %v, want an error saying it exists", err)
	}
	reuseIngest := []string{"scale", "--reuse", "--ingest", "--db", keptURL, "--clients", "8", "--duration", "1s", "--solo", "2", "--json"}
	res := scaleJSON(t, reuseIngest...)
	if res.Events == 0 || res.IngestRatio <= 0 || res.Ingest.FullRate <= 0 {
		t.Errorf("bench scale --reuse --ingest: %d events, ingest %+v; want the kept store loaded and the ingest measured", res.Events, res.Ingest)
	}
	again := scaleJSON(t, append(reuseIngest, "--ingest-rounds", "2")...)
	step := int(ingestStep() / (24 * time.Hour))
	if got := again.Ingest.Rounds; len(got) != 2 || got[0].ShiftDays != step || got[1].ShiftDays != 2*step ||
		got[0].FullRate <= 0 || got[1].EmptyRate <= 0 {
		t.Errorf("bench scale --reuse --ingest again, 2 rounds: %+v; want the pages %d and %d days later", got, step, 2*step)
	}
	if again.Ingest.Pages != 2*res.Ingest.Pages || again.Ingest.FullFailed != 2*res.Ingest.FullFailed {
		t.Errorf("2 rounds ingested %d pages (%d failed), want twice the first measure's %d (%d)",
			again.Ingest.Pages, again.Ingest.FullFailed, res.Ingest.Pages, res.Ingest.FullFailed)
	}
	st, err := openStore(context.Background(), keptURL)
	if err != nil {
		t.Fatal(err)
	}
	newest, _, err := st.NewestFingerprinted(context.Background())
	st.Close()
	entries, eerr := demo.Entries()
	if eerr != nil {
		t.Fatal(eerr)
	}
	if want := entries[len(entries)-1].Published.Add(2 * ingestStep()); err != nil || !newest.Equal(want) {
		t.Errorf("the store's newest article %v (%v), want the second round's last page's, %v", newest, err, want)
	}
	for _, args := range [][]string{
		{"--reuse", "--db", base}, // no schema named
		{"--reuse", "--db", strings.ReplaceAll(keptURL, kept, kept+"_none")}, // no such schema
		{"--db", strings.ReplaceAll(keptURL, kept, "Bad-Name")},              // not a plain name
	} {
		if _, err := benchCmd(t, append([]string{"scale", "--events", "10"}, args...)...); err == nil {
			t.Errorf("bench scale %v: no error", args)
		}
	}
}

func TestBenchScaleFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--events", "0"}, {"--clients", "0"}, {"--duration", "0s"}, {"--years", "0"}, {"--max-requests", "0"}, {"--solo", "-1"}, {"extra"},
	} {
		if _, err := benchCmd(t, append([]string{"scale"}, args...)...); err == nil {
			t.Errorf("bench scale %v: no error", args)
		}
	}
	// An unknown endpoint is refused before the store is generated.
	db := filepath.Join(t.TempDir(), "never.db")
	_, err := benchCmd(t, "scale", "--events", "10", "--db", db, "--only", "api-stats,no-such-endpoint")
	if err == nil || !strings.Contains(err.Error(), `"no-such-endpoint"`) {
		t.Errorf("bench scale --only no-such-endpoint: err %v, want one naming it", err)
	}
	if _, statErr := os.Stat(db); !os.IsNotExist(statErr) {
		t.Errorf("bench scale --only no-such-endpoint: %s made (stat: %v), want refused before generating", db, statErr)
	}
}

// The generated store is a function of the seed alone.
func TestScaleGenDeterministic(t *testing.T) {
	_, last := demo.Window()
	story := func(seed uint64) string {
		g := newScaleGen(seed, last.AddDate(-1, 0, 0), 365)
		b, err := json.Marshal(append(g.nextStory(), g.nextStory()...))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if a, b := story(7), story(7); a != b {
		t.Error("two generators of seed 7 differ")
	}
	if story(7) == story(8) {
		t.Error("seeds 7 and 8 generate the same stories")
	}
}

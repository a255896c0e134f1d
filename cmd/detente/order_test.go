package main

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestIngestOrderDoesNotMatter ingests the demo records in their order,
// reversed and shuffled, over both stores: every table is the same row for
// row, stories (named after their earliest published copy), primaries,
// tension and alerts included, though wire copies now arrive before the
// copies published earlier.
func TestIngestOrderDoesNotMatter(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests the demo six times")
	}
	bin := buildDetente(t)
	_, jsonl := demoRecords(t)
	raw, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(raw), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\n") + "\n"
	}
	reversed := slices.Clone(lines)
	slices.Reverse(reversed)
	shuffled := slices.Clone(lines)
	rand.New(rand.NewPCG(11, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	orders := map[string]string{}
	for name, ls := range map[string][]string{"reversed": reversed, "shuffled": shuffled} {
		orders[name] = filepath.Join(t.TempDir(), name+".jsonl")
		if err := os.WriteFile(orders[name], []byte(strings.Join(ls, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, store := range []string{"sqlite", "postgres"} {
		db := newDB(t, store, "order_ref")
		run(t, bin, nil, "ingest", "--db", db, jsonl)
		want := dumpTables(t, db)
		for _, name := range []string{"reversed", "shuffled"} {
			t.Run(store+"/"+name, func(t *testing.T) {
				db := newDB(t, store, "order_"+name)
				run(t, bin, nil, "ingest", "--db", db, orders[name])
				got := dumpTables(t, db)
				if diff := got.diff(want); diff != "" {
					t.Errorf("ingested %s, the tables differ from an ingest in input order:\n%s", name, diff)
				} else {
					t.Logf("identical to the ingest in input order: %s", got.summary())
				}
			})
		}
	}
}

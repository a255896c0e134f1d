package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/export"
	"github.com/detente-project/detente/sqlite"
	"github.com/detente-project/detente/storetest"
	"github.com/parquet-go/parquet-go"
)

// store returns a SQLite store holding storetest.Corpus, with mediators on
// the first event, the fourth placed by its dateline and the ninth known
// only to its country.
func store(t *testing.T) (*sqlite.Store, []detente.Document) {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "export.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	docs := storetest.Corpus()
	docs[0].Events[0].Mediators = []detente.Actor{{Code: "OMNGOV", Country: "OMN", Agent: "GOV"}, {Code: "IGOUNO", Country: "IGOUNO"}}
	docs[0].Article.CanonicalURL = "https://a.example/canonical/1"
	docs[1].Events[1].Location = detente.Location{Country: "ARE", Place: "DUBAI", Lat: 25.2048, Lon: 55.2708, HasCoord: true,
		Source: detente.PlaceDateline}
	docs[4].Events[0].Location = detente.Location{Country: "IRN", Place: "Tehran", Source: detente.PlaceSentence}
	if err := s.WriteDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return s, docs
}

// textReader hides the store's ArticleOrigin, so exports read whole
// articles for their URLs.
type textReader struct{ detente.Reader }

type exporter func(context.Context, io.Writer, detente.Reader, detente.EventFilter) error

func run(t *testing.T, fn exporter, r detente.Reader, f detente.EventFilter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := fn(context.Background(), &buf, r, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCSV(t *testing.T) {
	s, docs := store(t)
	tests := []struct {
		name string
		f    detente.EventFilter
		rows int
	}{
		{"counted", detente.EventFilter{}, 8},
		{"all", detente.EventFilter{Uncounted: true}, 10},
		{"days", detente.EventFilter{From: docs[1].Events[0].Date, To: docs[2].Events[0].Date}, 2},
		{"none", detente.EventFilter{Source: "FRA"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := csv.NewReader(bytes.NewReader(run(t, export.CSV, s, tt.f))).ReadAll()
			if err != nil {
				t.Fatalf("parse csv: %v", err)
			}
			if len(recs) != tt.rows+1 {
				t.Fatalf("%d rows, want header and %d", len(recs), tt.rows)
			}
			if recs[0][0] != "id" || recs[0][1] != "date" || len(recs[0]) != 33 {
				t.Errorf("header = %v", recs[0])
			}
			for i := 2; i < len(recs); i++ {
				if recs[i][1] < recs[i-1][1] {
					t.Errorf("row %d dated %s after %s: want oldest first", i, recs[i][1], recs[i-1][1])
				}
			}
		})
	}
	recs, err := csv.NewReader(bytes.NewReader(run(t, export.CSV, s, detente.EventFilter{Source: "USA"}))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("USA events: %v, %v", recs, err)
	}
	row := map[string]string{}
	for i, c := range recs[0] {
		row[c] = recs[1][i]
	}
	e := docs[0].Events[0]
	want := map[string]string{
		"id": e.ID, "date": "2025-03-01", "source_code": "USAGOV", "source_country": "USA", "source_agent": "GOV",
		"target_country": "IRN", "code": "046", "root": "04", "quad": "1", "goldstein": "3.5",
		"location_place": "Muscat", "place_source": "sentence", "lat": "23.588", "lon": "58.3829", "negated": "false",
		"mediators": "OMNGOV;IGOUNO", "num_sources": "1", "url": "https://a.example/canonical/1",
		"sentence_index": "0", "coder_version": "test-coder",
	}
	for k, v := range want {
		if row[k] != v {
			t.Errorf("column %s = %q, want %q", k, row[k], v)
		}
	}
	if a, b := run(t, export.CSV, s, detente.EventFilter{}), run(t, export.CSV, textReader{s}, detente.EventFilter{}); !bytes.Equal(a, b) {
		t.Errorf("CSV differs when the reader has no ArticleOrigin:\n%s\n%s", a, b)
	}
}

func TestJSONL(t *testing.T) {
	s, docs := store(t)
	out := run(t, export.JSONL, s, detente.EventFilter{Uncounted: true})
	dec := json.NewDecoder(bytes.NewReader(out))
	var got []export.Record
	for {
		var r export.Record
		err := dec.Decode(&r)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("decode line %d: %v", len(got)+1, err)
		}
		got = append(got, r)
	}
	if len(got) != 10 || bytes.Count(out, []byte("\n")) != 10 {
		t.Fatalf("%d records on %d lines, want 10", len(got), bytes.Count(out, []byte("\n")))
	}
	byID := map[string]export.Record{}
	for _, r := range got {
		byID[r.ID] = r
	}
	first := byID[docs[0].Events[0].ID]
	if first.Day != "2025-03-01" || first.Lat == nil || *first.Lat != 23.588 || strings.Join(first.Mediators, ",") != "OMNGOV,IGOUNO" {
		t.Errorf("first event record = %+v", first)
	}
	if filed := byID[docs[1].Events[1].ID]; filed.Place != "DUBAI" || filed.PlaceSource != "dateline" {
		t.Errorf("event placed by its dateline: record %+v, want DUBAI from the dateline", filed)
	}
	negated := byID[docs[2].Events[0].ID]
	if !negated.Negated || negated.Code != "130" || negated.URL != "https://c.example/3" {
		t.Errorf("negated event record = %+v", negated)
	}
}

func TestGDELT(t *testing.T) {
	s, docs := store(t)
	out := run(t, export.GDELT, s, detente.EventFilter{})
	col := map[string]int{}
	for i, c := range export.GDELTColumns {
		col[c] = i
	}
	if len(export.GDELTColumns) != 61 || len(col) != 61 {
		t.Fatalf("%d GDELT columns (%d distinct), want 61", len(export.GDELTColumns), len(col))
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	rows := map[string][]string{}
	n := 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 61 {
			t.Fatalf("line %d has %d columns, want 61: %q", n, len(f), sc.Text())
		}
		rows[f[0]] = f
	}
	if n != 8 || len(rows) != 8 {
		t.Fatalf("%d lines, %d distinct GlobalEventIDs; want 8", n, len(rows))
	}
	tests := []struct {
		event  detente.Event
		column string
		want   string
	}{
		{docs[0].Events[0], "Day", "20250301"},
		{docs[0].Events[0], "MonthYear", "202503"},
		{docs[0].Events[0], "Year", "2025"},
		{docs[0].Events[0], "FractionDate", "2025.2493"},
		{docs[0].Events[0], "Actor1Code", "USAGOV"},
		{docs[0].Events[0], "Actor1Name", "USAGOV text"},
		{docs[0].Events[0], "Actor1CountryCode", "USA"},
		{docs[0].Events[0], "Actor1Type1Code", "GOV"},
		{docs[0].Events[0], "Actor2CountryCode", "IRN"},
		{docs[0].Events[0], "IsRootEvent", "1"},
		{docs[0].Events[1], "IsRootEvent", "0"},
		{docs[0].Events[0], "EventCode", "046"},
		{docs[0].Events[0], "EventBaseCode", "046"},
		{docs[0].Events[0], "EventRootCode", "04"},
		{docs[0].Events[0], "QuadClass", "1"},
		{docs[0].Events[0], "GoldsteinScale", "3.5"},
		{docs[0].Events[0], "NumSources", "1"},
		{docs[0].Events[0], "AvgTone", ""},
		{docs[0].Events[0], "Actor1Geo_Type", ""},
		{docs[0].Events[0], "ActionGeo_Type", "4"},
		{docs[0].Events[0], "ActionGeo_FullName", "Muscat"},
		{docs[0].Events[0], "ActionGeo_CountryCode", "MU"}, // FIPS 10-4 for Oman
		{docs[0].Events[0], "ActionGeo_ADM1Code", ""},
		{docs[0].Events[0], "ActionGeo_Lat", "23.588"},
		{docs[0].Events[0], "ActionGeo_Long", "58.3829"},
		// Placed by the dateline: where the report was filed, not where
		// the action was.
		{docs[1].Events[1], "ActionGeo_Type", ""},
		{docs[1].Events[1], "ActionGeo_FullName", ""},
		{docs[1].Events[1], "ActionGeo_CountryCode", ""},
		{docs[1].Events[1], "ActionGeo_Lat", ""},
		// A place known only to its country is a country-level place.
		{docs[4].Events[0], "ActionGeo_Type", "1"},
		{docs[4].Events[0], "ActionGeo_FullName", "Tehran"},
		{docs[4].Events[0], "ActionGeo_CountryCode", "IR"},
		{docs[4].Events[0], "ActionGeo_ADM1Code", "IR"},
		{docs[4].Events[0], "ActionGeo_Lat", ""},
		{docs[0].Events[0], "DATEADDED", "20250301103000"},
		{docs[0].Events[0], "SOURCEURL", "https://a.example/canonical/1"},
		{docs[1].Events[0], "SOURCEURL", "https://b.example/2"},
		{docs[3].Events[0], "Actor1Code", "IGOUNO"},
		{docs[3].Events[0], "Actor1CountryCode", ""},
		{docs[3].Events[0], "Actor1KnownGroupCode", "UNO"},
		{docs[3].Events[0], "Actor1Type1Code", "IGO"},
	}
	for _, tt := range tests {
		row, ok := rows[fmtID(tt.event.ID)]
		if !ok {
			t.Fatalf("no row for event %s", tt.event.ID)
		}
		if got := row[col[tt.column]]; got != tt.want {
			t.Errorf("event %s %s = %q, want %q", tt.event.ID, tt.column, got, tt.want)
		}
	}
}

func fmtID(id string) string { return strconv.FormatInt(export.GlobalEventID(id), 10) }

func TestGlobalEventID(t *testing.T) {
	ids := map[int64]string{}
	for i := range 10000 {
		id := detente.EventID("article", i, "USAGOV", "IRN", "046")
		n := export.GlobalEventID(id)
		if n <= 0 {
			t.Fatalf("GlobalEventID(%s) = %d, want positive", id, n)
		}
		if prev, dup := ids[n]; dup {
			t.Fatalf("GlobalEventID(%s) = GlobalEventID(%s) = %d", id, prev, n)
		}
		ids[n] = id
	}
	if a, b := export.GlobalEventID("x"), export.GlobalEventID("x"); a != b {
		t.Errorf("GlobalEventID not stable: %d, %d", a, b)
	}
}

func TestParquet(t *testing.T) {
	s, docs := store(t)
	out := run(t, export.Parquet, s, detente.EventFilter{Uncounted: true})
	r := parquet.NewGenericReader[export.Record](bytes.NewReader(out))
	defer r.Close()
	if r.NumRows() != 10 {
		t.Fatalf("parquet file has %d rows, want 10", r.NumRows())
	}
	got := make([]export.Record, 10)
	if n, err := r.Read(got); n != 10 || (err != nil && err != io.EOF) {
		t.Fatalf("read %d rows: %v", n, err)
	}
	byID := map[string]export.Record{}
	for i, rec := range got {
		byID[rec.ID] = rec
		if i > 0 && rec.Date < got[i-1].Date {
			t.Errorf("row %d dated %v after %v: want oldest first", i, rec.Date, got[i-1].Date)
		}
	}
	first := byID[docs[0].Events[0].ID]
	if first.Date != int32(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).Unix()/86400) || first.SourceCode != "USAGOV" ||
		first.Lat == nil || *first.Lat != 23.588 || strings.Join(first.Mediators, ",") != "OMNGOV,IGOUNO" ||
		first.URL != "https://a.example/canonical/1" || first.Quad != 1 {
		t.Errorf("first event row = %+v", first)
	}
	hyp := byID[docs[2].Events[1].ID]
	if !hyp.Hypothetical || hyp.Code != "163" || len(hyp.Mediators) != 0 {
		t.Errorf("hypothetical event row = %+v", hyp)
	}
	for _, c := range []struct {
		name string
		kind parquet.Kind
	}{{"date", parquet.Int32}, {"goldstein", parquet.Double}, {"negated", parquet.Boolean}, {"lat", parquet.Double}} {
		f, ok := r.Schema().Lookup(c.name)
		if !ok || f.Node.Type().Kind() != c.kind {
			t.Errorf("column %s: found %v, want kind %v", c.name, ok, c.kind)
		}
	}
}

func TestErrors(t *testing.T) {
	s, _ := store(t)
	closed, err := os.Create(filepath.Join(t.TempDir(), "closed"))
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	for name, fn := range map[string]exporter{"csv": export.CSV, "jsonl": export.JSONL, "gdelt": export.GDELT, "parquet": export.Parquet} {
		err := fn(context.Background(), io.Discard, s, detente.EventFilter{Quad: 7})
		if detente.ErrorCode(err) != detente.EINVALID {
			t.Errorf("%s with a bad filter: %v, want code %s", name, err, detente.EINVALID)
		}
		if err := fn(context.Background(), closed, s, detente.EventFilter{}); err == nil {
			t.Errorf("%s to a closed file: no error", name)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := fn(ctx, io.Discard, s, detente.EventFilter{}); err == nil {
			t.Errorf("%s with a cancelled context: no error", name)
		}
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// square is a topology of two countries sharing an edge: A is the square
// (0,0)-(10,10) in degrees, B the square east of it, drawn with the shared
// arc reversed. Arcs are quantized with scale 1 and delta-encoded.
const square = `{"type":"Topology",
 "transform":{"scale":[1,1],"translate":[0,0]},
 "arcs":[
  [[10,0],[0,10]],
  [[10,10],[-10,0],[0,-10],[10,0]],
  [[10,0],[10,0],[0,10],[-10,0]]
 ],
 "objects":{"countries":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","id":"364","properties":{"name":"A"},"arcs":[[0,1]]},
  {"type":"MultiPolygon","id":840,"properties":{"name":"B"},"arcs":[[[2,-1]]]},
  {"type":"Polygon","properties":{"name":"Nameless"},"arcs":[[0,1]]},
  {"type":null,"id":"999","properties":{"name":"Empty"}}
 ]}}}`

func TestDecode(t *testing.T) {
	fs, err := decode([]byte(square), "countries")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 3 {
		t.Fatalf("%d features, want 3 (the null geometry is skipped)", len(fs))
	}
	for i, want := range []struct {
		id   string
		ring []point
	}{
		{"364", []point{{10, 0}, {10, 10}, {0, 10}, {0, 0}, {10, 0}}},
		{"840", []point{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 0}}},
		{"", []point{{10, 0}, {10, 10}, {0, 10}, {0, 0}, {10, 0}}},
	} {
		f := fs[i]
		if f.ID != want.id || len(f.Rings) != 1 {
			t.Fatalf("feature %d: id %q, %d rings", i, f.ID, len(f.Rings))
		}
		if got := f.Rings[0]; len(got) != len(want.ring) {
			t.Errorf("feature %d ring %v, want %v", i, got, want.ring)
		} else {
			for j := range got {
				if got[j] != want.ring[j] {
					t.Errorf("feature %d ring %v, want %v", i, got, want.ring)
					break
				}
			}
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`[]`, "parse topojson"},
		{`{"type":"Feature"}`, "Topology"},
		{`{"type":"Topology","objects":{}}`, `no object "countries"`},
		{`{"type":"Topology","arcs":[],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[5]]}]}}}`, "out of range"},
		{`{"type":"Topology","arcs":[],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":"x"}]}}}`, "arcs"},
	} {
		if _, err := decode([]byte(tc.in), "countries"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("decode(%s): %v, want error with %q", tc.in, err, tc.want)
		}
	}
}

func TestBuild(t *testing.T) {
	m, err := build([]byte(square))
	if err != nil {
		t.Fatal(err)
	}
	if m.Width != 1000 || m.Height < 400 || m.Height > 500 || len(m.Shapes) != 3 {
		t.Fatalf("map %dx%d with %d shapes", m.Width, m.Height, len(m.Shapes))
	}
	for _, s := range m.Shapes {
		if !strings.HasPrefix(s.D, "M") || !strings.HasSuffix(s.D, "z") {
			t.Errorf("%s: path %q", s.Name, s.D)
		}
	}
	// Null island maps to the middle of the width, on the equator's line.
	p := newProjection(1000)
	if x, _ := p.xy(point{0, 0}); x != 500 {
		t.Errorf("x of 0°E = %d, want 500", x)
	}
	if x, _ := p.xy(point{180, 0}); x != 1000 {
		t.Errorf("x of 180°E = %d, want 1000", x)
	}
}

// TestUnwrap keeps a ring that crosses the antimeridian on one side.
func TestUnwrap(t *testing.T) {
	r := unwrap([]point{{178, -17}, {179.9, -16}, {-179.9, -16.5}, {179, -18}})
	for _, p := range r {
		if p[0] < 0 {
			t.Fatalf("point %v left on the western side", p)
		}
	}
}

// FuzzDecode feeds arbitrary documents to the TopoJSON reader: it must
// return an error or features, never panic.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(square))
	f.Add([]byte(`{"type":"Topology","arcs":[[[0,0]]],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[-1]]}]}}}`))
	f.Add([]byte(`{"type":"Topology","arcs":[],"objects":{"countries":{"geometries":[{"type":"MultiPolygon","arcs":[[[-2147483648]]]}]}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, err := decode(b, "countries")
		if err != nil {
			return
		}
		var doc struct {
			Objects map[string]struct {
				Geometries []json.RawMessage `json:"geometries"`
			} `json:"objects"`
		}
		if json.Unmarshal(b, &doc) == nil && len(fs) > len(doc.Objects["countries"].Geometries) {
			t.Fatalf("%d features from %d geometries", len(fs), len(doc.Objects["countries"].Geometries))
		}
	})
}

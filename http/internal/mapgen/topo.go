package main

import (
	"encoding/json"
	"fmt"
	"math"
)

// topology is the part of a TopoJSON document mapgen reads: quantized,
// delta-encoded arcs and the country geometries that reference them.
type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Type       string     `json:"type"`
		Geometries []geometry `json:"geometries"`
	} `json:"objects"`
}

type geometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Arcs json.RawMessage `json:"arcs"`
}

// point is a longitude and latitude in degrees.
type point [2]float64

// feature is one country: its ISO numeric code ("" when the data has
// none), its name and its rings of lon/lat points.
type feature struct {
	ID    string
	Name  string
	Rings [][]point
}

// decode reads the countries object of a TopoJSON document.
func decode(data []byte, object string) ([]feature, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("parse topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("parse topojson: type %q, want Topology", t.Type)
	}
	obj, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("parse topojson: no object %q", object)
	}
	arcs := make([][]point, len(t.Arcs))
	for i, a := range t.Arcs {
		arcs[i] = decodeArc(a, t.Transform)
	}
	var out []feature
	for gi, g := range obj.Geometries {
		f := feature{ID: idString(g.ID), Name: g.Properties.Name}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, fmt.Errorf("geometry %d (%s): arcs: %w", gi, f.Name, err)
			}
			polys = [][][]int{rings}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("geometry %d (%s): arcs: %w", gi, f.Name, err)
			}
		default:
			continue // null geometries and points have no shape to draw
		}
		for _, poly := range polys {
			for _, ring := range poly {
				r, err := stitch(arcs, ring)
				if err != nil {
					return nil, fmt.Errorf("geometry %d (%s): %w", gi, f.Name, err)
				}
				f.Rings = append(f.Rings, r)
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// decodeArc undoes the delta encoding and quantization of one arc.
func decodeArc(a [][2]float64, tr *struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}) []point {
	out := make([]point, 0, len(a))
	var x, y float64
	for _, p := range a {
		if tr == nil {
			out = append(out, point{p[0], p[1]})
			continue
		}
		x, y = x+p[0], y+p[1]
		out = append(out, point{x*tr.Scale[0] + tr.Translate[0], y*tr.Scale[1] + tr.Translate[1]})
	}
	return out
}

// stitch joins the arcs of a ring; a negative index ^i is arc i reversed.
// Consecutive arcs share their joining point, which is kept once.
func stitch(arcs [][]point, ring []int) ([]point, error) {
	var out []point
	for k, idx := range ring {
		i := idx
		if i < 0 {
			i = ^i
		}
		if i >= len(arcs) {
			return nil, fmt.Errorf("arc %d out of range (%d arcs)", idx, len(arcs))
		}
		a := arcs[i]
		if idx < 0 {
			a = reversed(a)
		}
		if k > 0 && len(a) > 0 {
			a = a[1:]
		}
		out = append(out, a...)
	}
	return out, nil
}

func reversed(a []point) []point {
	out := make([]point, len(a))
	for i, p := range a {
		out[len(a)-1-i] = p
	}
	return out
}

// idString reads a geometry ID written as a string or a number; ISO
// numeric codes are zero-padded to three digits.
func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n float64
	if json.Unmarshal(raw, &n) == nil && n >= 0 && n < 1000 && n == math.Trunc(n) {
		return fmt.Sprintf("%03d", int(n))
	}
	return ""
}

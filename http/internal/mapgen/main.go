// Command mapgen turns the Natural Earth country shapes of the npm package
// world-atlas (TopoJSON) into the compact JSON the dashboard embeds: one
// SVG path per country, projected with the Equal Earth projection (equal
// area, so no country looks larger than it is) into a 1000-unit-wide
// viewBox, with coordinates rounded to whole units and relative moves.
//
// Usage: go run ./http/internal/mapgen -in countries-110m.json -out http/assets/gen/countries.json
//
// http/mapgen.sh fetches the package and runs it; see http/assets/gen/README.md.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

// Map is the output: the viewBox size and the shapes.
type Map struct {
	Width  int     `json:"width"`
	Height int     `json:"height"`
	Source string  `json:"source"`
	Shapes []Shape `json:"shapes"`
}

// Shape is one country: ISO 3166-1 numeric code ("" when the data gives
// none, as for some disputed areas), name and SVG path.
type Shape struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	D    string `json:"d"`
}

func main() {
	in := flag.String("in", "", "world-atlas countries TopoJSON file")
	out := flag.String("out", "", "output JSON file")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mapgen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	if in == "" || out == "" {
		return fmt.Errorf("both -in and -out are required")
	}
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	m, err := build(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mapgen: %d shapes, %d bytes → %s\n", len(m.Shapes), len(b), out)
	return nil
}

// antarctica is left off the map: it has no tension to show and would take
// a fifth of the height.
const antarctica = "010"

// build projects the countries of a TopoJSON document.
func build(data []byte) (Map, error) {
	fs, err := decode(data, "countries")
	if err != nil {
		return Map{}, err
	}
	p := newProjection(1000)
	m := Map{Width: p.width, Height: p.height, Source: "Natural Earth 1:110m via npm world-atlas"}
	for _, f := range fs {
		if f.ID == antarctica {
			continue
		}
		d := p.path(f.Rings)
		if d == "" {
			continue
		}
		m.Shapes = append(m.Shapes, Shape{ID: f.ID, Name: f.Name, D: d})
	}
	if len(m.Shapes) == 0 {
		return Map{}, fmt.Errorf("no country shapes")
	}
	return m, nil
}

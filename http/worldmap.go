package http

import (
	"encoding/json"
	"fmt"
	"io/fs"
)

// worldMap is the overview map's country shapes, from the generated
// assets/gen/countries.json (see doc.go); nil when that file was not
// generated before the build.
type worldMap struct {
	Width  int        `json:"width"`
	Height int        `json:"height"`
	Source string     `json:"source"`
	Shapes []mapShape `json:"shapes"`
}

// mapShape is one country's outline; Code is its alpha-3 code, set on load
// from the ISO numeric ID ("" for areas without one).
type mapShape struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	D    string `json:"d"`
	Code string `json:"-"`
}

const mapFile = "assets/gen/countries.json"

// loadWorldMap reads the generated map from the embedded assets. A missing
// file gives nil and no error: the dashboard then lists the index instead.
func loadWorldMap(fsys fs.FS) (*worldMap, error) {
	b, err := fs.ReadFile(fsys, mapFile)
	if err != nil {
		return nil, nil
	}
	var m worldMap
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", mapFile, err)
	}
	if m.Width <= 0 || m.Height <= 0 || len(m.Shapes) == 0 {
		return nil, fmt.Errorf("read %s: no shapes or no size", mapFile)
	}
	byNumeric := make(map[string]string, len(countries))
	for code, c := range countries {
		if c.Numeric != "" {
			byNumeric[c.Numeric] = code
		}
	}
	for i, s := range m.Shapes {
		m.Shapes[i].Code = byNumeric[s.ID]
		if s.ID == "" && s.Name == "Kosovo" {
			m.Shapes[i].Code = "XKX"
		}
	}
	return &m, nil
}

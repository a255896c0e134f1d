package geo

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/detente-project/detente/actor"
)

//go:embed dict/places.txt
var placesFile []byte

// Load returns the embedded gazetteer, with the places*.txt files of dir
// read first when dir is not "", so that their names win over embedded
// ones, and a report of each file of dir: places added and a warning for
// each malformed line, which is skipped. The error is for reading files
// only.
func Load(dir string) (*Gazetteer, []actor.Report, error) {
	g := &Gazetteer{byName: map[string]Place{}}
	h := sha256.New()
	var reports []actor.Report
	if dir != "" {
		paths, err := filepath.Glob(filepath.Join(dir, "places*.txt"))
		if err != nil {
			return nil, nil, fmt.Errorf("list gazetteers in %s: %w", dir, err)
		}
		sort.Strings(paths)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, nil, fmt.Errorf("read gazetteer: %w", err)
			}
			rep, err := g.addFile(h, filepath.Base(p), b)
			if err != nil {
				return nil, nil, err
			}
			reports = append(reports, rep)
		}
	}
	// The embedded file's lines are held to no warnings by its tests.
	if _, err := g.addFile(h, "places.txt", placesFile); err != nil {
		return nil, nil, err
	}
	g.version = hex.EncodeToString(h.Sum(nil))[:16]
	return g, reports, nil
}

// Longest returns the place with the longest name that starts text, and
// its length in words. text must be lower-case; ends[i] is the byte offset
// in text just past its word i, so that text[:ends[n-1]] is its first n
// words. Names of more words than the gazetteer's longest are not tried.
func (g *Gazetteer) Longest(text string, ends []int) (Place, int, bool) {
	if g == nil {
		return Place{}, 0, false
	}
	for n := min(len(ends), g.maxWords); n > 0; n-- {
		if p, ok := g.byName[text[:ends[n-1]]]; ok {
			return p, n, true
		}
	}
	return Place{}, 0, false
}

// countryOf maps the gazetteer's "---" (no single country) to "".
func countryOf(code string) string {
	if strings.Trim(code, "-") == "" {
		return ""
	}
	return code
}

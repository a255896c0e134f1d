// Package geo places events: it knows the coordinates and countries of the
// places that news names (capitals, cities, regions), read from a plain
// text gazetteer. It reports odd lines of a gazetteer with actor.Report,
// as the dictionary readers do, so that one report lists them all.
package geo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"

	"github.com/detente-project/detente/actor"
)

// Place is one named place of the gazetteer.
type Place struct {
	Name     string
	Country  string // ISO 3166-1 alpha-3, "" for a place of no single country (a sea, a region)
	Lat, Lon float64
	Source   string // "places.txt:12"
}

// Gazetteer finds places by name, case-insensitively.
type Gazetteer struct {
	byName   map[string]Place
	maxWords int    // the most words in a name
	version  string // hash of the files read, see Version
}

// Parse reads a gazetteer, one place a line, "ISO3 | Place | lat | lon";
// lines starting with # and blank lines are ignored. name is used in
// sources and warnings. A later line for a name already read is ignored, so
// the first (most prominent) place of a name wins. A malformed line is
// skipped with a warning in the report naming its line and what was wrong;
// the error is for reading r only.
func Parse(name string, r io.Reader) (*Gazetteer, actor.Report, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, actor.Report{File: name, Format: actor.FormatPlaces}, fmt.Errorf("read %s: %w", name, err)
	}
	g := &Gazetteer{byName: map[string]Place{}}
	h := sha256.New()
	rep, err := g.addFile(h, name, b)
	if err != nil {
		return nil, rep, err
	}
	g.version = hex.EncodeToString(h.Sum(nil))[:16]
	return g, rep, nil
}

// addFile adds the places of one file, hashes its name and contents, and
// reports what it read.
func (g *Gazetteer) addFile(h hash.Hash, name string, data []byte) (actor.Report, error) {
	fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
	h.Write(data)
	return g.add(name, bytes.NewReader(data))
}

// Version returns a short hash of the names and contents of the files the
// gazetteer was read from: coded events record it with the dictionaries'
// so that a changed gazetteer shows in their version. It is "" for a nil
// gazetteer.
func (g *Gazetteer) Version() string {
	if g == nil {
		return ""
	}
	return g.version
}

// add adds the places of the lines of r, the file name, and reports the
// names it added and the lines it skipped.
func (g *Gazetteer) add(name string, r io.Reader) (actor.Report, error) {
	rep := actor.Report{File: name, Format: actor.FormatPlaces}
	lines := actor.NewLines(r)
	for lines.Scan() {
		ln := lines.Line()
		if lines.TooLong() {
			rep.Warn(ln, true, "line longer than %d bytes; skipped", actor.MaxLine)
			continue
		}
		line := strings.TrimSpace(lines.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		p, err := parsePlace(line)
		if err != nil {
			rep.Warn(ln, true, "%v; skipped", err)
			continue
		}
		key := strings.Join(strings.Fields(strings.ToLower(p.Name)), " ")
		if _, ok := g.byName[key]; !ok {
			p.Source = name + ":" + strconv.Itoa(ln)
			g.byName[key] = p
			g.maxWords = max(g.maxWords, len(strings.Fields(key)))
			rep.Entries++
		}
	}
	if err := lines.Err(); err != nil {
		return rep, fmt.Errorf("read %s: %w", name, err)
	}
	return rep, nil
}

// parsePlace reads one line that is neither blank nor a comment.
func parsePlace(line string) (Place, error) {
	f := strings.Split(line, "|")
	if len(f) != 4 {
		return Place{}, fmt.Errorf("want ISO3 | Place | lat | lon, got %d fields", len(f))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	if len(f[0]) != 3 || strings.ToUpper(f[0]) != f[0] || strings.ContainsAny(f[0], " |") {
		return Place{}, fmt.Errorf("country %q: want an ISO 3166-1 alpha-3 code or ---", f[0])
	}
	if f[1] == "" {
		return Place{}, fmt.Errorf("empty place name")
	}
	// The bounds are written so that NaN, which ParseFloat accepts, fails.
	lat, err := strconv.ParseFloat(f[2], 64)
	if err != nil || !(lat >= -90 && lat <= 90) {
		return Place{}, fmt.Errorf("latitude %q: want a number in -90..90", f[2])
	}
	lon, err := strconv.ParseFloat(f[3], 64)
	if err != nil || !(lon >= -180 && lon <= 180) {
		return Place{}, fmt.Errorf("longitude %q: want a number in -180..180", f[3])
	}
	return Place{Name: f[1], Country: countryOf(f[0]), Lat: lat, Lon: lon}, nil
}

// Lookup returns the place of a name, case aside.
func (g *Gazetteer) Lookup(name string) (Place, bool) {
	if g == nil {
		return Place{}, false
	}
	p, ok := g.byName[strings.ToLower(name)]
	return p, ok
}

// Len returns the number of names.
func (g *Gazetteer) Len() int {
	if g == nil {
		return 0
	}
	return len(g.byName)
}

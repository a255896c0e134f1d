package actor

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed dict/*.txt
var embedded embed.FS

// Dictionary is a loaded set of actor and agent dictionaries, ready to
// match. It is safe for concurrent use once loaded.
type Dictionary struct {
	root    *node // actor and agent phrases together: one walk finds both
	entries int
	version string
	files   []string
	reports []Report // of the files of the folder given to Load, by name
}

// node is one trie node: the phrases that end here and the words that
// continue them.
type node struct {
	next    map[string]*node
	entries []*Entry
}

func (n *node) add(e *Entry) {
	for _, w := range e.words {
		c := n.next[w]
		if c == nil {
			if n.next == nil {
				n.next = make(map[string]*node)
			}
			c = &node{}
			n.next[w] = c
		}
		n = c
	}
	n.entries = append(n.entries, e)
}

// Load returns the embedded dictionaries, changed by the dictionary files
// of dir when dir is not "": a file with the name of an embedded one
// replaces it, any other adds to them, and its phrases take precedence over
// embedded entries of the same phrase. Classify says how each file is read:
// detente's own format (see Parse; agents*.txt hold agents), PETRARCH and
// TABARI actor and agent files (see ReadPetrarch and ReadPetrarchAgents);
// verb dictionaries and gazetteers are left to the coder and package geo,
// and PETRARCH discard and issue files are reported as not used. Reports
// says what was read from each file. Odd lines are warnings there, in
// PETRARCH files and in files of detente's own format alike: a malformed
// line is skipped, and the error is for reading the folder only.
func Load(dir string) (*Dictionary, error) {
	type file struct {
		name, format string
		data         []byte
		override     bool
	}
	var files []file
	names, err := fs.Glob(embedded, "dict/*.txt")
	if err != nil {
		return nil, fmt.Errorf("list embedded dictionaries: %w", err)
	}
	byName := map[string]int{}
	for _, n := range names {
		b, err := embedded.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read embedded %s: %w", n, err)
		}
		base := filepath.Base(n)
		byName[base] = len(files)
		// Embedded files are detente's own: their names say their format.
		files = append(files, file{name: base, format: Classify(base, nil), data: b})
	}
	if dir != "" {
		paths, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			return nil, fmt.Errorf("list dictionaries in %s: %w", dir, err)
		}
		for _, p := range paths {
			base := filepath.Base(p)
			if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() || Classify(base, nil) == "" {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("read dictionary: %w", err)
			}
			f := file{name: base, format: Classify(base, b), data: b, override: true}
			switch f.format {
			case FormatVerbs, FormatPetrarchVerbs, FormatPlaces:
				continue
			}
			if i, ok := byName[base]; ok {
				files[i] = f
				continue
			}
			files = append(files, f)
		}
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].name < files[j].name })
	d := &Dictionary{root: &node{}}
	h := sha256.New()
	var base, over []*Entry
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.name, len(f.data))
		h.Write(f.data)
		entries, rep, err := parseFile(f.name, f.format, f.data)
		if err != nil {
			return nil, err
		}
		d.files = append(d.files, f.name)
		if f.override {
			d.reports = append(d.reports, rep)
		}
		for i := range entries {
			if f.override {
				over = append(over, &entries[i])
			} else {
				base = append(base, &entries[i])
			}
		}
	}
	// Override entries go in first, and hide embedded ones of the same phrase.
	seen := map[string]bool{}
	for _, e := range over {
		seen[phraseKey(e)] = true
		d.add(e)
	}
	for _, e := range base {
		if !seen[phraseKey(e)] {
			d.add(e)
		}
	}
	d.version = hex.EncodeToString(h.Sum(nil))[:16]
	return d, nil
}

func phraseKey(e *Entry) string {
	k := strings.Join(e.words, " ")
	if e.IsAgent {
		return "agent:" + k
	}
	return k
}

func (d *Dictionary) add(e *Entry) {
	d.entries++
	d.root.add(e)
}

// parseFile reads one dictionary file in its format.
func parseFile(name, format string, data []byte) ([]Entry, Report, error) {
	switch format {
	case FormatPetrarchActors:
		return ReadPetrarch(name, bytes.NewReader(data))
	case FormatPetrarchAgents:
		return ReadPetrarchAgents(name, bytes.NewReader(data))
	case FormatPetrarchDiscards, FormatPetrarchIssues:
		return nil, unusedReport(name, format, data), nil
	}
	return Parse(name, bytes.NewReader(data), format == FormatAgents)
}

// unusedReport reports a PETRARCH file that detente recognises and does
// not use: discards (sentences PETRARCH leaves uncoded) and issues
// (PETRARCH's topic tags).
func unusedReport(name, format string, data []byte) Report {
	r := Report{File: name, Format: format, Note: "not used: detente has no issue codes"}
	if format == FormatPetrarchDiscards {
		r.Note = "not used: detente does not discard sentences by phrase"
	}
	for lines := NewPetrarchLines(bytes.NewReader(data)); lines.Scan(); {
		r.Unused++
	}
	return r
}

// Version returns a short hash of every dictionary file's name and
// contents: events record it so that results can be reproduced.
func (d *Dictionary) Version() string { return d.version }

// Len returns the number of phrases loaded.
func (d *Dictionary) Len() int { return d.entries }

// Files returns the names of the dictionary files loaded, sorted.
func (d *Dictionary) Files() []string { return append([]string(nil), d.files...) }

// Reports returns what was read from each file of the folder given to
// Load, sorted by name; the embedded files are not reported.
func (d *Dictionary) Reports() []Report { return append([]Report(nil), d.reports...) }

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

// Load returns the embedded dictionaries, changed by the *.txt files of dir
// when dir is not "": a file with the name of an embedded one replaces it,
// any other adds to them, and its phrases take precedence over embedded
// entries of the same phrase. Files whose name contains ".actors" or
// ".agents" are read as PETRARCH/TABARI dictionaries (see ReadPetrarch).
// Files named agents*.txt hold agents (see Parse); verb dictionaries
// (verbs*.txt, *.verbs*) and gazetteers (places*.txt) are left to the
// coder and package geo.
func Load(dir string) (*Dictionary, error) {
	type file struct {
		name     string
		data     []byte
		override bool
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
		byName[filepath.Base(n)] = len(files)
		files = append(files, file{name: filepath.Base(n), data: b})
	}
	if dir != "" {
		paths, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			return nil, fmt.Errorf("list dictionaries in %s: %w", dir, err)
		}
		for _, p := range paths {
			base := filepath.Base(p)
			if !strings.HasSuffix(base, ".txt") && !isPetrarchName(base) || isVerbName(base) {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("read dictionary: %w", err)
			}
			f := file{name: base, data: b, override: true}
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
		entries, err := parseFile(f.name, f.data)
		if err != nil {
			return nil, err
		}
		d.files = append(d.files, f.name)
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

// parseFile reads one dictionary file in the format its name says.
func parseFile(name string, data []byte) ([]Entry, error) {
	if isPetrarchName(name) {
		return ReadPetrarch(name, bytes.NewReader(data))
	}
	return Parse(name, bytes.NewReader(data), strings.HasPrefix(name, "agents"))
}

// isVerbName reports whether a file is not an actor dictionary but one the
// coder or the gazetteer reads: verbs*.txt or a PETRARCH/TABARI file with
// ".verbs" in its name, or places*.txt.
func isVerbName(name string) bool {
	return strings.HasPrefix(name, "verbs") || strings.Contains(name, ".verbs") || strings.HasPrefix(name, "places")
}

func isPetrarchName(name string) bool {
	return strings.Contains(name, ".actors") || strings.Contains(name, ".agents")
}

// Version returns a short hash of every dictionary file's name and
// contents: events record it so that results can be reproduced.
func (d *Dictionary) Version() string { return d.version }

// Len returns the number of phrases loaded.
func (d *Dictionary) Len() int { return d.entries }

// Files returns the names of the dictionary files loaded, sorted.
func (d *Dictionary) Files() []string { return append([]string(nil), d.files...) }

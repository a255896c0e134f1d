// Command posgen writes coder/grammar/pos.txt, the open-class lexicon of
// the coder's part-of-speech tagger, from WordNet 3.0 as Debian's
// wordnet-base package installs it (apt-get install wordnet-base):
//
//	go run ./coder/grammar/posgen -wordnet /usr/share/wordnet > coder/grammar/pos.txt
//
// Each word WordNet knows as a noun, verb, adjective or adverb and that the
// SemCor corpus tags at least once (cntlist.rev) gets its parts of speech,
// the most frequent in SemCor first; irregular verb and noun forms
// (verb.exc, noun.exc) of those words are listed too. The output is
// committed so that a fresh clone builds without WordNet.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "folder of the WordNet 3.0 database files")
	flag.Parse()
	if err := run(*dir, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "posgen:", err)
		os.Exit(1)
	}
}

// pos letters in WordNet's sense keys (ss_type): 1 noun, 2 verb, 3 adjective,
// 4 adverb, 5 adjective satellite.
var sensePOS = map[string]byte{"1": 'n', "2": 'v', "3": 'a', "4": 'r', "5": 'a'}

type score struct {
	count  map[byte]int // SemCor tags of the word as each part of speech
	senses map[byte]int // WordNet senses, to break ties
}

func run(dir string, out io.Writer) error {
	words := map[string]*score{}
	get := func(w string) *score {
		s := words[w]
		if s == nil {
			s = &score{count: map[byte]int{}, senses: map[byte]int{}}
			words[w] = s
		}
		return s
	}
	if err := eachLine(filepath.Join(dir, "cntlist.rev"), func(f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 fields, got %d", len(f))
		}
		lemma, rest, ok := strings.Cut(f[0], "%")
		if !ok || len(rest) == 0 {
			return fmt.Errorf("sense key %q", f[0])
		}
		p, ok := sensePOS[rest[:1]]
		if !ok {
			return fmt.Errorf("sense key %q: unknown type", f[0])
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return err
		}
		if plain(lemma) {
			get(lemma).count[p] += n
		}
		return nil
	}); err != nil {
		return err
	}
	for _, ix := range []struct {
		file string
		pos  byte
	}{{"index.noun", 'n'}, {"index.verb", 'v'}, {"index.adj", 'a'}, {"index.adv", 'r'}} {
		if err := eachLine(filepath.Join(dir, ix.file), func(f []string) error {
			if len(f) < 4 || f[0] == "" || f[0][0] == ' ' {
				return nil
			}
			if s := words[f[0]]; s != nil {
				n, _ := strconv.Atoi(f[2])
				s.senses[ix.pos] += n
				if s.count[ix.pos] == 0 {
					// Known to WordNet, never tagged in SemCor: last.
					s.count[ix.pos] = 0
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	forms := map[string]map[byte]bool{}
	for _, ex := range []struct {
		file string
		pos  byte
	}{{"verb.exc", 'v'}, {"noun.exc", 'n'}} {
		if err := eachLine(filepath.Join(dir, ex.file), func(f []string) error {
			if len(f) < 2 || !plain(f[0]) {
				return nil
			}
			if s := words[f[1]]; s != nil && s.count[ex.pos] > 0 {
				if forms[f[0]] == nil {
					forms[f[0]] = map[byte]bool{}
				}
				forms[f[0]][ex.pos] = true
			}
			return nil
		}); err != nil {
			return err
		}
	}
	lines := map[string]string{}
	for w, s := range words {
		var ps []byte
		for p := range s.count {
			ps = append(ps, p)
		}
		sort.Slice(ps, func(i, j int) bool {
			a, b := ps[i], ps[j]
			if s.count[a] != s.count[b] {
				return s.count[a] > s.count[b]
			}
			if s.senses[a] != s.senses[b] {
				return s.senses[a] > s.senses[b]
			}
			return a < b
		})
		lines[w] = tags(ps)
	}
	for w, ps := range forms {
		// An irregular form is written in capitals: V a past or past
		// participle, N a plural.
		var b []byte
		for _, p := range []byte{'v', 'n'} {
			if ps[p] {
				b = append(b, p-'a'+'A')
			}
		}
		if l, ok := lines[w]; ok {
			lines[w] = l + " " + tags(b)
		} else {
			lines[w] = tags(b)
		}
	}
	keys := make([]string, 0, len(lines))
	for w := range lines {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	bw := bufio.NewWriter(out)
	fmt.Fprint(bw, header)
	for _, w := range keys {
		fmt.Fprintf(bw, "%s %s\n", w, lines[w])
	}
	return bw.Flush()
}

func tags(ps []byte) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, " ")
}

// plain reports whether a WordNet lemma is one lower-case word.
func plain(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r == '-' || r == '\'') {
			return false
		}
	}
	return true
}

func eachLine(path string, f func([]string) error) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for ln := 1; sc.Scan(); ln++ {
		if err := f(strings.Fields(sc.Text())); err != nil {
			return fmt.Errorf("%s:%d: %w", path, ln, err)
		}
	}
	return sc.Err()
}

const header = `# pos.txt — the open-class lexicon of the coder's part-of-speech tagger
# (coder/tagger.go): a word and its parts of speech, the most frequent in
# the SemCor corpus first (n noun, v verb, a adjective, r adverb); an
# irregular form has V (past or past participle) or N (plural). Regular
# inflections are not listed: the tagger strips them.
#
# GENERATED from WordNet 3.0 (Princeton University; Debian package
# wordnet-base 1:3.0-37) by
#   go run ./coder/grammar/posgen -wordnet /usr/share/wordnet > coder/grammar/pos.txt
# Licence: the WordNet 3.0 licence, in pos.LICENSE beside this file.
# Words: every one-word lemma that SemCor tags at least once, and the
# irregular forms of verb.exc and noun.exc of those lemmas. Do not edit by
# hand: regenerate.
`

package coder

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

// grammarFile holds the word classes the grammar reads clauses with; see
// its header for the format.
//
//go:embed grammar/words.txt
var grammarFile string

// grammarWords are the classes of grammarFile. The file is part of the
// binary, so an error in it is a build error: the tests read it first.
var grammarWords = mustWordClasses("grammar/words.txt", grammarFile)

// ParseWordClasses reads a word-class file ("CLASS : word | word", see
// coder/grammar/words.txt) and returns each class's words in file order.
// name is used in errors, which carry the line number.
func ParseWordClasses(name string, r io.Reader) (map[string][]string, error) {
	classes := map[string][]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		class, body, ok := strings.Cut(line, " : ")
		class = strings.TrimSpace(class)
		if !ok || class == "" || strings.ContainsAny(class, " \t") {
			return nil, fmt.Errorf("%s:%d: want \"CLASS : word | word\"", name, ln)
		}
		for _, w := range strings.Split(body, "|") {
			w = strings.TrimSpace(w)
			if w == "" {
				return nil, fmt.Errorf("%s:%d: class %s: empty word", name, ln, class)
			}
			classes[class] = append(classes[class], w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return classes, nil
}

func mustWordClasses(name, data string) map[string][]string {
	c, err := ParseWordClasses(name, strings.NewReader(data))
	if err != nil {
		panic(err)
	}
	return c
}

// grammarClassesUsed records the classes the code asks for, so that a test
// can tell a class nobody reads.
var grammarClassesUsed []string

// wordList returns the words of a class of the grammar file, which must
// have it.
func wordList(class string) []string {
	grammarClassesUsed = append(grammarClassesUsed, class)
	ws, ok := grammarWords[class]
	if !ok {
		panic("coder: grammar/words.txt has no class " + class)
	}
	return ws
}

// wordClass returns a class of the grammar file as a set.
func wordClass(class string) map[string]bool { return set(wordList(class)...) }

// verbClass returns a class of base forms of verbs as the set of all their
// forms.
func verbClass(class string) map[string]bool {
	m := map[string]bool{}
	for _, v := range wordList(class) {
		for _, f := range Inflect(v) {
			m[f] = true
		}
	}
	return m
}

// codeClass returns a class of event codes of the grammar file. A code
// matches an entry that it starts with: "19" is every code of root 19.
type codeClass []string

func codes(class string) codeClass { return codeClass(wordList(class)) }

// has reports whether code is in the class.
func (c codeClass) has(code string) bool {
	for _, p := range c {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

// The code classes of the grammar file.
var (
	hostCodes         = codes("host-codes")
	thirdPartyCodes   = codes("third-party-codes")
	meetingCodes      = codes("meeting-codes")
	answerCodes       = codes("answer-codes")
	releaseCodes      = codes("release-codes")
	firedFromCodes    = codes("fired-from-codes")
	attackCodes       = codes("attack-codes")
	armedCodes        = codes("armed-codes")
	withTargetCodes   = codes("with-target-codes")
	toTargetCodes     = codes("to-target-codes")
	onTargetCodes     = codes("on-target-codes")
	oneSidedCodes     = codes("one-sided-codes")
	askCodes          = codes("ask-codes")
	futureThreatCodes = codes("future-threat-codes")
	protestCodes      = codes("protest-codes")
	mutualCodes       = codes("mutual-codes")
	bareMutualCodes   = codes("bare-mutual-codes")
	unnamedDoerCodes  = codes("unnamed-doer-codes")
)

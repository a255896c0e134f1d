package actor

import (
	"bytes"
	"strings"
)

// The formats of dictionary files, as Classify names them.
const (
	FormatActors           = "detente actors"    // Parse
	FormatAgents           = "detente agents"    // Parse with agents
	FormatVerbs            = "detente verbs"     // the coder's ParseRules
	FormatPlaces           = "gazetteer"         // package geo
	FormatPetrarchActors   = "petrarch actors"   // ReadPetrarch
	FormatPetrarchAgents   = "petrarch agents"   // ReadPetrarchAgents
	FormatPetrarchVerbs    = "petrarch verbs"    // the coder's ReadPetrarchVerbs
	FormatPetrarchDiscards = "petrarch discards" // recognised, not used
	FormatPetrarchIssues   = "petrarch issues"   // recognised, not used
)

// Classify says how a dictionary file of a folder is read, from its name
// and, where the name does not say, its content; "" means it is no
// dictionary and is left alone. The rules, in order:
//
//   - a name containing ".actors", ".agents" or ".verbs" is a PETRARCH or
//     TABARI actor, agent or verb dictionary (Phoenix.agents.txt);
//   - a name containing "discard" or "issue" (any case) is a PETRARCH
//     discard or issue file: recognised and reported, but not used;
//   - other names must end in ".txt": verbs*.txt are detente verbs,
//     places*.txt gazetteers, agents*.txt detente agents;
//   - any other .txt file with a PETRARCH verb block header, a line like
//     "--- ACCUSE [112] ---", is a PETRARCH verb dictionary
//     (CAMEO.2.0.txt); the rest are detente actor dictionaries.
func Classify(name string, data []byte) string {
	lower := strings.ToLower(name)
	switch {
	case strings.Contains(lower, ".actors"):
		return FormatPetrarchActors
	case strings.Contains(lower, ".agents"):
		return FormatPetrarchAgents
	case strings.Contains(lower, ".verbs"):
		return FormatPetrarchVerbs
	case strings.Contains(lower, "discard"):
		return FormatPetrarchDiscards
	case strings.Contains(lower, "issue"):
		return FormatPetrarchIssues
	case !strings.HasSuffix(lower, ".txt"):
		return ""
	case strings.HasPrefix(lower, "verbs"):
		return FormatVerbs
	case strings.HasPrefix(lower, "places"):
		return FormatPlaces
	case strings.HasPrefix(lower, "agents"):
		return FormatAgents
	case hasVerbBlock(data):
		return FormatPetrarchVerbs
	}
	return FormatActors
}

// hasVerbBlock reports whether data has a PETRARCH verb block header:
// a line starting with "---", then a word that is not ":" (detente's
// blocking entries are "--- : phrase"), and ending with "---".
func hasVerbBlock(data []byte) bool {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSpace(line)
		if !bytes.HasPrefix(line, []byte("---")) || !bytes.HasSuffix(line, []byte("---")) || len(line) < 7 {
			continue
		}
		if f := bytes.Fields(bytes.Trim(line, "-")); len(f) > 0 && f[0][0] != ':' {
			return true
		}
	}
	return false
}

// Package actor recognises the actors of political events in text: the
// countries, international organisations, armed groups and named people of
// the dictionaries, and the agents ("officials", "troops") that compose with
// them.
//
// The dictionaries are plain text files embedded from dict/ and overridable
// from a folder (see Load). Besides the project's own format (see Parse) the
// package reads the actor and agent dictionaries of the PETRARCH and TABARI
// coders (see ReadPetrarch and ReadPetrarchAgents), so existing
// dictionaries carry over: a folder holding PETRARCH2's own files
// (Phoenix.*.actors.txt, Phoenix.agents.txt, CAMEO.2.0.txt, discards and
// issues) is read as PETRARCH2 reads it, each file known by the name rules
// of Classify. Odd lines of those files never stop the reading: each is a
// warning naming its file and line in the file's Report, with the counts of
// entries loaded and lines skipped. It depends only on the standard library
// and the text tokenizer.
package actor

import (
	"strings"
	"time"
)

// Entry is one phrase of a dictionary with the code it stands for.
type Entry struct {
	Code    string    // full code: "USAGOV", "IGOUNO", or an agent alone ("GOV") in an agent dictionary
	Country string    // country or organisation part: "USA", "IGOUNO"; "" for an agent entry
	Agent   string    // agent part: "GOV"; "" for a country as a whole
	Phrase  string    // the phrase as written in the dictionary
	From    time.Time // first valid day; zero when open
	To      time.Time // first day no longer valid; zero when open
	Source  string    // "people.txt:412"
	// IsAgent marks an entry of an agent dictionary: a role that needs a
	// country from elsewhere ("minister", "troops").
	IsAgent bool
	// Block marks a blocking entry (code "---"): a phrase that names no
	// actor, such as "South China Sea", whose words no shorter phrase may
	// take. Its Country and Agent are empty.
	Block bool

	words []string // the phrase's tokens, lower-cased, leading article removed
	exact bool     // the phrase matches only in its own case ("US", "IS")
	cased []string // the phrase's tokens as written, for exact matching
}

// BlockCode is the code of blocking entries: phrases that code no actor.
const BlockCode = "---"

// ValidAt reports whether the entry applies on day d. A zero d (unknown
// date) accepts every entry.
func (e *Entry) ValidAt(d time.Time) bool {
	if d.IsZero() {
		return true
	}
	return (e.From.IsZero() || !d.Before(e.From)) && (e.To.IsZero() || d.Before(e.To))
}

// Dated reports whether the entry has a validity period.
func (e *Entry) Dated() bool { return !e.From.IsZero() || !e.To.IsZero() }

// agentCodes are the agent codes an actor code may carry after its country.
var agentCodes = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "OPP": true, "REB": true,
	"SPY": true, "BUS": true, "MED": true, "CVL": true, "NGO": true, "IGO": true, "EDU": true,
	"REL": true, "LAB": true, "ELI": true, "HLH": true, "REF": true, "CRM": true, "AGR": true,
	"MOD": true, "RAD": true, "UAF": true, "INS": true, "SEP": true, "ENV": true, "HRI": true,
	"IMG": true, "PTY": true, "DEV": true, "SET": true, "MNC": true,
}

// IsAgentCode reports whether code is a known agent code ("GOV", "MIL").
func IsAgentCode(code string) bool { return agentCodes[code] }

// splitCode splits a full actor code into its country (or organisation)
// and agent parts: "USAGOV" → "USA", "GOV"; "IGOUNO" → "IGOUNO", "".
func splitCode(code string) (country, agent string) {
	n := 3
	for _, p := range [...]string{"IGO", "NGO", "IMG", "MNC"} {
		if strings.HasPrefix(code, p) && len(code) >= 6 {
			n = 6
		}
	}
	if len(code) <= n {
		return code, ""
	}
	agent = code[n:]
	if len(agent) > 3 {
		agent = agent[:3]
	}
	return code[:n], agent
}

// isExact reports whether phrase is written in ALL CAPS with at most four
// letters and no dots, and so matches only in exactly that case.
func isExact(phrase string) bool {
	letters := 0
	for i := 0; i < len(phrase); i++ {
		c := phrase[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == ' ' || c == '-' || c == '&':
		default:
			return false
		}
	}
	return letters > 0 && letters <= 4
}

package actor

import (
	"strings"
	"time"

	"github.com/detente-project/detente/text"
)

// Mention is a dictionary phrase found in a sentence.
type Mention struct {
	Start, End int    // token indices: the mention is toks[Start:End]
	Entry      *Entry // the entry valid at the sentence's date
}

// Sentence is a tokenized sentence ready for matching.
type Sentence struct {
	Text   string       // the sentence
	Lower  string       // text.LowerASCII(Text): same byte offsets
	Tokens []text.Token // text.Tokenize(Text)
}

// Word returns the match key of token i: lower-cased, plain apostrophes.
func (s *Sentence) Word(i int) string {
	t := s.Tokens[i]
	w := s.Lower[t.Start:t.End]
	if strings.Contains(w, "’") {
		if w == "’s" {
			return "'s"
		}
		return Key(w)
	}
	return w
}

// Match appends the mentions of s to dst, leftmost-longest and without
// overlap, and returns it. Actor and agent phrases are both found; where an
// actor and an agent phrase start at the same token the longer wins, the
// actor on a tie. Only entries valid on day date match (any entry when
// date is zero, undated ones first); a phrase written in short capitals
// matches only in that case. A blocking phrase ("South China Sea") is
// matched like an actor and returned with Entry.Block set, so that callers
// see its words are taken: it names no actor, and no shorter phrase inside
// it ("China") is found.
func (d *Dictionary) Match(s *Sentence, date time.Time, dst []Mention) []Mention {
	for i := 0; i < len(s.Tokens); {
		ae, an, ge, gn := longest(d.root, s, i, date)
		switch {
		case ae != nil && an >= gn:
			dst = append(dst, Mention{Start: i, End: i + an, Entry: ae})
			i += an
		case ge != nil:
			dst = append(dst, Mention{Start: i, End: i + gn, Entry: ge})
			i += gn
		default:
			if e := d.hyphenated(s, i, date); e != nil {
				dst = append(dst, Mention{Start: i, End: i + 1, Entry: e})
			}
			i++
		}
	}
	return dst
}

// hyphenSuffixes are the second halves of hyphenated words whose first
// half names the actor behind the thing: "a British-flagged tanker", "the
// Saudi-led coalition", "a Moscow-based bank", "Russian-held towns".
// "Iran-backed" and "U.S.-allied" are left out on purpose: a backed or
// allied force is not its backer.
var hyphenSuffixes = map[string]bool{
	"flagged": true, "led": true, "owned": true, "registered": true, "based": true, "run": true,
	"operated": true, "controlled": true, "held": true, "made": true, "built": true,
}

// hyphenated returns the actor entry of the first half of a hyphenated
// word at token i ("British-flagged"), or nil.
func (d *Dictionary) hyphenated(s *Sentence, i int, date time.Time) *Entry {
	w := s.Word(i)
	h := strings.IndexByte(w, '-')
	if h <= 0 || !hyphenSuffixes[w[h+1:]] {
		return nil
	}
	n := d.root.next[w[:h]]
	if n == nil {
		return nil
	}
	for _, e := range n.entries {
		if !e.IsAgent && !e.Block && e.ValidAt(date) && (!e.exact || len(e.cased) == 1 && s.Tokens[i].Text[:h] == e.cased[0]) {
			return e
		}
	}
	return nil
}

// longest walks the trie from token i and returns the entries of the
// longest actor phrase and of the longest agent phrase that match there,
// with their lengths in tokens.
func longest(root *node, s *Sentence, i int, date time.Time) (actor *Entry, actorLen int, agent *Entry, agentLen int) {
	n := root
	for j := i; j < len(s.Tokens); j++ {
		n = n.next[s.Word(j)]
		if n == nil {
			break
		}
		if len(n.entries) == 0 {
			continue
		}
		if e := pick(n.entries, s, i, date, false); e != nil {
			actor, actorLen = e, j-i+1
		}
		if e := pick(n.entries, s, i, date, true); e != nil {
			agent, agentLen = e, j-i+1
		}
	}
	return actor, actorLen, agent, agentLen
}

// endGrace is how long after an entry's period ends it still names its
// actor when no other entry does: the news of the day a leader falls and
// of the next two still call him by his office ("Assad fled Damascus",
// "Soleimani was killed").
const endGrace = 72 * time.Hour

// pick chooses among the actor (or agent) entries of one phrase the first
// valid on date whose case rule the text meets; with no date it prefers
// undated entries. With none valid it takes one whose period ended less
// than endGrace before date.
func pick(entries []*Entry, s *Sentence, i int, date time.Time, agent bool) *Entry {
	var fallback, ended *Entry
	for _, e := range entries {
		if e.IsAgent != agent {
			continue
		}
		if e.exact && !sameCase(e, s, i) {
			continue
		}
		if !e.ValidAt(date) {
			if ended == nil && !e.To.IsZero() && !date.Before(e.To) && date.Sub(e.To) < endGrace && (e.From.IsZero() || !date.Before(e.From)) {
				ended = e
			}
			continue
		}
		if date.IsZero() && e.Dated() {
			if fallback == nil || e.To.IsZero() || (!fallback.To.IsZero() && e.To.After(fallback.To)) {
				fallback = e
			}
			continue
		}
		return e
	}
	if fallback != nil {
		return fallback
	}
	return ended
}

// sameCase reports whether the tokens from i are written exactly as the
// phrase of e.
func sameCase(e *Entry, s *Sentence, i int) bool {
	if i+len(e.cased) > len(s.Tokens) {
		return false
	}
	for k, w := range e.cased {
		if s.Tokens[i+k].Text != w {
			return false
		}
	}
	return true
}

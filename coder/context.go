package coder

import (
	"strconv"

	"github.com/detente-project/detente/text"
)

// What the sentence around a trigger says of it: an event of an earlier
// year, a warning, commentary, a question.

// historical reports whether a trigger tells of an earlier year: "invaded
// Iraq in 2003", "twenty years after the US invaded Iraq". Such a sentence
// recalls an event; it does not report one.
func (w *work) historical(t *trigger) bool {
	if w.date.IsZero() {
		return false
	}
	// "have fought three wars": a count of past wars, not one now.
	for k := t.end; k < len(w.s.Tokens)-1 && k < t.end+2; k++ {
		if (pastCounts[w.word(k)] || w.s.Tokens[k].Kind == text.Number) && pastCounted[w.word(k+1)] {
			return true
		}
	}
	year := w.date.Year()
	for k := t.end; k < len(w.s.Tokens) && k < t.end+6; k++ {
		if w.word(k) != "in" || k+1 >= len(w.s.Tokens) || w.s.Tokens[k+1].Kind != text.Number {
			continue
		}
		if y, err := strconv.Atoi(w.word(k + 1)); err == nil && y >= 1800 && y < year {
			return true
		}
	}
	// "In 1990, Iraq's invasion of Kuwait ...", "Back in 2003, ...": an
	// opening year.
	k := 0
	if w.word(k) == "back" {
		k++
	}
	if w.word(k) == "in" && k+1 < len(w.s.Tokens) && w.s.Tokens[k+1].Kind == text.Number {
		if y, err := strconv.Atoi(w.word(k + 1)); err == nil && y >= 1800 && y < year {
			return true
		}
	}
	from := t.cl.start
	if t.cl.subj != 0 {
		from = w.phrases[t.cl.subj-1].start
	}
	for k := max(from-4, 0); k < from; k++ {
		if (w.word(k) == "years" || w.word(k) == "decades") && (w.word(k+1) == "after" || w.word(k+1) == "since") {
			return true
		}
	}
	return false
}

// warned reports whether the clause of a trigger is what someone warned,
// threatened or vowed: "X warned that Y would strike".
func (w *work) warned(t *trigger) bool {
	k := t.cl.start - 1
	if t.cl.subj != 0 {
		k = w.phrases[t.cl.subj-1].start - 1
	}
	if w.word(k) == "the" {
		k--
	}
	if w.word(k) == "that" {
		k--
	}
	switch w.word(k) {
	case "warned", "warns", "warn", "threatened", "threatens", "vowed", "vows":
		return true
	}
	return false
}

// commentary reports whether the sentence is commentary: analysts,
// observers or markets saying, cautioning or watching.
func (w *work) commentary() bool {
	for i := range w.s.Tokens {
		if !w.is(i, cCommentator) {
			continue
		}
		for k := i + 1; k <= i+3 && k < len(w.s.Tokens); k++ {
			if w.is(k, cCommentVerb) {
				return true
			}
		}
	}
	return false
}

func (w *work) endsWith(p string) bool {
	n := len(w.s.Tokens)
	for k := n - 1; k >= 0 && k >= n-3; k-- {
		if w.s.Tokens[k].Text == p {
			return true
		}
	}
	return false
}

// Package eval scores coded events against hand-coded gold sentences, as
// the gold set's README defines: a predicted event matches a gold event
// when the source's and target's country (or IGO) agree and its CAMEO root
// is the root of the gold code or of one of its alternatives; matching is
// one-to-one per sentence; a predicted triple repeated in a sentence counts
// once; negated and hypothetical predictions are not counted. Precision,
// recall and F1 are reported at that level (root), with the full code
// (code), and with agents (agent; a gold actor without an agent accepts any
// agent).
//
// Besides that gold format it reads two more: the pentaclass set (one
// sentence a line with the class of its main event, scored by
// ScorePentaclass) and the codebook's example sentences (a CSV with a code
// and an example a row, scored by ScoreCodebook). Detect tells the three
// apart by their first record. Predict codes any of them with a Coder, so a
// test in package coder scores the pentaclass set as
//
//	sents, err := eval.ReadPentaclass(name, f)
//	preds, err := eval.Predict(ctx, c, sents)
//	r, err := eval.ScorePentaclass(sents, preds)
//
// and the codebook examples likewise with ReadCodebookExamples and
// ScoreCodebook. It depends only on the standard library, the
// domain types and the project's CAMEO codebook, against which gold codes
// are checked.
package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/cameo"
)

// Sentence is one gold sentence with its hand-coded events.
type Sentence struct {
	ID     string      `json:"id"`
	Date   string      `json:"date"`
	Text   string      `json:"text"`
	Events []GoldEvent `json:"events"`
}

// GoldEvent is one hand-coded event: actors like "USAGOV" or "IGOUNO", a
// CAMEO code, and alternative codes a careful coder could defend.
type GoldEvent struct {
	Source string   `json:"source"`
	Target string   `json:"target"`
	Code   string   `json:"code"`
	Alt    []string `json:"alt,omitempty"`
}

// ReadGold reads gold sentences, one JSON object a line; name is used in
// errors. Every line needs an id (unique in the file), a text and an events
// array (empty for a sentence without events); every event a source, a
// target and a code, which like each alternative must be a code of the
// project's CAMEO codebook. The first line that breaks a rule ends the
// reading with an error naming name:line.
func ReadGold(name string, r io.Reader) ([]Sentence, error) {
	var out []Sentence
	err := eachLine(name, r, func(line []byte) (string, error) {
		var s Sentence
		if err := json.Unmarshal(line, &s); err != nil {
			return "", err
		}
		if s.ID == "" || s.Text == "" || s.Events == nil {
			return "", fmt.Errorf("want id, text and events")
		}
		if err := checkDate(s.Date); err != nil {
			return "", err
		}
		for i, e := range s.Events {
			if e.Source == "" || e.Target == "" || e.Code == "" {
				return "", fmt.Errorf("event %d: want source, target and code", i+1)
			}
			for _, c := range append([]string{e.Code}, e.Alt...) {
				if !cameo.Valid(c) {
					return "", fmt.Errorf("event %d: %q is not a CAMEO code", i+1, c)
				}
			}
		}
		out = append(out, s)
		return s.ID, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Day returns the sentence's date, zero when it has none.
func (s Sentence) Day() time.Time {
	t, _ := time.Parse(time.DateOnly, s.Date)
	return t
}

// Input returns the sentence's text and day, for Predict.
func (s Sentence) Input() (string, time.Time) { return s.Text, s.Day() }

// Pred is a predicted event as the scorer sees it.
type Pred struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"code"`
}

// String writes the event as "USAGOV→IRN 046".
func (p Pred) String() string { return fmt.Sprintf("%s→%s %s", p.Source, p.Target, p.Code) }

// Counted returns the events that count: neither negated nor hypothetical.
func Counted(evs []detente.Event) []Pred {
	var out []Pred
	for _, e := range evs {
		if e.Counted() {
			out = append(out, Pred{Source: e.Source.Code, Target: e.Target.Code, Code: e.Code})
		}
	}
	return out
}

// Score is precision, recall and F1 at one level.
type Score struct {
	TP, FP, FN int
	Precision  float64 `json:"precision"`
	Recall     float64 `json:"recall"`
	F1         float64 `json:"f1"`
}

func (s *Score) finish() {
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// Level names a matching level.
type Level int

// The three levels of matching.
const (
	Root Level = iota
	Code
	Agent
)

// Miss is a gold event not found, or a predicted event not in gold, at the
// root level.
type Miss struct {
	ID    string
	Text  string
	Event string // "USA→IRN 046"
	False bool   // a false positive; else a missed gold event
}

// Report is the result of an evaluation.
type Report struct {
	Sentences int
	Root      Score
	Code      Score
	Agent     Score
	// Confusion counts, for gold and predicted events paired by their
	// countries, gold root → predicted root; "--" stands for no event.
	Confusion map[string]map[string]int
	Errors    []Miss
	// OneSided counts the predicted events with a side that names no
	// country or organisation: no target or source at all, or an agent
	// alone ("CVL"). Gold codes only events whose two sides the sentence
	// names by country, so they have no gold counterpart and are left out
	// of the scores.
	OneSided int
}

// Evaluate scores the predictions of every gold sentence; preds[i] are the
// counted predictions for gold[i]. One-sided predictions are counted in
// Report.OneSided and not scored.
func Evaluate(gold []Sentence, preds [][]Pred) Report {
	r := Report{Sentences: len(gold), Confusion: map[string]map[string]int{}}
	for i, g := range gold {
		var p []Pred
		if i < len(preds) {
			for _, x := range preds[i] {
				if !named(x.Source) || !named(x.Target) {
					r.OneSided++
					continue
				}
				p = append(p, x)
			}
		}
		for lv, sc := range []*Score{&r.Root, &r.Code, &r.Agent} {
			ps := unique(p, Level(lv))
			tp, gm, pm := match(g.Events, ps, Level(lv))
			sc.TP += tp
			sc.FN += len(g.Events) - tp
			sc.FP += len(ps) - tp
			if Level(lv) == Root {
				for k, e := range g.Events {
					if gm[k] < 0 {
						r.Errors = append(r.Errors, Miss{ID: g.ID, Text: g.Text, Event: fmt.Sprintf("%s→%s %s", e.Source, e.Target, e.Code)})
					}
				}
				for k, e := range ps {
					if pm[k] < 0 {
						r.Errors = append(r.Errors, Miss{ID: g.ID, Text: g.Text, Event: e.String(), False: true})
					}
				}
			}
		}
		r.confuse(g.Events, unique(p, Root))
	}
	r.Root.finish()
	r.Code.finish()
	r.Agent.finish()
	return r
}

// unique drops predictions that repeat one already seen at the level.
func unique(ps []Pred, lv Level) []Pred {
	var out []Pred
	seen := map[string]bool{}
	for _, p := range ps {
		k := key(p, lv)
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

func key(p Pred, lv Level) string {
	switch lv {
	case Code:
		return Country(p.Source) + "|" + Country(p.Target) + "|" + p.Code
	case Agent:
		return p.Source + "|" + p.Target + "|" + root(p.Code)
	}
	return Country(p.Source) + "|" + Country(p.Target) + "|" + root(p.Code)
}

// matches reports whether prediction p matches gold event g at level lv.
func matches(g GoldEvent, p Pred, lv Level) bool {
	if Country(g.Source) != Country(p.Source) || Country(g.Target) != Country(p.Target) {
		return false
	}
	codes := append([]string{g.Code}, g.Alt...)
	switch lv {
	case Code:
		for _, c := range codes {
			if c == p.Code {
				return true
			}
		}
		return false
	case Agent:
		if !agentOK(g.Source, p.Source) || !agentOK(g.Target, p.Target) {
			return false
		}
	}
	for _, c := range codes {
		if root(c) == root(p.Code) {
			return true
		}
	}
	return false
}

// agentOK: a gold actor without an agent accepts any agent.
func agentOK(gold, pred string) bool {
	return Country(gold) == gold || gold == pred
}

// match pairs gold and predicted events one-to-one, as many as possible
// (augmenting paths), and returns the pairs' count and each side's partner
// (-1 for none).
func match(gold []GoldEvent, ps []Pred, lv Level) (int, []int, []int) {
	gm, pm := make([]int, len(gold)), make([]int, len(ps))
	for i := range gm {
		gm[i] = -1
	}
	for i := range pm {
		pm[i] = -1
	}
	var try func(g int, seen []bool) bool
	try = func(g int, seen []bool) bool {
		for p := range ps {
			if seen[p] || !matches(gold[g], ps[p], lv) {
				continue
			}
			seen[p] = true
			if pm[p] < 0 || try(pm[p], seen) {
				pm[p], gm[g] = g, p
				return true
			}
		}
		return false
	}
	n := 0
	for g := range gold {
		if try(g, make([]bool, len(ps))) {
			n++
		}
	}
	return n, gm, pm
}

// confuse pairs gold and predicted events by their countries and counts
// their roots.
func (r *Report) confuse(gold []GoldEvent, ps []Pred) {
	used := make([]bool, len(ps))
	add := func(g, p string) {
		if r.Confusion[g] == nil {
			r.Confusion[g] = map[string]int{}
		}
		r.Confusion[g][p]++
	}
	for _, g := range gold {
		best := -1
		for k, p := range ps {
			if used[k] || Country(g.Source) != Country(p.Source) || Country(g.Target) != Country(p.Target) {
				continue
			}
			if best < 0 || matches(g, p, Root) {
				best = k
			}
		}
		if best < 0 {
			add(root(g.Code), "--")
			continue
		}
		used[best] = true
		add(root(g.Code), root(ps[best].Code))
	}
	for k, p := range ps {
		if !used[k] {
			add("--", root(p.Code))
		}
	}
}

// Country returns the country or organisation part of an actor code:
// "USAGOV" → "USA", "IGOUNO" → "IGOUNO".
func Country(code string) string {
	for _, p := range [...]string{"IGO", "NGO", "IMG", "MNC"} {
		if strings.HasPrefix(code, p) && len(code) >= 6 {
			return code[:6]
		}
	}
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

// named reports whether an actor code names a country or an organisation,
// not only an agent.
func named(code string) bool {
	c := Country(code)
	return detente.IsCountry(c) || len(c) == 6
}

func root(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

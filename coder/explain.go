package coder

import (
	"fmt"
	"strings"
	"time"
)

// Explanation shows how the coder read a sentence: its tokens, the
// dictionary phrases found, the actor phrases built from them and the
// patterns that fired, with the subject each found.
type Explanation struct {
	Tokens   []string `json:"tokens"`
	Tags     []string `json:"tags"` // part of speech of each token`
	Mentions []string `json:"mentions"`
	Phrases  []string `json:"phrases"`
	Triggers []string `json:"triggers"`
}

// Explain codes a sentence like CodeText and reports how it was read.
func (c *Coder) Explain(sentence string, date time.Time) Explanation {
	w := c.pool.Get().(*work)
	defer c.pool.Put(w)
	w.art = artState{}
	w.reset(c, sentence, date)
	w.analyse()
	var x Explanation
	for i, t := range w.s.Tokens {
		x.Tokens = append(x.Tokens, t.Text)
		x.Tags = append(x.Tags, w.tags[i].String())
	}
	for _, m := range w.ments {
		x.Mentions = append(x.Mentions, fmt.Sprintf("%s=%s (%s)", w.span(m.Start, m.End), m.Entry.Code, m.Entry.Source))
	}
	for _, m := range w.blocks {
		x.Mentions = append(x.Mentions, fmt.Sprintf("%s=%s (%s, codes nothing)", w.span(m.Start, m.End), m.Entry.Code, m.Entry.Source))
	}
	for _, p := range w.phrases {
		var codes []string
		for _, u := range p.units {
			codes = append(codes, orUnknown(u.code(), u.agent))
		}
		x.Phrases = append(x.Phrases, fmt.Sprintf("%q=%s head=%v", w.span(p.start, p.end), strings.Join(codes, "+"), p.head))
	}
	for _, t := range w.trig {
		subj := "none"
		if t.cl.subj != 0 {
			p := w.phrases[t.cl.subj-1]
			subj = fmt.Sprintf("%q", w.span(p.start, p.end))
		}
		slot := "none"
		if t.slot != 0 {
			p := w.phrases[t.slot-1]
			slot = fmt.Sprintf("%q", w.span(p.start, p.end))
		}
		if t.src != 0 {
			p := w.phrases[t.src-1]
			subj = fmt.Sprintf("%q", w.span(p.start, p.end))
		}
		x.Triggers = append(x.Triggers, fmt.Sprintf("%q %s %s [%s] subject=%s via=%q slot=%s passive=%v neg=%v hyp=%v future=%v control=%d",
			w.span(t.at, t.end), t.rule.Code, t.rule.Source, t.rule.Text, subj, t.cl.via, slot, t.cl.passive, t.cl.neg, t.cl.hyp, t.cl.future, t.cl.ctl))
	}
	return x
}

func orUnknown(code, agent string) string {
	if code == agent {
		return "?" + agent
	}
	return code
}

// span returns the text of tokens [i, j).
func (w *work) span(i, j int) string {
	if i >= j || j > len(w.s.Tokens) {
		return ""
	}
	return w.s.Text[w.s.Tokens[i].Start:w.s.Tokens[j-1].End]
}

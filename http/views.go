package http

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

// segment is a piece of text, marked with a class ("src", "tgt", "trg",
// "hit") or plain when Class is "". Templates escape every piece.
type segment struct {
	Text  string
	Class string
	Title string
}

// markSpan is a span of a sentence to highlight.
type markSpan struct {
	Start, End int
	Class      string
	Title      string
}

// highlight cuts a sentence into plain and marked segments. Where spans
// overlap, the earlier span in the list wins (so an actor stays marked
// inside a trigger phrase that contains it). Spans that fall outside the
// text or split a UTF-8 sequence are left unmarked rather than trusted.
func highlight(text string, spans []markSpan) []segment {
	owner := make([]int, len(text)) // 1 + index of the span marking each byte, 0 for none
	for i, sp := range spans {
		if sp.Start < 0 || sp.End <= sp.Start || sp.End > len(text) || !boundary(text, sp.Start) || !boundary(text, sp.End) {
			continue
		}
		for b := sp.Start; b < sp.End; b++ {
			if owner[b] == 0 {
				owner[b] = i + 1
			}
		}
	}
	var out []segment
	for start := 0; start < len(text); {
		end := start + 1
		for end < len(text) && owner[end] == owner[start] {
			end++
		}
		seg := segment{Text: text[start:end]}
		if o := owner[start]; o > 0 {
			seg.Class, seg.Title = spans[o-1].Class, spans[o-1].Title
		}
		out = append(out, seg)
		start = end
	}
	return out
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

// eventSpans are the source, target and trigger of an event.
func eventSpans(e detente.Event) []markSpan {
	return []markSpan{
		{e.Source.Start, e.Source.End, "src", "source: " + e.Source.Code},
		{e.Target.Start, e.Target.End, "tgt", "target: " + e.Target.Code},
		{e.Trigger.Start, e.Trigger.End, "trg", "trigger: " + codeName(e.Code)},
	}
}

// snippet cuts a search snippet whose matches are marked [[ and ]].
func snippet(s string) []segment {
	var out []segment
	for s != "" {
		before, rest, ok := strings.Cut(s, "[[")
		if !ok {
			out = append(out, segment{Text: s})
			break
		}
		hit, after, ok := strings.Cut(rest, "]]")
		if !ok {
			out = append(out, segment{Text: before + rest})
			break
		}
		if before != "" {
			out = append(out, segment{Text: before})
		}
		out = append(out, segment{Text: hit, Class: "hit"})
		s = after
	}
	return out
}

// eventView is an event with its sentence, highlighted, and its article.
type eventView struct {
	detente.Event
	Sentence []segment
	Title    string
	URL      string
	Site     string
}

// withSentences looks up the sentence and article of each event, all at
// once.
func (s *Server) withSentences(ctx context.Context, evs []detente.Event) ([]eventView, error) {
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	sents, err := s.cfg.Reader.EventSentences(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]eventView, len(evs))
	for i, e := range evs {
		es := sents[e.ID]
		out[i] = eventView{Event: e, Sentence: highlight(es.Text, eventSpans(e)), Title: es.Title, URL: es.URL, Site: es.Site}
	}
	return out, nil
}

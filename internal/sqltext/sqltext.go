// Package sqltext makes text safe for SQL stores: free text with NUL
// bytes or invalid UTF-8 is cleaned to the same length, so offsets still
// hold, and search input is reduced to plain words.
package sqltext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

// Clean returns s with every NUL byte and every byte of an invalid
// UTF-8 sequence replaced by '?': text that any SQL database stores, with
// the same length, so that sentence and span offsets still hold.
func Clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0:
			b.WriteByte('?')
		case r == utf8.RuneError && n == 1:
			b.WriteByte('?')
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Document returns d with its free text cleaned by Clean, sharing
// nothing that it changes with d.
func Document(d detente.Document) detente.Document {
	a := &d.Article
	for _, p := range []*string{&a.ID, &a.URL, &a.CanonicalURL, &a.Site, &a.Title, &a.Byline, &a.Lang, &a.Body,
		&a.StoryID, &a.ContentHash} {
		*p = Clean(*p)
	}
	d.Sentences = append([]detente.Sentence(nil), d.Sentences...)
	for i := range d.Sentences {
		d.Sentences[i].Text = Clean(d.Sentences[i].Text)
	}
	d.Events = append([]detente.Event(nil), d.Events...)
	for i := range d.Events {
		e := &d.Events[i]
		for _, p := range []*string{&e.ID, &e.Source.Code, &e.Source.Country, &e.Source.Agent, &e.Source.Text,
			&e.Source.Entry, &e.Target.Code, &e.Target.Country, &e.Target.Agent, &e.Target.Text, &e.Target.Entry,
			&e.Code, &e.Root, &e.Plover, &e.Location.Country, &e.Location.Place, &e.Trigger.Text, &e.Rule,
			&e.CoderVersion, &e.DictVersion} {
			*p = Clean(*p)
		}
		e.Mediators = append([]detente.Actor(nil), e.Mediators...)
		for j := range e.Mediators {
			m := &e.Mediators[j]
			for _, p := range []*string{&m.Code, &m.Country, &m.Agent, &m.Text, &m.Entry} {
				*p = Clean(*p)
			}
		}
	}
	return d
}

// Plain returns s as valid UTF-8 with control characters (NUL among them,
// which neither SQL text nor search syntax accepts) turned to spaces.
func Plain(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
}

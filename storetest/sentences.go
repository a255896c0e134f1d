package storetest

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// sameEventSentence reports whether a and b are the same, their times the
// same instant.
func sameEventSentence(a, b detente.EventSentence) bool {
	at, bt := a.Published, b.Published
	a.Published, b.Published = time.Time{}, time.Time{}
	return a == b && at.Equal(bt)
}

// testEventSentences checks that EventSentences gives each event, counted
// or not, the sentence it was coded from and its article's title, URL,
// site, byline and time of publication, leaves out IDs of no stored event,
// and reads more IDs than one list of placeholders holds.
func testEventSentences(t *testing.T, s Store) {
	ctx := context.Background()
	docs := append(Corpus(), manyDocs("sentences", 300)...)
	writeBatches(t, s, docs, 100)
	want := map[string]detente.EventSentence{}
	var all []string
	for _, d := range docs {
		for _, e := range d.Events {
			want[e.ID] = detente.EventSentence{Text: d.Sentences[e.SentenceIndex].Text,
				Title: d.Article.Title, URL: d.Article.URL, Site: d.Article.Site, Byline: d.Article.Byline,
				Published: d.Article.Published}
			all = append(all, e.ID)
		}
	}
	// The corpus's second sentences tell a wrong index from a right one.
	corpus := Corpus()[0].Events
	for _, tt := range []struct {
		name string
		ids  []string
	}{
		{"none", nil},
		{"one", []string{corpus[1].ID}},
		{"unknown and malformed", []string{corpus[0].ID, "no-such-event", "bad\xffid"}},
		{"all, repeated", append(all, all[:3]...)},
	} {
		got, err := s.EventSentences(ctx, tt.ids)
		if err != nil {
			t.Fatalf("%s: EventSentences: %v", tt.name, err)
		}
		w := map[string]detente.EventSentence{}
		for _, id := range tt.ids {
			if es, ok := want[id]; ok {
				w[id] = es
			}
		}
		if !maps.EqualFunc(got, w, sameEventSentence) {
			t.Errorf("%s: EventSentences gave %d events, want %d", tt.name, len(got), len(w))
			for id, es := range w {
				if !sameEventSentence(got[id], es) {
					t.Errorf("%s: event %s: got %+v, want %+v", tt.name, id, got[id], es)
				}
			}
		}
	}
}

// testEventsByID checks that EventsByID gives each stored event of a list
// of IDs once, as Event gives it, in the list's order, leaving out IDs of
// no stored event.
func testEventsByID(t *testing.T, s Store) {
	ctx := context.Background()
	docs := append(Corpus(), manyDocs("byid", 30)...)
	write(t, s, docs...)
	var all []string
	for _, d := range docs {
		for _, e := range d.Events {
			all = append(all, e.ID)
		}
	}
	backwards := slices.Clone(all)
	slices.Reverse(backwards)
	for _, tt := range []struct {
		name      string
		ids, want []string
	}{
		{"none", nil, nil},
		{"unknown and malformed", []string{"no-such-event", all[1], "bad\xffid", all[0]}, []string{all[1], all[0]}},
		{"all backwards, repeated", append(backwards, all[:3]...), backwards},
	} {
		got, err := s.EventsByID(ctx, tt.ids)
		if err != nil {
			t.Fatalf("%s: EventsByID: %v", tt.name, err)
		}
		if len(got) != len(tt.want) {
			t.Fatalf("%s: EventsByID gave %d events, want %d", tt.name, len(got), len(tt.want))
		}
		for i, id := range tt.want {
			e, err := s.Event(ctx, id)
			if err != nil {
				t.Fatalf("Event(%s): %v", id, err)
			}
			if !reflect.DeepEqual(got[i], e) {
				t.Errorf("%s: event %d = %+v, want %+v", tt.name, i, got[i], e)
			}
		}
	}
}

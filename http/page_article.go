package http

import (
	nethttp "net/http"
	"sort"

	"github.com/detente-project/detente"
)

// sentenceView is one sentence of an article, its events' spans marked.
type sentenceView struct {
	Index    int
	Segments []segment
	Events   []detente.Event
}

// paragraphView is a paragraph of an article's body: its sentences.
type paragraphView struct {
	Sentences []sentenceView
}

type articleData struct {
	Article    detente.Article
	Paragraphs []paragraphView
	Events     int               // events coded from the article
	Story      []detente.Article // the story's other articles, its other outlets
}

// articlePage shows an article's text with the sentences that gave events
// marked, and the other articles of its story.
func (s *Server) articlePage(w nethttp.ResponseWriter, r *nethttp.Request) {
	ctx := r.Context()
	a, sents, evs, err := s.cfg.Reader.Article(ctx, r.PathValue("id"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	d := articleData{Article: a, Events: len(evs)}
	bySentence := map[int][]detente.Event{}
	for _, e := range evs {
		bySentence[e.SentenceIndex] = append(bySentence[e.SentenceIndex], e)
	}
	sort.Slice(sents, func(i, j int) bool { return sents[i].Index < sents[j].Index })
	// A paragraph break in the body ("\n\n") between two sentences starts
	// a new paragraph on the page.
	prevEnd := 0
	for _, st := range sents {
		if len(d.Paragraphs) == 0 || paragraphBreak(a.Body, prevEnd, st.Start) {
			d.Paragraphs = append(d.Paragraphs, paragraphView{})
		}
		var spans []markSpan
		for _, e := range bySentence[st.Index] {
			spans = append(spans, eventSpans(e)...)
		}
		p := &d.Paragraphs[len(d.Paragraphs)-1]
		p.Sentences = append(p.Sentences, sentenceView{Index: st.Index, Segments: highlight(st.Text, spans), Events: bySentence[st.Index]})
		prevEnd = st.End
	}
	if d.Story, err = s.storyOthers(ctx, a.StoryID, a.ID); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "article", page{Title: a.Title, Data: d})
}

// paragraphBreak reports whether the body holds a blank line between two
// byte offsets.
func paragraphBreak(body string, from, to int) bool {
	if from < 0 || to > len(body) || from >= to {
		return false
	}
	for i := from; i+1 < to; i++ {
		if body[i] == '\n' && body[i+1] == '\n' {
			return true
		}
	}
	return false
}

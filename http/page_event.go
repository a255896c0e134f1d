package http

import (
	nethttp "net/http"

	"github.com/detente-project/detente"
)

// storyArticles bounds the other articles of a story listed on an event.
const storyArticles = 20

type eventData struct {
	Event    detente.Event
	Sentence []segment
	Article  detente.Article
	Story    []detente.Article // the story's other articles
	Pair     detente.Pair      // the event's country pair, zero when it has none
}

func (s *Server) eventPage(w nethttp.ResponseWriter, r *nethttp.Request) {
	ctx := r.Context()
	e, err := s.cfg.Reader.Event(ctx, r.PathValue("id"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	a, sents, _, err := s.cfg.Reader.Article(ctx, e.ArticleID)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	d := eventData{Event: e, Article: a}
	for _, st := range sents {
		if st.Index == e.SentenceIndex {
			d.Sentence = highlight(st.Text, eventSpans(e))
		}
	}
	if p := detente.NewPair(e.Source.Country, e.Target.Country, false); p.Validate() == nil {
		d.Pair = p
	}
	if e.StoryID != "" {
		page, err := s.cfg.Reader.Articles(ctx, detente.ArticleFilter{StoryID: e.StoryID, Limit: storyArticles + 1})
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		for _, o := range page.Articles {
			if o.ID != a.ID && len(d.Story) < storyArticles {
				d.Story = append(d.Story, o)
			}
		}
	}
	s.render(w, r, nethttp.StatusOK, "event", page{Title: e.Source.Code + " → " + e.Target.Code + ": " + codeName(e.Code), Data: d})
}

package http

import (
	"context"
	nethttp "net/http"

	"github.com/detente-project/detente"
)

// storyArticles bounds the other articles of a story listed on a page.
const storyArticles = 20

// storyOthers returns up to storyArticles articles of a story other than
// the one with ID except; none when there is no story.
func (s *Server) storyOthers(ctx context.Context, story, except string) ([]detente.Article, error) {
	if story == "" {
		return nil, nil
	}
	page, err := s.cfg.Reader.Articles(ctx, detente.ArticleFilter{StoryID: story, Limit: storyArticles + 1})
	if err != nil {
		return nil, err
	}
	var others []detente.Article
	for _, o := range page.Articles {
		if o.ID != except && len(others) < storyArticles {
			others = append(others, o)
		}
	}
	return others, nil
}

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
	if d.Story, err = s.storyOthers(ctx, e.StoryID, a.ID); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "event", page{Title: e.Source.Code + " → " + e.Target.Code + ": " + codeName(e.Code), Data: d})
}

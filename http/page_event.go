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
	// The page shows one sentence of the article and none of its body:
	// the whole article, its sentences and events were read for it (three
	// statements, and every event of the article scanned).
	sents, err := s.cfg.Reader.EventSentences(ctx, []string{e.ID})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	es, ok := sents[e.ID]
	if !ok {
		// Rebuilt since it was read.
		s.errorPage(w, r, detente.Errorf(detente.ENOTFOUND, "event %q not found", e.ID))
		return
	}
	a := detente.Article{ID: e.ArticleID, Title: es.Title, URL: es.URL, Site: es.Site, Byline: es.Byline, Published: es.Published,
		StoryID: e.StoryID}
	d := eventData{Event: e, Article: a, Sentence: highlight(es.Text, eventSpans(e))}
	if p := detente.NewPair(e.Source.Country, e.Target.Country, false); p.Validate() == nil {
		d.Pair = p
	}
	if d.Story, err = s.storyOthers(ctx, e.StoryID, a.ID); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "event", page{Title: e.Source.Code + " → " + e.Target.Code + ": " + codeName(e.Code), Data: d})
}

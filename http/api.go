package http

import (
	nethttp "net/http"

	"github.com/detente-project/detente"
)

func (s *Server) health(w nethttp.ResponseWriter, r *nethttp.Request) {
	writeJSON(w, nethttp.StatusOK, map[string]string{"status": "ok", "version": detente.Version})
}

func (s *Server) stats(w nethttp.ResponseWriter, r *nethttp.Request) {
	st, err := s.cfg.Reader.Stats(r.Context())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, st)
}

type articlesJSON struct {
	Articles []articleJSON `json:"articles"`
	Next     string        `json:"next"`
}

func (s *Server) articles(w nethttp.ResponseWriter, r *nethttp.Request) {
	q := r.URL.Query()
	var f detente.ArticleFilter
	var err error
	if f.From, f.To, err = parseRange(q); err == nil {
		if f.Query, err = parseText(q.Get("q")); err == nil {
			if f.Cursor, err = parseCursor(q.Get("cursor")); err == nil {
				f.Limit, err = parseLimit(q.Get("limit"))
			}
		}
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	f.StoryID = q.Get("story")
	page, err := s.cfg.Reader.Articles(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := articlesJSON{Articles: make([]articleJSON, 0, len(page.Articles)), Next: page.Next}
	for _, a := range page.Articles {
		out.Articles = append(out.Articles, toArticle(a))
	}
	writeJSON(w, nethttp.StatusOK, out)
}

func (s *Server) article(w nethttp.ResponseWriter, r *nethttp.Request) {
	a, sents, evs, err := s.cfg.Reader.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	j := toArticle(a)
	j.Body, j.Sentences, j.Events = a.Body, toSentences(sents), toEvents(evs)
	writeJSON(w, nethttp.StatusOK, j)
}

func (s *Server) push(w nethttp.ResponseWriter, r *nethttp.Request) {
	if s.cfg.Push == nil {
		writeError(w, r, s.log, detente.Errorf(detente.ENOTFOUND, "this server takes no pushed articles"))
		return
	}
	s.cfg.Push.ServeHTTP(w, r)
}

type eventsJSON struct {
	Events []eventJSON `json:"events"`
	Next   string      `json:"next"`
}

func (s *Server) events(w nethttp.ResponseWriter, r *nethttp.Request) {
	f, err := parseEventFilter(r.URL.Query())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	page, err := s.cfg.Reader.Events(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, eventsJSON{Events: toEvents(page.Events), Next: page.Next})
}

func (s *Server) event(w nethttp.ResponseWriter, r *nethttp.Request) {
	e, err := s.cfg.Reader.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, nethttp.StatusOK, toEvent(e))
}

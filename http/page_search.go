package http

import (
	nethttp "net/http"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/cameo"
)

// searchHits bounds the sentences a search shows.
const searchHits = 50

type hitView struct {
	detente.SentenceHit
	Segments []segment
}

type searchData struct {
	Query, Pair, Root, From, To string
	Roots                       []cameo.Code
	Searched                    bool
	Error                       string
	Hits                        []hitView
}

func (s *Server) searchPage(w nethttp.ResponseWriter, r *nethttp.Request) {
	q := r.URL.Query()
	d := searchData{Query: q.Get("q"), Pair: q.Get("pair"), Root: q.Get("root"), From: q.Get("from"), To: q.Get("to"), Roots: cameo.Roots()}
	status := nethttp.StatusOK
	f, err := parseEventFilter(q)
	if err == nil && f.Query != "" {
		d.Searched = true
		var hits []detente.SentenceHit
		hits, err = s.cfg.Reader.SearchSentences(r.Context(), f.Query, f, searchHits)
		for _, h := range hits {
			d.Hits = append(d.Hits, hitView{SentenceHit: h, Segments: snippet(h.Snippet)})
		}
	}
	if err != nil {
		status = statusOf(detente.ErrorCode(err))
		if status == nethttp.StatusInternalServerError {
			s.log.ErrorContext(r.Context(), "search failed", "url", r.URL.String(), "err", err)
		}
		d.Error = detente.ErrorMessage(err)
	}
	s.render(w, r, status, "search", page{Title: "Search", Nav: "search", Data: d})
}

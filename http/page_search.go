package http

import (
	nethttp "net/http"
	"net/url"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/cameo"
)

// Sizes of the search page: hits a page shows, and how deep paging goes.
const (
	searchHits  = 50
	searchDepth = 1000
)

// copyView is one more outlet that printed a hit's sentence.
type copyView struct {
	Site, Title, URL string
}

type hitView struct {
	detente.SentenceHit
	Segments []segment
	Copies   []copyView // the same sentence in other articles of its story
}

type searchData struct {
	Query, Pair, Root, From, To string
	Roots                       []cameo.Code
	Searched                    bool
	Error                       string
	Hits                        []hitView
	First, Last                 int    // ranks of the first and last sentence shown, from 1
	Prev, Next                  string // links to the neighbouring pages
	Deep                        bool   // paging stops here: searchDepth sentences
	// Filtered says that event filters (pair, kind, actors) keep only
	// sentences with such an event; Unfiltered is how many sentences match
	// the words alone (up to searchDepth) and AllURL the search without
	// the filters.
	Filtered   bool
	Unfiltered int
	AllURL     string
}

// searchFields are the filters a query may carry as field:value words
// ("talks pair:IRN-USA root:04"), moved to their parameters.
var searchFields = []string{"pair", "source", "target", "agent", "code", "root", "quad", "from", "to"}

// liftFields moves field:value words of q into their parameters, unless
// searchPageKeys are the query parameters the search page reads, those
// its paging links keep.
var searchPageKeys = []string{"q", "pair", "root", "from", "to", "offset"}

// the form sets them too.
func liftFields(q url.Values) {
	var words []string
	for _, w := range strings.Fields(q.Get("q")) {
		name, value, ok := strings.Cut(w, ":")
		if ok && value != "" && q.Get(name) == "" && contains(searchFields, name) {
			q.Set(name, value)
			continue
		}
		words = append(words, w)
	}
	q.Set("q", strings.Join(words, " "))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (s *Server) searchPage(w nethttp.ResponseWriter, r *nethttp.Request) {
	q := r.URL.Query()
	liftFields(q)
	d := searchData{Query: r.URL.Query().Get("q"), Pair: q.Get("pair"), Root: q.Get("root"), From: q.Get("from"), To: q.Get("to"), Roots: cameo.Roots()}
	status := nethttp.StatusOK
	offset, err := parseOffset(q.Get("offset"))
	if err == nil && offset >= searchDepth {
		err = invalid("offset %d: search pages go %d sentences deep; narrow the search", offset, searchDepth)
	}
	var f detente.EventFilter
	if err == nil {
		f, err = parseEventFilter(q)
	}
	if err == nil && f.Query != "" {
		d.Searched = true
		err = s.search(r, f, offset, &d)
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

// search fills d with the page of hits from offset on, wire copies of a
// sentence shown as one hit with their outlets.
func (s *Server) search(r *nethttp.Request, f detente.EventFilter, offset int, d *searchData) error {
	ctx := r.Context()
	// One more than the page tells whether a next page exists.
	size := min(offset+searchHits+1, searchDepth)
	hits, err := s.cfg.Reader.SearchSentences(ctx, f.Query, f, size)
	if err != nil {
		return err
	}
	if offset < len(hits) {
		page := hits[offset:]
		if len(page) > searchHits {
			page = page[:searchHits]
			d.Next = pageLink(r.URL, searchPageKeys, offset+searchHits)
		} else if len(hits) == searchDepth {
			d.Deep = true
		}
		d.Hits = collapse(page)
		d.First, d.Last = offset+1, offset+len(page)
	}
	if offset > 0 {
		d.Prev = pageLink(r.URL, searchPageKeys, max(0, offset-searchHits))
	}
	words := detente.EventFilter{Query: f.Query, From: f.From, To: f.To}
	if f.Source != "" || f.Target != "" || f.Pair[0] != "" || f.Agent != "" || f.Code != "" || f.Root != "" || f.Quad != 0 {
		d.Filtered = true
		if d.Unfiltered, err = s.cfg.Reader.CountSentences(ctx, f.Query, words, searchDepth); err != nil {
			return err
		}
		u := url.Values{"q": {f.Query}}
		if d.From != "" {
			u.Set("from", d.From)
		}
		if d.To != "" {
			u.Set("to", d.To)
		}
		d.AllURL = "/search?" + u.Encode()
	}
	return nil
}

// collapse shows the wire copies of a sentence (the same text in another
// article of the same story) as one hit with the other outlets listed,
// keeping the first, newest, in its place.
func collapse(hits []detente.SentenceHit) []hitView {
	var out []hitView
	at := map[string]int{}
	for _, h := range hits {
		key := h.StoryID + "\x00" + fold(withoutDateline(h.Sentence.Text))
		if i, ok := at[key]; ok && h.StoryID != "" {
			out[i].Copies = append(out[i].Copies, copyView{Site: h.Site, Title: h.Title, URL: h.URL})
			continue
		}
		at[key] = len(out)
		out = append(out, hitView{SentenceHit: h, Segments: snippet(h.Snippet)})
	}
	return out
}

// withoutDateline is a sentence without the dateline that opens it
// ("DUBAI (Northwind Wire) — "), which copies of a story write
// differently.
func withoutDateline(s string) string {
	head, rest, ok := strings.Cut(s, " — ")
	if ok && len(strings.Fields(head)) <= maxDatelineWords {
		return rest
	}
	return s
}

// maxDatelineWords bounds the words of a dateline.
const maxDatelineWords = 6

// fold reduces a sentence to its lower-case letters and digits, so that
// copies differing in spacing or punctuation compare equal.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

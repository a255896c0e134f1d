package http

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	nethttp "net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/cameo"
)

// files holds the dashboard's templates and static assets, the generated
// map included when it was made before the build.
//
//go:embed templates assets
var files embed.FS

// pages renders the dashboard.
type pages struct {
	tmpl   map[string]*template.Template
	assets nethttp.Handler
	world  *worldMap
}

// pageNames are the templates of the dashboard, each drawn inside base.
var pageNames = []string{"overview", "pair", "pairs", "event", "article", "alert", "search", "country", "countries", "error"}

func newPages(s *Server) *pages {
	p := &pages{tmpl: map[string]*template.Template{}}
	funcs := template.FuncMap{
		"country":     countryName,
		"pairTitle":   pairTitle,
		"pairURL":     pairURL,
		"quadName":    func(q detente.QuadClass) string { return quadNames[q] },
		"codeName":    codeName,
		"day":         func(t time.Time) string { return t.UTC().Format(dayLayout) },
		"f1":          func(v float64) string { return fixed(v, 1, false) },
		"f2":          func(v float64) string { return fixed(v, 2, false) },
		"signed":      func(v float64) string { return fixed(v, 2, true) },
		"num":         num,
		"daysBetween": func(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) },
		"dirClass":    classOf,
		"changeClass": changeClass,
		"pairRows":    pairRows,
		"marked":      marked,
		"eventList":   eventList,
	}
	base := template.Must(template.New("base.html").Funcs(funcs).ParseFS(files, "templates/base.html", "templates/parts.html"))
	for _, name := range pageNames {
		t := template.Must(template.Must(base.Clone()).ParseFS(files, "templates/"+name+".html"))
		p.tmpl[name] = t
	}
	// The file server sees assets/ alone, so that no path, however
	// encoded, reaches the templates.
	p.assets = nethttp.NotFoundHandler()
	if sub, err := fs.Sub(files, "assets"); err == nil {
		p.assets = nethttp.StripPrefix("/assets/", nethttp.FileServerFS(sub))
	}
	var err error
	if p.world, err = loadWorldMap(files); err != nil {
		s.log.Error("map data unusable; overview lists countries instead", "err", err)
	}
	return p
}

// pageRoutes lists the dashboard.
// asOfKeys are the query parameters of a page that reads only its as-of
// day (Server.asOf).
var asOfKeys = []string{"as_of", "to"}

// seriesPageKeys are the query parameters the pair and country pages read
// (asOf and seriesRange).
var seriesPageKeys = []string{"as_of", "from", "to", "interval"}

func (s *Server) pageRoutes() []route {
	return []route{
		// The overview and the two indexes rank every pair and index
		// every country, the same for everyone as of a day, so they are
		// kept as the tension endpoints are. A pair's and a country's
		// page chart their series and rank their events and pairs, also
		// the same for everyone as of a day.
		{pattern: "GET /{$}", class: asPage, cache: true, keys: asOfKeys, handle: s.overview},
		{pattern: "GET /pairs", class: asPage, cache: true, keys: pairsPageKeys, handle: s.pairIndex},
		{pattern: "GET /pairs/{pair}", class: asPage, cache: true, keys: seriesPageKeys, handle: s.pairPage},
		{pattern: "GET /countries", class: asPage, cache: true, keys: asOfKeys, handle: s.countryIndexPage},
		{pattern: "GET /events/{id}", class: asPage, handle: s.eventPage},
		{pattern: "GET /articles/{id}", class: asPage, handle: s.articlePage},
		{pattern: "GET /alerts/{id}", class: asPage, handle: s.alertPage},
		{pattern: "GET /search", class: asSearch, handle: s.searchPage},
		{pattern: "GET /countries/{country}", class: asPage, cache: true, keys: seriesPageKeys, handle: s.countryPage},
		{pattern: "GET /assets/", handle: s.asset},
		{pattern: "GET /favicon.ico", handle: noIcon},
	}
}

// noIcon answers browsers' request for an icon with nothing, rather than
// a 404 that they would log as an error. Pages declare an empty icon.
func noIcon(w nethttp.ResponseWriter, r *nethttp.Request) {
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(nethttp.StatusNoContent)
}

// asset serves a file of assets/; folders (their listings) and paths that
// are not valid file names are not found.
func (s *Server) asset(w nethttp.ResponseWriter, r *nethttp.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/assets/")
	if name == "" || strings.HasSuffix(name, "/") || !fs.ValidPath(name) || !utf8.ValidString(name) {
		s.errorPage(w, r, detente.Errorf(detente.ENOTFOUND, "there is no asset at %s", r.URL.Path))
		return
	}
	if info, err := fs.Stat(files, "assets/"+name); err != nil || info.IsDir() {
		s.errorPage(w, r, detente.Errorf(detente.ENOTFOUND, "there is no asset at %s", r.URL.Path))
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	s.pages.assets.ServeHTTP(w, r)
}

// page is what every page template gets: its title and its own data.
type page struct {
	Title string
	Nav   string // the menu entry to mark as current
	// AsOf is the day the page's windows end on, shown on every page; the
	// render fills in the default when a handler leaves it zero.
	AsOf   time.Time
	Notice string // the server's notice, shown on every page
	Data   any
}

// render draws a page into a buffer first, so that a template error gives
// a clean 500 instead of half a page.
func (s *Server) render(w nethttp.ResponseWriter, r *nethttp.Request, status int, name string, p page) {
	if p.AsOf.IsZero() {
		d, err := s.asOf(r)
		if err != nil {
			// An error page may come from a bad as_of; it shows the default.
			d, err = s.latestDay(r.Context())
		}
		if err == nil {
			p.AsOf = d
		}
	}
	p.Notice = s.cfg.Notice
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := s.pages.tmpl[name].ExecuteTemplate(buf, "base.html", p); err != nil {
		s.log.ErrorContext(r.Context(), "render page", "url", r.URL.String(), "err", err)
		nethttp.Error(w, "internal error", nethttp.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	// The status line is sent; a failed write means the client left.
	_, _ = buf.WriteTo(w)
}

// pageBuffers keeps the buffers that render executes pages into, so that
// each page does not grow a new one from nothing: a page is tens of
// kilobytes, a pair's chart among them. BenchmarkPages on the demo store:
// 19-28 % fewer bytes allocated a page, the overview 0.92x the time, the
// pair page 0.96x, a country's 0.94x.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPageBuffer is the largest buffer putPageBuffer keeps: a page far
// larger than most would otherwise hold its memory in the pool.
const maxPageBuffer = 1 << 20

// putPageBuffer empties buf and gives it back to pageBuffers, unless it
// grew past maxPageBuffer.
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() > maxPageBuffer {
		return
	}
	buf.Reset()
	pageBuffers.Put(buf)
}

// errorPage shows err as a page with the status of its code; internal
// errors are logged and shown as "internal error".
func (s *Server) errorPage(w nethttp.ResponseWriter, r *nethttp.Request, err error) {
	status := statusOf(detente.ErrorCode(err))
	if status == nethttp.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "page failed", "url", r.URL.String(), "err", err)
	}
	s.render(w, r, status, "error", page{Title: nethttp.StatusText(status), Data: struct {
		Status  int
		Message string
	}{status, detente.ErrorMessage(err)}})
}

// quadNames names the QuadClasses.
var quadNames = map[detente.QuadClass]string{
	detente.VerbalCoop:       "verbal cooperation",
	detente.MaterialCoop:     "material cooperation",
	detente.VerbalConflict:   "verbal conflict",
	detente.MaterialConflict: "material conflict",
}

// pairURL is the path of a pair's page.
func pairURL(p detente.Pair) string { return "/pairs/" + p.Undirected().Key() }

// changeClass is the CSS class of a change of the index as shown, to two
// decimals: a change that reads 0.00 has no colour.
func changeClass(v float64) string {
	switch {
	case v >= 0.005:
		return "esc"
	case v <= -0.005:
		return "deesc"
	}
	return ""
}

// codeName names a CAMEO code: "046 engage in negotiation".
func codeName(code string) string {
	if c, ok := cameo.Lookup(code); ok {
		return code + " " + c.Name
	}
	return code
}

// fixed formats v with prec decimals, with its sign when signed, and never
// as "-0" or "+0.00": a value that rounds to zero reads 0.
func fixed(v float64, prec int, signed bool) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	if signed && v > 0 {
		s = "+" + s
	}
	return s
}

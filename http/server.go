package http

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	nethttp "net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/detente-project/detente"
)

// Config is what a Server serves and how.
type Config struct {
	// Reader reads articles, sentences and events. Required.
	Reader detente.Reader
	// Tension reads pair series, country indexes and alerts; without it the
	// tension endpoints answer 404 and the dashboard shows events only.
	Tension detente.TensionReader
	// Subscriptions manages alert webhooks; without it the subscription
	// endpoints answer 404.
	Subscriptions detente.SubscriptionService
	// CheckWebhook, when set, vets a new subscription's URL against the
	// deliveries' address guard (alert.Dispatcher.CheckURL); an error
	// refuses the subscription with its status.
	CheckWebhook func(url string) error
	// Push, when set, receives articles pushed with POST /api/v1/articles
	// (behind the token).
	Push nethttp.Handler
	// Token guards the write and admin endpoints: requests must carry
	// "Authorization: Bearer <Token>". Empty disables those endpoints (403).
	Token string
	// Registerer receives the HTTP metrics and Gatherer serves /metrics;
	// a fresh registry is used for both when nil.
	Registerer prometheus.Registerer
	Gatherer   prometheus.Gatherer
	// Logger logs server errors; slog.Default when nil.
	Logger *slog.Logger
	// Notice is a line every page shows above its content, such as the
	// demo's "synthetic sample data"; none when empty.
	Notice string
	// Now is the clock that sets the as-of day of an empty store; time.Now
	// when nil.
	Now func() time.Time
	// CacheTTL is how long answers of the read-only tension endpoints
	// (pairs, series, indexes, alerts) and of the overview, the two index
	// pages and a pair's and a country's page are served from memory; 0
	// keeps none. A few seconds keeps tail latency low under many clients
	// at the cost of answers that many seconds old, or twice that while
	// one request computes an expired answer anew and the others are
	// served the old one.
	CacheTTL time.Duration
	// Reads is how many reads of the store (API reads, pages, searches)
	// run at once; the others wait their turn, the one that has waited
	// the largest part of its kind's budget (an API read 50 ms, a page
	// 200 ms, a search 300 ms) first, each kind in the order it came.
	// Answers from the response cache, writes and assets do not wait.
	// 0: two per core (runtime.GOMAXPROCS); negative: no bound.
	Reads int
}

// cacheBytes bounds the memory the response cache takes.
const cacheBytes = 32 << 20

// Server serves the JSON API under /api/v1, /metrics and the dashboard.
type Server struct {
	cfg     Config
	log     *slog.Logger
	handler nethttp.Handler
	pages   *pages
	turns   *scheduler // the reads' turns
}

// route is one endpoint: a ServeMux pattern, whether it needs the token,
// and its handler.
type route struct {
	pattern string
	auth    bool
	cache   bool // read-only aggregate: served through the response cache
	// keys, for a cached page, are the query parameters it reads, its
	// cache key; it ignores others, as the page does. A cached API
	// endpoint's are those openapi.json gives it, and it refuses others.
	keys []string
	// class, when set, says whether a request of the route is a read, a
	// page or a search: such requests run a few at a time (Config.Reads),
	// in the order of their classes. Others (writes, health, assets) run
	// at once.
	class  func(*nethttp.Request) class
	handle nethttp.HandlerFunc
}

// NewServer returns a server over cfg.
func NewServer(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Registerer == nil || cfg.Gatherer == nil {
		reg := prometheus.NewRegistry()
		cfg.Registerer, cfg.Gatherer = reg, reg
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, log: cfg.Logger.With("stage", "http")}
	s.pages = newPages(s)
	mux := nethttp.NewServeMux()
	cache := newResponseCache(cfg.CacheTTL, cacheBytes, cfg.Now)
	params, err := queryParams()
	if err != nil {
		// The spec is embedded and a test parses it: a build bug.
		panic(err)
	}
	m := s.metrics()
	s.turns = newScheduler(cfg.Reads, m.wait)
	for _, r := range append(s.apiRoutes(), s.pageRoutes()...) {
		if r.class != nil {
			r.handle = s.turns.wrap(r.class, r.handle)
		}
		if r.cache {
			keys := r.keys
			if keys == nil {
				keys = params[r.pattern]
			}
			if cfg.CacheTTL > 0 {
				r.handle = cache.wrap(r.handle, keys)
			}
			if r.keys == nil {
				r.handle = s.knownQuery(keys, r.handle)
			}
		}
		var h nethttp.Handler = r.handle
		if r.auth {
			h = authorize(cfg.Token, s.log, h)
		}
		mux.Handle(r.pattern, h)
	}
	mux.Handle("GET /metrics", promhttp.HandlerFor(cfg.Gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("/api/", func(w nethttp.ResponseWriter, r *nethttp.Request) { s.noRoute(w, r, mux) })
	mux.HandleFunc("/", func(w nethttp.ResponseWriter, r *nethttp.Request) { s.noPage(w, r, mux) })
	s.handler = secure(m.instrument(mux))
	return s
}

// noRoute answers API requests that no endpoint takes, in JSON: 405 with
// the allowed methods when the path exists, else 404.
func (s *Server) noRoute(w nethttp.ResponseWriter, r *nethttp.Request, mux *nethttp.ServeMux) {
	allow := allowed(mux, r)
	if len(allow) == 0 {
		writeError(w, r, s.log, detente.Errorf(detente.ENOTFOUND, "no endpoint at %s", r.URL.Path))
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeJSON(w, nethttp.StatusMethodNotAllowed, errorBody{Error: errorDetail{
		Code: "method_not_allowed", Message: fmt.Sprintf("%s takes %s, not %s", r.URL.Path, strings.Join(allow, ", "), r.Method)}})
}

// noPage answers requests that no page takes: 405 with the allowed
// methods when the path exists, else 404.
func (s *Server) noPage(w nethttp.ResponseWriter, r *nethttp.Request, mux *nethttp.ServeMux) {
	allow := allowed(mux, r)
	if len(allow) == 0 {
		s.errorPage(w, r, detente.Errorf(detente.ENOTFOUND, "there is no page at %s", r.URL.Path))
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	s.render(w, r, nethttp.StatusMethodNotAllowed, "error", page{Title: nethttp.StatusText(nethttp.StatusMethodNotAllowed),
		Data: struct {
			Status  int
			Message string
		}{nethttp.StatusMethodNotAllowed, fmt.Sprintf("%s takes %s, not %s", r.URL.Path, strings.Join(allow, ", "), r.Method)}})
}

// allowed returns the methods that a route other than the fallbacks ("/",
// "/api/") takes for r's path.
func allowed(mux *nethttp.ServeMux, r *nethttp.Request) []string {
	var allow []string
	for _, m := range []string{"GET", "POST", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "/api/" && pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	return allow
}

// metrics registers the HTTP histograms, reusing those an earlier server
// registered on the same registry.
func (s *Server) metrics() *metrics {
	m, err := newMetrics(s.cfg.Registerer)
	if err != nil {
		// A registry that refuses a histogram for another reason is a
		// wiring bug; serve anyway and record into unregistered ones.
		s.log.Error("register http metrics", "err", err)
		m, _ = newMetrics(prometheus.NewRegistry())
	}
	return m
}

// apiRoutes lists the JSON API; openapi.json documents exactly these.
func (s *Server) apiRoutes() []route {
	rs := []route{
		{pattern: "GET /api/v1/health", handle: s.health},
		{pattern: "GET /api/v1/openapi.json", handle: serveOpenAPI},
		{pattern: "GET /api/v1/stats", class: asRead, handle: s.stats},
		{pattern: "GET /api/v1/articles", class: readOrSearch, handle: s.articles},
		{pattern: "GET /api/v1/articles/{id}", class: asRead, handle: s.article},
		{pattern: "POST /api/v1/articles", auth: true, handle: s.push},
		{pattern: "GET /api/v1/events", class: readOrSearch, handle: s.events},
		{pattern: "GET /api/v1/events/{id}", class: asRead, handle: s.event},
		{pattern: "GET /api/v1/pairs", class: asRead, cache: true, handle: s.pairs},
		{pattern: "GET /api/v1/pairs/{pair}/series", class: asRead, cache: true, handle: s.series},
		{pattern: "GET /api/v1/pairs/{pair}/alerts.atom", class: asRead, cache: true, handle: s.pairAtom},
		{pattern: "GET /api/v1/countries/{country}/index", class: asRead, cache: true, handle: s.countryIndex},
		{pattern: "GET /api/v1/alerts", class: asRead, cache: true, handle: s.alerts},
		{pattern: "GET /api/v1/alerts.atom", class: asRead, cache: true, handle: s.alertsAtom},
		{pattern: "GET /api/v1/subscriptions", auth: true, handle: s.subscriptions},
		{pattern: "POST /api/v1/subscriptions", auth: true, handle: s.createSubscription},
		{pattern: "GET /api/v1/subscriptions/{id}", auth: true, handle: s.subscription},
		{pattern: "DELETE /api/v1/subscriptions/{id}", auth: true, handle: s.deleteSubscription},
	}
	return rs
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() nethttp.Handler { return s.handler }

// ListenAndServe serves on addr until ctx is cancelled, then stops taking
// connections and waits up to 10 seconds for requests in flight to finish.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

// Warm computes what the dashboard's first visitors would otherwise wait
// for, the ranking of both kinds of pairs as of the latest day (a store
// keeps it until the tension tables change). Serve runs it in the
// background as it starts.
func (s *Server) Warm(ctx context.Context) error {
	if s.cfg.Tension == nil {
		return nil
	}
	for _, directed := range []bool{false, true} {
		if _, err := s.cfg.Tension.Pairs(ctx, detente.PairFilter{Directed: directed, Limit: 1}); err != nil {
			return fmt.Errorf("warm the ranking of pairs: %w", err)
		}
	}
	return nil
}

// Serve is ListenAndServe on a listener the caller opened.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	go func() {
		if err := s.Warm(ctx); err != nil && ctx.Err() == nil {
			s.log.WarnContext(ctx, "ranking not computed ahead", "err", err)
		}
	}()
	srv := &nethttp.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if serveErr := <-errc; !errors.Is(serveErr, nethttp.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	if err != nil {
		return fmt.Errorf("shut down server on %s: %w", ln.Addr(), err)
	}
	return nil
}

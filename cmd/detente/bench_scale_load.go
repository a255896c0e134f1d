package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	nethttp "net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// scaleEndpoint is one kind of request the clients make: its name, which
// target applies (api, page or search), and how to draw a path.
type scaleEndpoint struct {
	name, kind string
	path       func(r *scaleRequests) string
}

// scaleRequests draws the varied filters of one client's requests.
type scaleRequests struct {
	rng     *rand.Rand
	country *rand.Zipf
	word    *rand.Zipf
	g       *scaleGen
	targets scaleTargetSet
}

func newScaleRequests(g *scaleGen, t scaleTargetSet, seed uint64, client int) *scaleRequests {
	rng := rand.New(rand.NewPCG(seed, uint64(client)+1))
	return &scaleRequests{
		rng:     rng,
		country: rand.NewZipf(rng, 1.3, 2, uint64(len(scaleCountries)-1)),
		word:    rand.NewZipf(rng, 1.1, 3, uint64(len(g.vocab)-1)),
		g:       g,
		targets: t,
	}
}

// countryCode draws a country by the store's own popularity.
func (r *scaleRequests) countryCode() string { return scaleCountries[r.country.Uint64()].code }

// pair draws a pair of two different countries, as the API spells it.
func (r *scaleRequests) pair() string {
	a, b := r.countryCode(), r.countryCode()
	for b == a {
		b = r.countryCode()
	}
	if b < a {
		a, b = b, a
	}
	return a + "-" + b
}

// window returns a from and to of days long, inside the store's span.
func (r *scaleRequests) window(days int) (string, string) {
	from := r.g.start.AddDate(0, 0, r.rng.IntN(max(r.g.days-days, 1)))
	return from.Format(time.DateOnly), from.AddDate(0, 0, days-1).Format(time.DateOnly)
}

// query draws a search query: a content word, two, or a rare name.
func (r *scaleRequests) query() string {
	content := func() string {
		// Skip the dozen most common function words.
		for {
			if w := r.g.vocab[r.word.Uint64()]; r.rng.IntN(10) == 0 || !slices.Contains(scaleWords[:20], w) {
				return w
			}
		}
	}
	switch r.rng.IntN(4) {
	case 0:
		return content() + " " + content()
	case 1:
		return r.g.vocab[len(scaleWords)+r.rng.IntN(scaleTail)]
	default:
		return content()
	}
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// scaleEndpoints lists every API endpoint and dashboard page the clients
// load, each with the filters a user would set.
func scaleEndpoints(t scaleTargetSet) []scaleEndpoint {
	eps := []scaleEndpoint{
		{"api-stats", "api", func(*scaleRequests) string { return "/api/v1/stats" }},
		{"api-pairs", "api", func(r *scaleRequests) string {
			if r.rng.IntN(2) == 0 {
				return "/api/v1/pairs?limit=20"
			}
			return "/api/v1/pairs?limit=20&country=" + r.countryCode()
		}},
		{"api-series", "api", func(r *scaleRequests) string {
			if r.rng.IntN(2) == 0 {
				return "/api/v1/pairs/" + r.pair() + "/series"
			}
			from, to := r.window(365)
			return "/api/v1/pairs/" + r.pair() + "/series?from=" + from + "&to=" + to
		}},
		{"api-country-index", "api", func(r *scaleRequests) string {
			if r.rng.IntN(2) == 0 {
				return "/api/v1/countries/" + r.countryCode() + "/index"
			}
			from, to := r.window(180)
			return "/api/v1/countries/" + r.countryCode() + "/index?from=" + from + "&to=" + to + "&interval=week"
		}},
		{"api-alerts", "api", func(r *scaleRequests) string {
			if r.rng.IntN(2) == 0 {
				return "/api/v1/alerts?limit=20"
			}
			return "/api/v1/alerts?pair=" + r.pair()
		}},
		{"api-events", "api", func(r *scaleRequests) string {
			v := url.Values{"limit": {"50"}}
			switch r.rng.IntN(4) {
			case 0:
				v.Set("pair", r.pair())
				from, to := r.window(30)
				v.Set("from", from)
				v.Set("to", to)
			case 1:
				v.Set("source", r.countryCode())
				v.Set("root", fmt.Sprintf("%02d", 1+r.rng.IntN(20)))
			case 2:
				v.Set("agent", pick(r.rng, []string{"MIL", "GOV", "REB", "OPP"}))
				v.Set("quad", fmt.Sprint(1+r.rng.IntN(4)))
			default:
				v.Set("target", r.countryCode())
			}
			return "/api/v1/events?" + v.Encode()
		}},
		{"api-event", "api", func(r *scaleRequests) string { return "/api/v1/events/" + pick(r.rng, r.targets.events) }},
		{"api-articles", "api", func(r *scaleRequests) string {
			from, to := r.window(7)
			return "/api/v1/articles?limit=20&from=" + from + "&to=" + to
		}},
		{"api-article", "api", func(r *scaleRequests) string { return "/api/v1/articles/" + pick(r.rng, r.targets.articles) }},
		{"search-events", "search", func(r *scaleRequests) string {
			v := url.Values{"q": {r.query()}, "limit": {"50"}}
			if r.rng.IntN(3) == 0 {
				v.Set("pair", r.pair())
			}
			return "/api/v1/events?" + v.Encode()
		}},
		{"search-articles", "search", func(r *scaleRequests) string {
			return "/api/v1/articles?" + url.Values{"q": {r.query()}, "limit": {"20"}}.Encode()
		}},
		{"search-page", "search", func(r *scaleRequests) string {
			v := url.Values{"q": {r.query()}}
			if r.rng.IntN(3) == 0 {
				v.Set("pair", r.pair())
			}
			return "/search?" + v.Encode()
		}},
		{"page-overview", "page", func(*scaleRequests) string { return "/" }},
		{"page-pairs", "page", func(*scaleRequests) string { return "/pairs" }},
		{"page-pair", "page", func(r *scaleRequests) string { return "/pairs/" + r.pair() }},
		{"page-countries", "page", func(*scaleRequests) string { return "/countries" }},
		{"page-country", "page", func(r *scaleRequests) string { return "/countries/" + r.countryCode() }},
		{"page-event", "page", func(r *scaleRequests) string { return "/events/" + pick(r.rng, r.targets.events) }},
		{"page-article", "page", func(r *scaleRequests) string { return "/articles/" + pick(r.rng, r.targets.articles) }},
	}
	if len(t.alerts) > 0 {
		eps = append(eps, scaleEndpoint{"page-alert", "page", func(r *scaleRequests) string { return "/alerts/" + pick(r.rng, r.targets.alerts) }})
	}
	return eps
}

// clientRecord is what one client saw of one endpoint.
type clientRecord struct {
	took   []time.Duration
	errors int
}

// loadServer serves st and has o.clients clients cycle through the
// endpoints, each starting at its own, until o.duration has passed or
// o.maxRequests have been made; then asks each endpoint o.solo times
// alone. It returns each endpoint's figures and up to ten failed
// requests, described.
func loadServer(ctx context.Context, e *env, o scaleOptions, st store, g *scaleGen, t scaleTargetSet) (map[string]endpointResult, []string, error) {
	eps := scaleEndpoints(t)
	if o.only != nil {
		eps = slices.DeleteFunc(eps, func(ep scaleEndpoint) bool { return !o.only[ep.name] })
		if len(eps) == 0 {
			return nil, nil, fmt.Errorf("--only: no endpoint of that name (have %v)", endpointNames(scaleEndpoints(t)))
		}
	}
	base, stop, err := startScaleServer(ctx, e, o, st)
	if err != nil {
		return nil, nil, err
	}
	client := &nethttp.Client{
		Transport: &nethttp.Transport{MaxIdleConnsPerHost: o.clients, MaxConnsPerHost: o.clients},
		Timeout:   time.Minute,
		// A redirect is an answer other than 2xx: report it, don't follow.
		CheckRedirect: func(*nethttp.Request, []*nethttp.Request) error { return nethttp.ErrUseLastResponse },
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			stop()
			return nil, nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			stop()
			return nil, nil, err
		}
	}
	// Clients start no request after the deadline but finish the ones
	// under way, so that every request started is measured.
	deadline := time.Now().Add(o.duration)
	var budget atomic.Int64
	budget.Store(int64(o.maxRequests))
	var mu sync.Mutex
	var failures []string
	records := make([][]clientRecord, o.clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range o.clients {
		records[c] = make([]clientRecord, len(eps))
		wg.Go(func() {
			r := newScaleRequests(g, t, o.seed, c)
			for i := c; ctx.Err() == nil && time.Now().Before(deadline) && budget.Add(-1) >= 0; i++ {
				k := i % len(eps)
				path := eps[k].path(r)
				t0 := time.Now()
				fail := get(ctx, client, base+path)
				rec := &records[c][k]
				rec.took = append(rec.took, time.Since(t0))
				if fail != "" {
					rec.errors++
					mu.Lock()
					if len(failures) < 10 {
						failures = append(failures, eps[k].name+" GET "+path+": "+fail)
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if o.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	// Then each endpoint alone, one request at a time: its own cost,
	// without the queue the clients make.
	solo := make([][]time.Duration, len(eps))
	r := newScaleRequests(g, t, o.seed, o.clients)
	for k, ep := range eps {
		for range o.solo {
			if ctx.Err() != nil {
				break
			}
			path := ep.path(r)
			t0 := time.Now()
			if fail := get(ctx, client, base+path); fail != "" {
				records[0][k].errors++
				if len(failures) < 10 {
					failures = append(failures, ep.name+" GET "+path+" (alone): "+fail)
				}
			}
			solo[k] = append(solo[k], time.Since(t0))
		}
		slices.Sort(solo[k])
	}
	if err := stop(); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	out := map[string]endpointResult{}
	for k, ep := range eps {
		var all []time.Duration
		errs := 0
		for c := range records {
			all = append(all, records[c][k].took...)
			errs += records[c][k].errors
		}
		slices.Sort(all)
		out[ep.name] = endpointResult{
			Kind: ep.kind, Requests: len(all), Errors: errs,
			P50: quantileMS(all, 0.50), P95: quantileMS(all, 0.95), P99: quantileMS(all, 0.99),
			RPS:     float64(len(all)) / elapsed.Seconds(),
			SoloP50: quantileMS(solo[k], 0.50),
		}
	}
	return out, failures, nil
}

// get fetches u and returns "" for a 2xx answer read to the end, else
// what went wrong.
func get(ctx context.Context, c *nethttp.Client, u string) string {
	req, err := nethttp.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err.Error()
	}
	resp, err := c.Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return fmt.Sprintf("%s: %q", resp.Status, b)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return "read body: " + err.Error()
	}
	return ""
}

// quantileMS returns the q quantile of sorted durations in milliseconds
// (nearest rank), 0 for none.
func quantileMS(sorted []time.Duration, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*q+0.999999) - 1
	i = min(max(i, 0), len(sorted)-1)
	return float64(sorted[i].Microseconds()) / 1000
}

func endpointNames(eps []scaleEndpoint) []string {
	var ns []string
	for _, ep := range eps {
		ns = append(ns, ep.name)
	}
	return ns
}

// endpointOrder lists the endpoints by kind (api, search, page), then by
// p99, worst first.
func endpointOrder(m map[string]endpointResult) []string {
	rank := map[string]int{"api": 0, "search": 1, "page": 2}
	var ns []string
	for n := range m {
		ns = append(ns, n)
	}
	sort.Slice(ns, func(i, j int) bool {
		a, b := m[ns[i]], m[ns[j]]
		if a.Kind != b.Kind {
			return rank[a.Kind] < rank[b.Kind]
		}
		if a.P99 != b.P99 {
			return a.P99 > b.P99
		}
		return ns[i] < ns[j]
	})
	return ns
}

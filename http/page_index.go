package http

import (
	"context"
	nethttp "net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/tension"
)

// pairsPerPage is the length of a page of the pair index.
const pairsPerPage = 50

type pairIndexData struct {
	AsOf       time.Time
	Country    string // the country the list is limited to, "" for all
	Pairs      []detente.PairSummary
	First      int    // rank of the first pair listed, from 1
	Prev, Next string // links to the neighbouring pages, "" at the ends
	WindowDays int
	RecentDays int
	HasTense   bool
}

// pairIndex lists every ranked pair, a page at a time, so that none is out
// of reach of the overview's short list.
func (s *Server) pairIndex(w nethttp.ResponseWriter, r *nethttp.Request) {
	f, err := s.pairFilter(r)
	if err == nil && r.URL.Query().Get("limit") == "" {
		f.Limit = pairsPerPage
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	d := pairIndexData{AsOf: f.AsOf, Country: f.Country, First: f.Offset + 1, WindowDays: tension.RankDays,
		RecentDays: detente.RecentDays, HasTense: s.cfg.Tension != nil}
	if t := s.cfg.Tension; t != nil {
		// One more than the page tells whether a next page exists.
		probe := f
		probe.Limit = f.Limit + 1
		ps, err := t.Pairs(r.Context(), probe)
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		if len(ps) > f.Limit {
			ps = ps[:f.Limit]
			d.Next = pageLink(r.URL, pairsPageKeys, f.Offset+f.Limit)
		}
		if f.Offset > 0 {
			d.Prev = pageLink(r.URL, pairsPageKeys, max(0, f.Offset-f.Limit))
		}
		d.Pairs = ps
	}
	s.render(w, r, nethttp.StatusOK, "pairs", page{Title: "All pairs", Nav: "pairs", AsOf: f.AsOf, Data: d})
}

// pageLink is u with its offset set and, of its other query parameters,
// only keys, those the page reads.
func pageLink(u *url.URL, keys []string, offset int) string {
	q := u.Query()
	link := url.Values{}
	for _, k := range keys {
		if v := q.Get(k); v != "" {
			link.Set(k, v)
		}
	}
	link.Set("offset", strconv.Itoa(offset))
	v := *u
	v.RawQuery = link.Encode()
	return v.RequestURI()
}

// pairsPageKeys are the query parameters the pair index reads
// (Server.pairFilter): its cache key, and all its paging links keep.
var pairsPageKeys = []string{"as_of", "to", "country", "directed", "limit", "offset"}

// countryRow is one country of the country index: its mean risk index over
// the window, the articles behind it, or why it has none.
type countryRow struct {
	Code, Name string
	Index      float64
	Lower      float64 // mean lower end of the index's 90% band: how sure a high index is
	Class      string  // the map's shade, m0 … m4
	Articles   int     // articles about the country in the window
	Risk       int     // of those, reporting threats, military moves or violence
	NoData     string  // why the country has no index in the window; "" when it has one
}

// countryRows measures each country over the days days up to asOf.
func (s *Server) countryRows(ctx context.Context, t detente.TensionReader, codes []string, asOf time.Time, days int) ([]countryRow, error) {
	idx, err := t.CountryIndexes(ctx, detente.CountryFilter{From: asOf.AddDate(0, 0, 1-days), To: asOf}, codes)
	if err != nil {
		return nil, err
	}
	rows := make([]countryRow, len(codes))
	for i, c := range codes {
		rows[i] = countryRowOf(c, idx[c], days)
	}
	sortCountries(rows)
	return rows, nil
}

// sortCountries orders countries with data first, by the lower end of
// their band rather than their index, so that one article does not put a
// country above one with a month of them; then by name.
func sortCountries(rows []countryRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.NoData == "") != (b.NoData == "") {
			return a.NoData == ""
		}
		if a.Lower != b.Lower {
			return a.Lower > b.Lower
		}
		return a.Name < b.Name
	})
}

// countryRowOf is a country's mean index over the days it has articles.
func countryRowOf(code string, pts []detente.CountryPoint, days int) countryRow {
	row := countryRow{Code: code, Name: countryName(code)}
	var sum, lower float64
	n := 0
	for _, p := range pts {
		row.Articles += p.Articles
		row.Risk += p.Risk
		if p.Articles > 0 {
			sum += p.Index
			lower += p.Lower
			n++
		}
	}
	if n == 0 {
		row.NoData = "no article about " + row.Name + " with a counted event in the " + strconv.Itoa(days) + " days to this day"
		return row
	}
	row.Index, row.Lower = sum/float64(n), lower/float64(n)
	row.Class = shadeClass(row.Index)
	return row
}

type countryIndexData struct {
	AsOf     time.Time
	Days     int
	HasTense bool
	Rows     []countryRow
}

// countryIndexPage lists every country of a ranked pair with its risk
// index, its counts and, where it has none, why.
func (s *Server) countryIndexPage(w nethttp.ResponseWriter, r *nethttp.Request) {
	asOf, err := s.asOf(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	d := countryIndexData{AsOf: asOf, Days: mapDays, HasTense: s.cfg.Tension != nil}
	if t := s.cfg.Tension; t != nil {
		ps, err := t.Pairs(r.Context(), detente.PairFilter{AsOf: asOf, Limit: tension.MaxPairs})
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		if d.Rows, err = s.countryRows(r.Context(), t, pairCountries(ps), asOf, mapDays); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	s.render(w, r, nethttp.StatusOK, "countries", page{Title: "Countries", Nav: "countries", AsOf: asOf, Data: d})
}

// pairCountries lists the countries of the pairs, each once.
func pairCountries(ps []detente.PairSummary) []string {
	seen := map[string]bool{}
	var codes []string
	for _, p := range ps {
		for _, c := range []string{p.Pair.A, p.Pair.B} {
			if !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	return codes
}
